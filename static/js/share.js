// "Sao chép liên kết": copies the page's address. Without this script, the read-only
// field next to the button holds the address to select and copy by hand.
(function () {
  "use strict";
  var groups = document.querySelectorAll(".share");
  Array.prototype.forEach.call(groups, function (group) {
    var button = group.querySelector(".share__copy");
    var field = group.querySelector(".share__field");
    var status = group.querySelector(".share__status");
    if (!button || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    if (field) {
      field.hidden = true;
    }
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-copy-url")).then(
        function () {
          status.textContent = "Đã sao chép liên kết.";
        },
        function () {
          if (field) {
            field.hidden = false;
            field.querySelector("input").select();
          }
          status.textContent = "Không sao chép tự động được: hãy chép liên kết trong ô.";
        }
      );
    });
  });
})();
