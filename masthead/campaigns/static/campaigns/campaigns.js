/* Appeals, decided in the reader's browser so the article page stays the same for everyone.
 *
 * The page carries empty slots (and a plain default appeal at the top for readers without
 * JavaScript). This script fetches the cacheable description of the live campaigns, and picks for
 * each slot the first campaign, in priority order, that targets this article and this reader:
 * section, tags, articles read, frequency cap, "Maybe later". Everything it remembers stays in
 * localStorage (no cookie): the articles read, the views, the dismissals, "I already support" and a
 * random per-browser id that keeps each reader on the same variant.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script) return;
  var urls = {
    active: script.dataset.activeUrl,
    me: script.dataset.meUrl,
    track: script.dataset.trackUrl,
    already: script.dataset.alreadyUrl,
  };
  var DAY = 864e5;
  var PREFIX = "masthead.appeals.";

  var store = (function () {
    try {
      var probe = PREFIX + "probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (e) {
      return null; // blocked or full: no counts, no caps; appeals that need them are not shown
    }
  })();

  function load(name, fallback) {
    if (!store) return fallback;
    try {
      var value = JSON.parse(store.getItem(PREFIX + name));
      return value === null ? fallback : value;
    } catch (e) {
      return fallback;
    }
  }

  function save(name, value) {
    if (!store) return;
    try {
      store.setItem(PREFIX + name, JSON.stringify(value));
    } catch (e) {
      /* full: forget it */
    }
  }

  function browserId() {
    var id = load("browser", null);
    if (typeof id !== "string" || !id) {
      id = window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2) + Date.now();
      save("browser", id);
    }
    return id;
  }

  // FNV-1a, 32 bits: the same id and campaign always give the same variant.
  function hash(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  function recordRead(articleId, now) {
    var reads = load("reads", {});
    reads[articleId] = now;
    var cutoff = now - 366 * DAY;
    Object.keys(reads).forEach(function (key) {
      if (!(reads[key] > cutoff)) delete reads[key];
    });
    save("reads", reads);
  }

  function articlesRead(days, now) {
    if (!store) return null;
    var reads = load("reads", {});
    var cutoff = now - days * DAY;
    return Object.keys(reads).filter(function (key) {
      return reads[key] > cutoff;
    }).length;
  }

  function viewsWithin(key, days, now) {
    var views = load("views", {})[key] || [];
    return views.filter(function (t) {
      return t > now - days * DAY;
    }).length;
  }

  function addView(key, now) {
    var all = load("views", {});
    var list = (all[key] || []).filter(function (t) {
      return t > now - 366 * DAY;
    });
    list.push(now);
    all[key] = list.slice(-1000);
    save("views", all);
  }

  function dismissedUntil(key) {
    return load("dismissed", {})[key] || 0;
  }

  function dismiss(key, days, now) {
    var all = load("dismissed", {});
    all[key] = now + days * DAY;
    save("dismissed", all);
  }

  function track(campaign, variant, event) {
    var body = new URLSearchParams({ campaign: String(campaign), variant: variant, event: event });
    if (navigator.sendBeacon && navigator.sendBeacon(urls.track, body)) return;
    fetch(urls.track, { method: "POST", body: body, keepalive: true, credentials: "same-origin" }).catch(function () {});
  }

  // Fill {placeholders}; null when one of them has no value for this reader.
  function fill(text, values) {
    var ok = true;
    var out = text.replace(/\{(\w+)\}/g, function (whole, name) {
      var value = values[name];
      if (value === null || value === undefined) {
        ok = false;
        return whole;
      }
      return String(value);
    });
    return ok ? out : null;
  }

  function render(variant, values) {
    var heading = fill(variant.heading, values);
    var button = fill(variant.button, values);
    var body = variant.body.map(function (p) {
      return fill(p, values);
    });
    if (heading === null || button === null || body.indexOf(null) !== -1) return null;
    return { variant: variant, heading: heading, button: button, body: body };
  }

  function chooseVariant(campaign, values, id) {
    var rendered = campaign.variants
      .map(function (v) {
        return render(v, values);
      })
      .filter(Boolean);
    if (!rendered.length) return null;
    var n = hash(id + ":" + campaign.id);
    var sticky = render(campaign.variants[n % campaign.variants.length], values);
    return sticky || rendered[n % rendered.length];
  }

  function matches(campaign, placement, page, now) {
    if (campaign.placements.indexOf(placement) === -1) return false;
    if (campaign.sections.length && campaign.sections.indexOf(page.section) === -1) return false;
    if (campaign.tags.length && !campaign.tags.some(function (t) { return page.tags.indexOf(t) !== -1; })) return false;
    if (campaign.min_articles_read > 0) {
      var read = articlesRead(campaign.articles_read_days, now);
      if (read === null || read < campaign.min_articles_read) return false;
    }
    var key = campaign.id + ":" + placement;
    if (dismissedUntil(key) > now) return false;
    if (viewsWithin(key, campaign.cap_days, now) >= campaign.max_views) return false;
    return true;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function contributeHref(base, campaign, variant, page, amount) {
    var query = new URLSearchParams({ campaign: String(campaign.id), variant: variant.key, article: String(page.article) });
    if (amount) query.set("amount", String(amount));
    return base + "?" + query.toString();
  }

  function build(slot, placement, campaign, chosen, page, data, ctx) {
    var variant = chosen.variant;
    var key = campaign.id + ":" + placement;
    var box = el("section", "appeal appeal--" + (placement === "article_top" ? "banner" : "end"));
    box.dataset.campaign = campaign.id;
    box.dataset.variant = variant.key;
    var headingId = "appeal-" + placement + "-heading";
    box.setAttribute("aria-labelledby", headingId);
    var heading = el("h2", "appeal__heading", chosen.heading);
    heading.id = headingId;
    box.appendChild(heading);
    var body = el("div", "appeal__body");
    chosen.body.forEach(function (p) {
      body.appendChild(el("p", "", p));
    });
    box.appendChild(body);
    if (campaign.goal) {
      var ticker = el("div", "appeal__ticker");
      var bar = el("progress", "appeal__progress");
      bar.max = 100;
      bar.value = campaign.goal.percent;
      bar.setAttribute("aria-label", "Progress towards the goal");
      ticker.appendChild(bar);
      ticker.appendChild(el("p", "appeal__ticker-text", campaign.goal.text.goal_progress));
      box.appendChild(ticker);
    }
    var clicked = false;
    function onClick() {
      if (!clicked) track(campaign.id, variant.key, "click");
      clicked = true;
    }
    var actions = el("p", "appeal__actions");
    variant.amounts.forEach(function (amount) {
      var link = el("a", "appeal__amount", amount.label);
      link.href = contributeHref(data.contribute_url, campaign, variant, page, amount.param);
      link.addEventListener("click", onClick);
      actions.appendChild(link);
    });
    var button = el("a", "appeal__button", chosen.button);
    button.href = contributeHref(data.contribute_url, campaign, variant, page);
    button.addEventListener("click", onClick);
    actions.appendChild(button);
    var later = el("button", "appeal__later", "Maybe later");
    later.type = "button";
    later.addEventListener("click", function () {
      dismiss(key, campaign.dismiss_days, Date.now());
      track(campaign.id, variant.key, "dismiss");
      box.remove();
      slot.hidden = true;
    });
    actions.appendChild(later);
    var already = el("button", "appeal__already", "I already support");
    already.type = "button";
    already.addEventListener("click", function () {
      save("supporter", true);
      if (ctx.csrfToken) {
        fetch(urls.already, { method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": ctx.csrfToken } }).catch(function () {});
      }
      hideAll(Array.prototype.slice.call(document.querySelectorAll("[data-appeal-slot]")));
    });
    actions.appendChild(already);
    box.appendChild(actions);

    slot.textContent = "";
    slot.appendChild(box);
    slot.hidden = false;

    // A view counts once the appeal is at least half on screen, once per page.
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(
        function (entries) {
          if (entries.some(function (e) { return e.isIntersecting; })) {
            observer.disconnect();
            addView(key, Date.now());
            track(campaign.id, variant.key, "view");
            box.dataset.viewed = "";
          }
        },
        { threshold: 0.5 }
      );
      observer.observe(box);
    }
  }

  function hideAll(slots) {
    slots.forEach(function (slot) {
      slot.hidden = true;
      slot.textContent = "";
    });
  }

  function start() {
    var slots = Array.prototype.slice.call(document.querySelectorAll("[data-appeal-slot]"));
    if (!slots.length) return;
    var first = slots[0];
    var page = {
      article: Number(first.dataset.article),
      section: Number(first.dataset.section),
      tags: JSON.parse(first.dataset.tags || "[]"),
    };
    var signedIn = first.hasAttribute("data-signed-in");
    var now = Date.now();
    recordRead(page.article, now);
    if (load("supporter", false) === true) return hideAll(slots);

    var me = signedIn
      ? fetch(urls.me, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (r) {
          return r.ok ? r.json() : { supporter: false };
        })
      : Promise.resolve({ supporter: false });
    var active = fetch(urls.active, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) throw new Error("appeals unavailable");
      return r.json();
    });
    Promise.all([active, me])
      .then(function (results) {
        var data = results[0];
        var reader = results[1];
        if (reader.supporter) return hideAll(slots);
        var ctx = { csrfToken: reader.csrf_token || null };
        var id = browserId();
        slots.forEach(function (slot) {
          var placement = slot.dataset.appealSlot;
          for (var i = 0; i < data.campaigns.length; i++) {
            var campaign = data.campaigns[i];
            if (!matches(campaign, placement, page, now)) continue;
            var values = {
              articles_read: articlesRead(campaign.articles_read_days, now),
            };
            if (campaign.goal) Object.assign(values, campaign.goal.text);
            var chosen = chooseVariant(campaign, values, id);
            if (!chosen) continue;
            build(slot, placement, campaign, chosen, page, data, ctx);
            return;
          }
          slot.hidden = true;
          slot.textContent = "";
        });
        document.documentElement.dataset.appeals = "ready";
      })
      .catch(function () {
        /* no description: leave the default appeal where it is */
        document.documentElement.dataset.appeals = "failed";
      });
  }

  start();
})();
