// The unit's report screen (no inline scripts: the admin runs under a CSP).
// - "Gửi báo cáo" asks for confirmation, naming who receives the report;
// - each chosen file gets its own caption box (sent as <field>_caption, in file order);
// - long task texts fold with a visible "Xem thêm".
(function () {
  "use strict";

  function onReady(callback) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", callback);
    } else {
      callback();
    }
  }

  function confirmSend() {
    document.addEventListener("click", function (event) {
      var button = event.target.closest("[data-report-confirm]");
      if (button && !window.confirm(button.getAttribute("data-report-confirm"))) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    }, true);
  }

  function captionBoxes() {
    document.querySelectorAll("[data-captions-for]").forEach(function (list) {
      var input = document.getElementById(list.getAttribute("data-captions-for"));
      if (!input) {
        return;
      }
      input.addEventListener("change", function () {
        var previous = {};
        list.querySelectorAll("input").forEach(function (box) {
          previous[box.getAttribute("data-file")] = box.value;
        });
        list.textContent = "";
        Array.prototype.forEach.call(input.files, function (file, index) {
          var item = document.createElement("li");
          var label = document.createElement("label");
          var box = document.createElement("input");
          box.type = "text";
          box.name = list.getAttribute("data-caption-name");
          box.maxLength = 300;
          box.id = input.id + "-caption-" + index;
          box.setAttribute("data-file", file.name);
          box.value = previous[file.name] || "";
          label.htmlFor = box.id;
          label.textContent = list.getAttribute("data-caption-label") + " " + file.name;
          item.appendChild(label);
          item.appendChild(box);
          list.appendChild(item);
        });
      });
    });
  }

  function foldLongTasks() {
    document.querySelectorAll(".report-task__more").forEach(function (button) {
      var body = document.getElementById(button.getAttribute("aria-controls"));
      if (!body) {
        return;
      }
      var more = button.textContent;
      var less = button.getAttribute("data-label-less");
      body.classList.add("report-task__body--folded");
      button.hidden = false;
      button.addEventListener("click", function () {
        var folded = body.classList.toggle("report-task__body--folded");
        button.setAttribute("aria-expanded", folded ? "false" : "true");
        button.textContent = folded ? more : less;
      });
    });
  }

  confirmSend();
  onReady(function () {
    captionBoxes();
    foldLongTasks();
  });
})();
