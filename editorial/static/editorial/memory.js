/*
 * Translation memory in wagtail-localize's translation editor (editorial/memory.py).
 *
 * The editor is a React app that this script does not change: it watches the editor's
 * DOM, and for each segment without a translation ("li.incomplete": new, or changed since
 * it was translated) that comes into view, asks the memory's JSON endpoint for
 * suggestions, then shows up to three under the segment, each with its score, the page it
 * comes from and its date, and a button that puts its text into the segment's box (opening
 * the box first when it is closed). Nothing is saved: the translator saves as usual.
 * Settings and words come from the JSON script element "editorial-memory-config"
 * (editorial/templatetags/editorial_memory.py): no inline script, as the admin's CSP wants.
 */
(function () {
  "use strict";

  var configElement = document.getElementById("editorial-memory-config");
  var root = document.querySelector(".js-translation-editor");
  if (!configElement || !root) {
    return;
  }
  var config = JSON.parse(configElement.textContent);
  if (!config.url) {
    return;
  }
  var labels = config.labels;
  var BOX = "editorial-memory";
  var MAX_REQUESTS = 2;
  var cache = new Map();
  var queue = [];
  var active = 0;

  function pump() {
    while (active < MAX_REQUESTS && queue.length) {
      var job = queue.shift();
      active += 1;
      var params = new URLSearchParams({
        source: config.source,
        target: config.target,
        text: job.text,
      });
      fetch(config.url + "?" + params.toString(), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.ok ? response.json() : [];
        })
        .catch(function () {
          return [];
        })
        .then(
          function (done, list) {
            active -= 1;
            done(Array.isArray(list) ? list : []);
            pump();
          }.bind(null, job.resolve),
        );
    }
  }

  function suggestionsFor(text) {
    if (!cache.has(text)) {
      cache.set(
        text,
        new Promise(function (resolve) {
          queue.push({ text: text, resolve: resolve });
          pump();
        }),
      );
    }
    return cache.get(text);
  }

  function sourceOf(segment) {
    var source = segment.querySelector(":scope > p");
    return source ? source.textContent : "";
  }

  function setValue(area, text) {
    // A React controlled textarea: its own value setter, then the event React listens to.
    var setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value").set;
    setter.call(area, text);
    area.dispatchEvent(new Event("input", { bubbles: true }));
    area.focus();
  }

  function whenRendered(segment, selector) {
    return new Promise(function (resolve) {
      var found = segment.querySelector(selector);
      if (found) {
        resolve(found);
        return;
      }
      var observer = new MutationObserver(function () {
        var element = segment.querySelector(selector);
        if (element) {
          observer.disconnect();
          resolve(element);
        }
      });
      observer.observe(segment, { childList: true, subtree: true });
    });
  }

  function use(segment, text) {
    var area = segment.querySelector("textarea");
    if (!area) {
      // "Translate" (or "Edit") is the last button of the segment's own actions.
      var buttons = segment.querySelectorAll(":scope > ul button");
      if (!buttons.length) {
        return;
      }
      buttons[buttons.length - 1].click();
    }
    whenRendered(segment, "textarea").then(function (element) {
      setValue(element, text);
    });
  }

  function scoreLabel(score) {
    if (score >= 100) {
      return labels.exact;
    }
    return labels.score.replace("%(score)s", String(score)).replace("%%", "%");
  }

  function origin(item) {
    var element = document.createElement("span");
    element.className = BOX + "__origin";
    var parts = labels.from.replace("%(date)s", item.date).split("%(page)s");
    element.append(parts[0]);
    if (parts.length > 1) {
      var link = document.createElement(item.url ? "a" : "span");
      if (item.url) {
        link.href = item.url;
      }
      link.textContent = item.page || "—";
      element.append(link, parts[1]);
    }
    return element;
  }

  function render(segment, list) {
    var box = document.createElement("div");
    box.className = BOX;
    box.setAttribute("data-editorial-memory", "");
    var title = document.createElement("p");
    title.className = BOX + "__title";
    title.textContent = labels.title;
    var items = document.createElement("ol");
    items.className = BOX + "__list";
    list.slice(0, 3).forEach(function (item) {
      var row = document.createElement("li");
      row.className = BOX + "__item";
      var score = document.createElement("span");
      score.className = BOX + "__score";
      score.textContent = scoreLabel(item.score);
      var text = document.createElement("span");
      text.className = BOX + "__text";
      text.lang = config.target;
      text.textContent = item.text;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button button-small button-secondary " + BOX + "__use";
      button.textContent = labels.use;
      button.addEventListener("click", function () {
        use(segment, item.text);
      });
      row.append(score, text, origin(item), button);
      items.append(row);
    });
    box.append(title, items);
    return box;
  }

  function show(segment, text, list) {
    if (!segment.isConnected || segment.dataset.editorialMemory !== text) {
      return;
    }
    var old = segment.querySelector(":scope > [data-editorial-memory]");
    if (old) {
      old.remove();
    }
    if (list.length && segment.classList.contains("incomplete")) {
      // Between the translation and the segment's buttons (React keeps its own nodes in
      // place around it).
      segment.insertBefore(render(segment, list), segment.querySelector(":scope > ul"));
    }
  }

  var visible = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) {
        return;
      }
      var segment = entry.target;
      visible.unobserve(segment);
      var text = segment.dataset.editorialMemory;
      suggestionsFor(text).then(function (list) {
        show(segment, text, list);
      });
    });
  });

  function scan() {
    root.querySelectorAll("li.incomplete").forEach(function (segment) {
      var text = sourceOf(segment).trim();
      if (!text || segment.dataset.editorialMemory === text) {
        return;
      }
      segment.dataset.editorialMemory = text;
      visible.observe(segment);
    });
    root.querySelectorAll("li[data-editorial-memory]:not(.incomplete)").forEach(function (done) {
      var box = done.querySelector(":scope > [data-editorial-memory]");
      if (box) {
        box.remove();
      }
      delete done.dataset.editorialMemory;
      visible.unobserve(done);
    });
  }

  var pending = false;
  new MutationObserver(function () {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        scan();
      });
    }
  }).observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ["class"] });
  scan();
})();
