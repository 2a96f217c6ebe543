// Stars on public pages (events/public/my_agenda.py). The pages are the same for every
// visitor and may come from a cache, so which stars are lit is asked here, and a click
// posts the same form the no-JavaScript button submits, without leaving the page.
(function () {
  "use strict";
  var words = document.getElementById("star-words");
  var buttons = document.querySelectorAll("button.star[data-session]");
  if (!words || !buttons.length || !window.fetch) return;
  var starred = new Set();

  function paint() {
    buttons.forEach(function (button) {
      var on = starred.has(button.getAttribute("data-session"));
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.querySelector(".star-icon").textContent = on ? "★" : "☆";
      button.querySelector(".star-text").textContent = on
        ? words.getAttribute("data-remove")
        : words.getAttribute("data-add");
      button.form.querySelector("input[name=action]").value = on ? "remove" : "add";
    });
  }

  function take(response) {
    if (!response.ok) throw new Error(response.status);
    return response.json().then(function (data) {
      starred = new Set(data.starred.map(String));
      paint();
    });
  }

  var json = { credentials: "same-origin", headers: { Accept: "application/json" } };
  fetch(words.getAttribute("data-stars-url"), json).then(take).catch(function () {});
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList.contains("star-form")) return;
    event.preventDefault();
    var options = Object.assign({ method: "POST", body: new FormData(form) }, json);
    // getAttribute: the form's field named "action" hides the form.action property.
    fetch(form.getAttribute("action"), options).then(take).catch(function () { form.submit(); });
  });
})();
