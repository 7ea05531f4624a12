// Small touches on top of pages that work without JavaScript: a live character count, a report
// dialog, and cancelling a reply form that htmx put on the page.
(function () {
  "use strict";

  function updateCounter(textarea) {
    var max = parseInt(textarea.dataset.maxlength, 10);
    var form = textarea.closest("form");
    var counter = form && form.querySelector(".compose__counter");
    if (!max || !counter) return;
    var left = max - textarea.value.length;
    counter.textContent = left >= 0 ? left + " characters left" : -left + " characters too many";
    counter.classList.toggle("compose__counter--over", left < 0);
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("textarea[data-maxlength]")) {
      updateCounter(event.target);
    }
  });

  document.addEventListener("click", function (event) {
    var cancel = event.target.closest && event.target.closest("[data-cancel]");
    if (cancel && cancel.closest("[id^='reply-slot-']")) {
      event.preventDefault();
      var slot = cancel.closest("[id^='reply-slot-']");
      slot.innerHTML = "";
      var reply = slot.parentElement.querySelector(".comment__reply");
      if (reply) reply.focus();
    }
    var close = event.target.closest && event.target.closest("[data-close-dialog]");
    var dialog = document.getElementById("community-dialog");
    if (close && dialog && dialog.contains(close)) {
      event.preventDefault();
      dialog.close();
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (target.id === "community-dialog" && !target.open) target.showModal();
    var textarea = target.querySelector && target.querySelector("textarea");
    if (textarea && target.id && target.id.indexOf("reply-slot-") === 0) textarea.focus();
  });
})();
