// On the page that embeds a forum's agenda: size each <iframe data-forum-embed> to the
// height its agenda reports. Only messages from that iframe's own window are believed.
(function () {
  "use strict";
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "forum-site-embed-height") return;
    var frames = document.querySelectorAll("iframe[data-forum-embed]");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        var height = Math.min(Math.max(parseInt(data.height, 10) || 0, 200), 100000);
        frames[i].style.height = height + "px";
      }
    }
  });
})();
