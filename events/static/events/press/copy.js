// Copy buttons for the citation boxes. Without JavaScript the buttons stay
// hidden and the read-only text areas are there to select and copy from.
(function () {
  "use strict";

  function selectAndCopy(area) {
    area.focus();
    area.select();
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function copy(button) {
    var area = document.getElementById(button.dataset.copy);
    var status = button.closest(".cite-box").querySelector(".copy-status");
    var done = function () { status.textContent = button.dataset.copied; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(area.value).then(done, function () {
        if (selectAndCopy(area)) { done(); }
      });
    } else if (selectAndCopy(area)) {
      done();
    }
  }

  document.querySelectorAll(".copy-button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });
})();
