/* The term base in wagtail-localize's translation editor (issue 21, point 3).
 *
 * Reads the segments' terms from <script type="application/json" id="editorial-terms-data">
 * (editorial/templatetags/editorial_terms.py) and writes, under each segment of the React
 * editor that holds one, the term and its approved translation, marking a term the
 * translation lacks. The React app draws and redraws its segments (one <li> each: the
 * source text in its first <p>, then the translation, shown or in a <textarea>), so a
 * MutationObserver decorates them as they appear.
 *
 * On load the marks are the server's (the saved translation, checked with the search's
 * stemmers, editorial/terms.py). Once the translator changes a translation, the mark is
 * checked again here while they type: a word of the translation counts as a word of the
 * approved term when it is one of that word's forms or stems or begins with one (stems
 * computed on the server). Only a warning: nothing is blocked. No inline script, nothing
 * fetched: CSP-safe. */
(function () {
  "use strict";

  var node = document.getElementById("editorial-terms-data");
  if (!node) {
    return;
  }
  var data = JSON.parse(node.textContent);
  var labels = data.labels || {};
  var WORD = /[\p{L}]+(?:-[\p{L}]+)*/gu;

  function normal(text) {
    return (text || "").replace(/\s+/g, " ").trim();
  }

  function wordsOf(text) {
    return (text.toLowerCase().replace(/ё/g, "е").match(WORD) || []);
  }

  var bySource = new Map();
  (data.segments || []).forEach(function (segment) {
    bySource.set(normal(segment.source), segment);
  });

  function wordMatches(word, keys) {
    return keys.some(function (key) {
      return word === key || word.indexOf(key) === 0;
    });
  }

  function containsPhrase(words, phrase) {
    for (var start = 0; start + phrase.length <= words.length; start += 1) {
      var all = true;
      for (var i = 0; i < phrase.length && all; i += 1) {
        all = wordMatches(words[start + i], phrase[i]);
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  function lacks(found, text) {
    var words = wordsOf(text);
    return !(found.keys || []).some(function (phrase) {
      return phrase.length && containsPhrase(words, phrase);
    });
  }

  function span(className, text, lang) {
    var element = document.createElement("span");
    element.className = className;
    element.textContent = text;
    if (lang) {
      element.lang = lang;
    }
    return element;
  }

  function render(box, segment, missing) {
    box.textContent = "";
    box.appendChild(span("editorial-terms__label", labels.heading + ":"));
    segment.terms.forEach(function (found) {
      var lacking = missing.indexOf(found.term) !== -1;
      var item = span(
        "editorial-terms__term" + (lacking ? " editorial-terms__term--missing" : ""),
        "",
      );
      item.appendChild(span("editorial-terms__source", found.term, data.sourceLanguage));
      item.appendChild(document.createTextNode(" → "));
      item.appendChild(
        span("editorial-terms__translation", found.translations.join(" / "), data.targetLanguage),
      );
      if (lacking) {
        item.title = labels.missing;
        item.appendChild(span("editorial-terms__flag", " ⚠"));
      }
      box.appendChild(item);
    });
    if (missing.length) {
      box.appendChild(span("editorial-terms__missing", labels.missing));
    }
  }

  // The translation as the editor shows it: the element after the source (and our hints),
  // its <textarea> while it is being edited.
  function translationText(item, box) {
    var shown = box.nextElementSibling;
    if (!shown || shown.tagName === "UL") {
      return null;
    }
    var field = shown.querySelector("textarea");
    return field ? field.value : shown.textContent;
  }

  function check(item) {
    var box = item.querySelector(":scope > .editorial-terms");
    var segment = box && box.editorialSegment;
    if (!segment) {
      return;
    }
    var text = translationText(item, box);
    var missing = segment.missing;
    if (text !== null && normal(text) !== box.editorialFirstText) {
      missing = normal(text)
        ? segment.terms
            .filter(function (found) {
              return lacks(found, text);
            })
            .map(function (found) {
              return found.term;
            })
        : [];
    }
    var key = missing.join("\n");
    if (box.editorialShown !== key) {
      box.editorialShown = key;
      render(box, segment, missing);
    }
  }

  function decorate(item) {
    var source = item.querySelector(":scope > p");
    if (!source) {
      return;
    }
    if (!item.querySelector(":scope > .editorial-terms")) {
      var segment = bySource.get(normal(source.textContent));
      if (!segment) {
        return;
      }
      var box = document.createElement("div");
      box.className = "editorial-terms";
      box.editorialSegment = segment;
      source.insertAdjacentElement("afterend", box);
      var first = translationText(item, box);
      box.editorialFirstText = first === null ? null : normal(first);
      box.editorialShown = segment.missing.join("\n");
      render(box, segment, segment.missing);
      return;
    }
    check(item);
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
    }).observe(root, { childList: true, subtree: true, characterData: true });
    root.addEventListener("input", function (event) {
      var item = event.target.closest && event.target.closest("li");
      if (item) {
        check(item);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
