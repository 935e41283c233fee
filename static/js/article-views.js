// Counts one view of the article once it is shown: a POST without cookies of its own,
// answered 204 (rules in iagrai_cms/readership.py). The page itself may come from a cache.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.getAttribute("data-view-url");
  if (!url) {
    return;
  }
  function send() {
    if (navigator.sendBeacon && navigator.sendBeacon(url)) {
      return;
    }
    if (window.fetch) {
      fetch(url, { method: "POST", keepalive: true, credentials: "same-origin" });
    }
  }
  // A page prerendered by the browser has not been seen yet: count it when it is.
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();
