// Keyboard-driven moderation. Every button here is a plain form too: without this script the
// queue still works, one page load a decision.
(() => {
  "use strict";
  const cards = () => [...document.querySelectorAll(".mod-card[data-card]:not([data-decided])")];
  let current = null;

  function csrf() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function claim(card, left) {
    const url = card.dataset.claimUrl;
    if (!url) return;
    const body = new URLSearchParams();
    if (left && left.dataset.card) body.set("release", left.dataset.card);
    fetch(url, {
      method: "POST",
      headers: { "X-CSRFToken": csrf() },
      body,
      credentials: "same-origin",
    })
      .then(async (response) => {
        const answer = await response.text(); // read to the end, so the request completes
        let note = card.querySelector(".mod-claim");
        if (response.status === 409) {
          if (!note) {
            note = document.createElement("p");
            note.className = "mod-claim";
            note.setAttribute("role", "status");
            card.querySelector(".mod-actions").before(note);
          }
          note.textContent = answer;
          card.classList.add("mod-card--held");
        }
      })
      .catch(() => {});
  }

  function select(card) {
    if (!card) return;
    const left = current;
    if (current) current.classList.remove("mod-card--current");
    current = card;
    card.classList.add("mod-card--current");
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "nearest", behavior: "smooth" });
    claim(card, left);
  }

  function move(step) {
    const list = cards();
    if (!list.length) {
      const more = document.querySelector("#more-cards a");
      if (more) more.click();
      return;
    }
    const at = list.indexOf(current);
    const next = list[Math.min(Math.max(at + step, 0), list.length - 1)];
    if (at === -1) select(list[0]);
    else if (at + step >= list.length) {
      const more = document.querySelector("#more-cards a");
      if (more) more.click();
      else select(next);
    } else select(next);
  }

  function press(card, key) {
    const control = card && card.querySelector(`[data-key="${key}"]`);
    if (!control) return false;
    if (control.tagName === "SELECT") control.focus();
    else control.click();
    return true;
  }

  function help(show) {
    const box = document.getElementById("mod-help");
    if (!box) return;
    box.hidden = !show;
    if (show) box.querySelector("button").focus();
    else if (current) current.focus();
  }

  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable]");
  }

  // Capture phase, so the admin's own "?" shortcut does not also open its dialog here.
  window.addEventListener(
    "keydown",
    (event) => {
      if (!document.querySelector(".mod")) return;
      if (event.key === "Escape") {
        help(false);
        const panel = document.getElementById("reader-panel");
        if (panel) panel.innerHTML = "";
        if (typing(event.target) && current) current.focus();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      const handled = {
        j: () => move(1),
        k: () => move(-1),
        a: () => press(current, "a"),
        r: () => press(current, "r"),
        f: () => press(current, "f"),
        u: () => current && current.querySelector("[data-reader-link]")?.click(),
        o: () => current && window.open(current.dataset.link, "_blank", "noopener"),
        x: () => {
          const box = current && current.querySelector("input[name=ids]");
          if (box) box.checked = !box.checked;
        },
        "?": () => help(document.getElementById("mod-help").hidden),
      }[event.key];
      if (handled) {
        event.preventDefault();
        event.stopImmediatePropagation();
        handled();
      }
    },
    true,
  );

  // Enter on a focused reason submits the reject form, as the help says.
  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.matches(".mod-reject select")) {
      event.preventDefault();
      event.target.form.requestSubmit();
    }
  });

  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-mod-help]")) help(true);
    if (event.target.closest("[data-mod-close]")) help(false);
    if (event.target.closest("[data-mod-close-panel]")) {
      document.getElementById("reader-panel").innerHTML = "";
    }
    const card = event.target.closest(".mod-card[data-card]");
    if (card && card !== current && !card.hasAttribute("data-decided")) select(card);
  });

  // After a decision the card is swapped for its outcome (and htmx has settled it): go on to
  // the next one.
  document.addEventListener("htmx:afterSettle", (event) => {
    const swapped = event.detail.target;
    if (swapped && swapped.id && swapped.id.startsWith("card-")) {
      const done = document.getElementById(swapped.id);
      if (done && done.hasAttribute("data-decided")) {
        done.classList.remove("mod-card--current");
        const list = cards();
        const after = list.find(
          (c) => done.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING,
        );
        current = null;
        if (after) select(after);
        else move(1);
      } else if (done) {
        current = done;
        done.classList.add("mod-card--current");
        done.focus();
      }
    }
  });
  // A refused decision (someone else holds it, a reason missing) still shows its answer.
  document.addEventListener("htmx:beforeSwap", (event) => {
    if (event.detail.xhr.status === 400 || event.detail.xhr.status === 409) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("DOMContentLoaded", () => {
    const first = cards()[0];
    if (first) select(first);
  });
})();
