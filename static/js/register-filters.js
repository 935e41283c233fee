// The register's filters: open on wide screens, folded into "Bộ lọc" on phones so the
// results come first. Without this script the control is folded everywhere and opens
// with one tap or click.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 48rem)");
  function apply() {
    var box = document.getElementById("bo-loc");
    if (box && wide.matches) {
      box.open = true;
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", apply);
  } else {
    apply();
  }
})();
