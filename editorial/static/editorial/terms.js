/* The term base in wagtail-localize's translation editor (issue 21, point 3).
 *
 * Reads the segments' terms from <script type="application/json" id="editorial-terms-data">
 * (editorial/templatetags/editorial_terms.py) and writes, under each segment of the React
 * editor that holds one, the term and its approved translation; a term the saved
 * translation lacks is marked. The React app draws and redraws its segments (one <li> each,
 * the source text in its first <p>), so a MutationObserver decorates them as they appear.
 * No inline script, nothing fetched: CSP-safe. */
(function () {
  "use strict";

  var node = document.getElementById("editorial-terms-data");
  if (!node) {
    return;
  }
  var data = JSON.parse(node.textContent);
  var labels = data.labels || {};

  function normal(text) {
    return (text || "").replace(/\s+/g, " ").trim();
  }

  var bySource = new Map();
  (data.segments || []).forEach(function (segment) {
    bySource.set(normal(segment.source), segment);
  });

  function span(className, text, lang) {
    var element = document.createElement("span");
    element.className = className;
    element.textContent = text;
    if (lang) {
      element.lang = lang;
    }
    return element;
  }

  function hints(segment) {
    var box = document.createElement("div");
    box.className = "editorial-terms";
    box.appendChild(span("editorial-terms__label", labels.heading + ":"));
    segment.terms.forEach(function (found) {
      var missing = segment.missing.indexOf(found.term) !== -1;
      var item = span(
        "editorial-terms__term" + (missing ? " editorial-terms__term--missing" : ""),
        "",
      );
      item.appendChild(span("editorial-terms__source", found.term, data.sourceLanguage));
      item.appendChild(document.createTextNode(" → "));
      item.appendChild(
        span(
          "editorial-terms__translation",
          found.translations.join(" / "),
          data.targetLanguage,
        ),
      );
      if (missing) {
        item.title = labels.missing;
        item.appendChild(document.createTextNode(" ⚠ "));
        item.appendChild(span("editorial-terms__missing", labels.missing));
      }
      box.appendChild(item);
    });
    return box;
  }

  function decorate(item) {
    var source = item.querySelector("p");
    if (!source || item.querySelector(".editorial-terms")) {
      return;
    }
    var segment = bySource.get(normal(source.textContent));
    if (segment) {
      source.insertAdjacentElement("afterend", hints(segment));
    }
  }

  function scan(root) {
    root.querySelectorAll("li").forEach(decorate);
  }

  function start() {
    var root = document.querySelector(".js-translation-editor");
    if (!root) {
      return;
    }
    scan(root);
    new MutationObserver(function () {
      scan(root);
    }).observe(root, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
