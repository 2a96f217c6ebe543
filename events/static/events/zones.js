// The visitor's own time zone beside the forum's (events/includes/zone_switch.html).
// Every session time is a <time datetime="start with offset" data-ends="end with offset">
// written by the server in the forum's zone, DST included; the browser converts each
// instant to its own zone with its own rules. The choice is kept in this browser only,
// so pages stay the same for everyone and cacheable.
(function () {
  "use strict";
  var KEY = "forum-site:show-my-zone";
  var switches = document.querySelectorAll(".zone-switch");
  var times = document.querySelectorAll("time[data-ends]");
  if (!switches.length || !times.length || !window.Intl) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var language = document.documentElement.lang || "en";

  function formatter(options) {
    return new Intl.DateTimeFormat(language, Object.assign({ timeZone: zone }, options));
  }
  var clock = formatter({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  var day = formatter({ weekday: "short", month: "short", day: "numeric" });
  var zoneName = formatter({ timeZoneName: "short" });

  function shortZone(date) {
    var part = zoneName.formatToParts(date).find(function (p) { return p.type === "timeZoneName"; });
    return part ? part.value : zone;
  }

  function localDay(iso) {
    return iso.slice(0, 10); // the forum's date: the server writes its local ISO time
  }

  function visitorText(element, yourTime) {
    var start = new Date(element.getAttribute("datetime"));
    var end = new Date(element.getAttribute("data-ends"));
    var visitorDay = formatter({ year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(start)
      .reduce(function (acc, p) { acc[p.type] = p.value; return acc; }, {});
    var sameDay = visitorDay.year + "-" + visitorDay.month + "-" + visitorDay.day ===
      localDay(element.getAttribute("datetime"));
    var text = clock.format(start) + "–" + clock.format(end) + " " + shortZone(start);
    if (!sameDay) text = day.format(start) + " " + text;
    return yourTime.replace("{time}", text); // "{time} (your time)", translated
  }

  function show(on) {
    times.forEach(function (element) {
      var next = element.nextElementSibling;
      var shown = next && next.classList.contains("visitor-time") ? next : null;
      if (!on) {
        if (shown) shown.remove();
        return;
      }
      if (!shown) {
        shown = document.createElement("span");
        shown.className = "visitor-time";
        element.after(shown);
      }
      shown.textContent = " · " + visitorText(element, switches[0].getAttribute("data-your-time"));
    });
    switches.forEach(function (box) { box.querySelector("input").checked = on; });
  }

  var differs = false;
  switches.forEach(function (box) {
    var forumZone = box.getAttribute("data-forum-zone");
    if (forumZone && forumZone === zone) return; // nothing to add
    differs = true;
    box.hidden = false;
    box.querySelector(".zone-switch-name").textContent = zone.replace(/_/g, " ");
    box.querySelector("input").addEventListener("change", function (event) {
      try { localStorage.setItem(KEY, event.target.checked ? "1" : "0"); } catch (e) { /* private mode */ }
      show(event.target.checked);
    });
  });
  var stored = null;
  try { stored = localStorage.getItem(KEY); } catch (e) { /* private mode */ }
  if (differs && stored === "1") show(true);
})();
