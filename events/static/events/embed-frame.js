// Inside the embedded agenda (events/embed.html): tell the framing page how tall the
// agenda is, whenever that changes, so that embed.js there can size the iframe.
(function () {
  "use strict";
  if (window.parent === window) return;
  var last = 0;
  function report() {
    var height = Math.ceil(document.documentElement.scrollHeight);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "forum-site-embed-height", height: height }, "*");
  }
  report();
  if (window.ResizeObserver) new ResizeObserver(report).observe(document.body);
  window.addEventListener("load", report);
})();
