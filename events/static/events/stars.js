// Stars on public pages (events/public/my_agenda.py). The pages are the same for every
// visitor and may come from a cache, so which stars are lit is asked here. Every star is a
// button submitting the page's one star form (base.html) with its session as its value; a
// click posts what that form would, without leaving the page.
(function () {
  "use strict";
  var words = document.getElementById("star-words");
  var form = document.getElementById("star-form");
  var buttons = document.querySelectorAll('button.star[form="star-form"]');
  if (!words || !form || !buttons.length || !window.fetch) return;
  var starred = new Set();

  function paint() {
    buttons.forEach(function (button) {
      var on = starred.has(button.value);
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.querySelector(".star-icon").textContent = on ? "★" : "☆";
      button.querySelector(".star-text").textContent = on
        ? words.getAttribute("data-remove")
        : words.getAttribute("data-add");
    });
  }

  function take(response) {
    if (!response.ok) throw new Error(response.status);
    return response.json().then(function (data) {
      starred = new Set(data.starred.map(String));
      paint();
    });
  }

  function postWithoutScript(session) {
    // submit() sends no button's value, so the session goes in a field of its own.
    var field = document.createElement("input");
    field.type = "hidden";
    field.name = "session";
    field.value = session;
    form.appendChild(field);
    form.submit();
  }

  var json = { credentials: "same-origin", headers: { Accept: "application/json" } };
  fetch(words.getAttribute("data-stars-url"), json).then(take).catch(function () {});
  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    // A browser that does not name the button posts the form itself: a toggle.
    if (!button || !button.value) return;
    event.preventDefault();
    var pressed = button.getAttribute("aria-pressed");
    // A click does what the button shows; "toggle" until the stars are known.
    form.elements.action.value = pressed ? (pressed === "true" ? "remove" : "add") : "toggle";
    var body = new FormData(form);
    body.set("session", button.value);
    var options = Object.assign({ method: "POST", body: body }, json);
    // getAttribute: the form's field named "action" hides the form.action property.
    fetch(form.getAttribute("action"), options).then(take).catch(function () {
      postWithoutScript(button.value);
    });
  });
})();
