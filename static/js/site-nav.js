// The main menu on narrow screens: one "Danh mục" button opens the list. Without this
// script (or with it blocked) the list simply wraps and every item stays visible.
(function () {
  "use strict";
  var nav = document.getElementById("site-nav");
  var button = nav && nav.querySelector(".site-nav__toggle");
  var list = nav && document.getElementById("site-menu");
  if (!button || !list) {
    return;
  }
  nav.classList.add("site-nav--folding");
  button.hidden = false;
  function set(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("site-nav--open", open);
  }
  button.addEventListener("click", function () {
    set(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      set(false);
      button.focus();
    }
  });
})();
