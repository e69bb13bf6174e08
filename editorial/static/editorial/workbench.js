/*
 * What changed, shown where the translator works (issue 21, point 1; editorial/workbench.py).
 *
 * wagtail-localize's translation editor is a React app; our copy of its bundle marks each
 * string segment's item with `data-segment-id` (editorial/localize_js.py). For each segment
 * whose source text changed since the translation, this script adds, inside that item, who
 * changed it and when, the previous text with the removed words in <del> and the new text
 * with the added words in <ins> (each with words for screen readers), and "Needs review"
 * while the box still holds the previous translation the server started it from. It keeps
 * the header's count of segments that need work up to date as segments are saved.
 *
 * Self-hosted and without inline script (the admin's Content-Security-Policy): the data is
 * the JSON in #editorial-workbench-data, written by editorial/includes/workbench.html.
 */
(function () {
  "use strict";

  var dataNode = document.getElementById("editorial-workbench-data");
  if (!dataNode) {
    return;
  }
  var data = JSON.parse(dataNode.textContent);
  var segments = data.segments || {};
  var words = data.words || {};
  var notice = data.notice;

  function hidden(text) {
    var span = document.createElement("span");
    span.className = "w-sr-only";
    span.textContent = text;
    return span;
  }

  function line(kind, parts) {
    var row = document.createElement("div");
    row.className = "editorial-change__line editorial-change__" + kind;
    var name = document.createElement("span");
    name.className = "editorial-change__name";
    name.textContent = kind === "old" ? words.previous : words.new;
    row.appendChild(name);
    var text = document.createElement("span");
    text.className = "editorial-change__text";
    if (data.sourceLanguage) {
      text.lang = data.sourceLanguage;
    }
    parts.forEach(function (part) {
      if (!part[1]) {
        text.appendChild(document.createTextNode(part[0]));
        return;
      }
      var mark = document.createElement(kind === "old" ? "del" : "ins");
      mark.appendChild(hidden((kind === "old" ? words.deleted : words.inserted) + " "));
      mark.appendChild(document.createTextNode(part[0]));
      mark.appendChild(hidden(" (" + words.end + ")"));
      text.appendChild(mark);
    });
    row.appendChild(text);
    return row;
  }

  function changeBox(info) {
    var box = document.createElement("div");
    box.className = "editorial-change";
    var head = document.createElement("div");
    head.className = "editorial-change__label";
    var label = document.createElement("span");
    label.textContent = info.label;
    head.appendChild(label);
    var review = document.createElement("span");
    review.className = "editorial-change__review";
    review.textContent = words.needsReview;
    review.hidden = true;
    head.appendChild(document.createTextNode(" "));
    head.appendChild(review);
    box.appendChild(head);
    box.appendChild(line("old", info.old));
    box.appendChild(line("new", info.new));
    return box;
  }

  function decorate(root) {
    root.querySelectorAll("li[data-segment-id]").forEach(function (item) {
      var info = segments[item.getAttribute("data-segment-id")];
      if (!info) {
        return;
      }
      var box = item.querySelector(":scope > .editorial-change");
      if (!box) {
        box = changeBox(info);
        item.insertBefore(box, item.firstChild);
      }
      // The box holds the previous translation until the translator saves the segment
      // (then React marks the item "complete"; an emptied box is "incomplete").
      if (info.prefilled && !item.classList.contains("errored")) {
        info.prefilled = false;
      }
      var needsReview = Boolean(info.prefilled);
      item.toggleAttribute("data-editorial-needs-review", needsReview);
      box.querySelector(".editorial-change__review").hidden = !needsReview;
    });
    count(root);
  }

  function count(root) {
    if (!notice) {
      return;
    }
    var items = root.querySelectorAll("li[data-segment-id]");
    if (items.length !== notice.counts.length - 1) {
      return; // not every segment is on the page yet: the server's count stands
    }
    var open = root.querySelectorAll(
      "li[data-segment-id].incomplete, li[data-segment-id].errored",
    ).length;
    var target = document.querySelector("[data-editorial-open-count]");
    if (target && target.textContent !== notice.counts[open]) {
      target.textContent = notice.counts[open];
    }
  }

  function start() {
    var root = document.querySelector(".js-translation-editor");
    if (!root) {
      return;
    }
    decorate(root);
    new MutationObserver(function () {
      decorate(root);
    }).observe(root, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["class"],
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
