/*
 * Comments on segments in wagtail-localize's translation editor (issue 21, point 6;
 * server side: editorial/comment_views.py).
 *
 * The React editor renders each segment as an <li> without an id. Its order is known from
 * the editor's props (the same grouping the bundle does: per tab, then per field and block),
 * and each string segment's source text is checked against the <li> before a comment is put
 * under it; where order and text disagree, the segment is found by its source text.
 * A MutationObserver decorates the segments again whenever React renders them.
 * Data comes from <script type="application/json" id="editorial-segment-comments">; all
 * text (and the CSRF token) arrives with it, in the admin language. No inline script or style.
 */
(function () {
  "use strict";

  function start() {
    const dataElement = document.getElementById("editorial-segment-comments");
    const editor = document.querySelector(".js-translation-editor");
    if (!dataElement || !editor || !editor.dataset.props) {
      return;
    }
    const data = JSON.parse(dataElement.textContent);
    const labels = data.labels;
    const props = JSON.parse(editor.dataset.props);
    const comments = new Map(data.comments.map((comment) => [comment.id, comment]));
    const RENDERED_TYPES = new Set(["string", "synchronised_value", "related_object"]);
    const BOX = "editorial-segment-comments";

    function element(tag, className, text) {
      const node = document.createElement(tag);
      if (className) {
        node.className = className;
      }
      if (text !== undefined) {
        node.textContent = text;
      }
      return node;
    }

    function button(className, text, onClick) {
      const node = element("button", "button button-small " + className, text);
      node.type = "button";
      node.addEventListener("click", onClick);
      return node;
    }

    /* The segments in the order the bundle renders them. */
    function renderedOrder() {
      const byTab = props.tabs
        .map((tab) => props.segments.filter((segment) => segment.location.tab === tab.slug))
        .filter((segments) => segments.length > 0);
      const lists = byTab.length > 1 ? byTab : [props.segments];
      const order = [];
      lists.forEach((segments) => {
        const groups = new Map();
        segments.forEach((segment) => {
          const key = `${segment.location.field}/${segment.location.blockId || "null"}`;
          if (!groups.has(key)) {
            groups.set(key, []);
          }
          groups.get(key).push(segment);
        });
        groups.forEach((group) => {
          group.forEach((segment) => {
            if (RENDERED_TYPES.has(segment.type)) {
              order.push(segment);
            }
          });
        });
      });
      return order;
    }

    const order = renderedOrder();

    function sourceText(item) {
      const paragraph = item.querySelector(":scope > p");
      return paragraph ? paragraph.textContent : null;
    }

    /* Map string segment id -> its <li>, or an empty map while React has not rendered. */
    function segmentItems() {
      const items = Array.from(editor.querySelectorAll("section > ul > li > h3 + ul > li"));
      const found = new Map();
      const used = new Set();
      const missing = [];
      order.forEach((segment, index) => {
        if (segment.type !== "string") {
          return;
        }
        const item = items[index];
        if (items.length === order.length && item && sourceText(item) === segment.source) {
          found.set(segment.id, item);
          used.add(item);
        } else {
          missing.push(segment);
        }
      });
      missing.forEach((segment) => {
        const item = items.find((each) => !used.has(each) && sourceText(each) === segment.source);
        if (item) {
          found.set(segment.id, item);
          used.add(item);
        }
      });
      return found;
    }

    function post(url, body) {
      return fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": data.csrfToken, Accept: "application/json" },
        body: body,
      }).then((response) =>
        response
          .json()
          .catch(() => ({}))
          .then((json) => {
            if (!response.ok) {
              throw new Error(json.detail || labels.failed);
            }
            return json.comment;
          }),
      );
    }

    function commentView(comment, withSource) {
      const item = element(
        "li",
        "editorial-segment-comment" + (comment.resolved ? " is-resolved" : " is-open"),
      );
      item.dataset.commentId = comment.id;
      const status = element(
        "p",
        "editorial-segment-comment__status",
        comment.resolved ? labels.resolved : labels.open,
      );
      item.appendChild(status);
      if (withSource) {
        item.appendChild(element("p", "editorial-segment-comment__source", comment.source));
        if (comment.segmentId === null || !itemsBySegment.has(comment.segmentId)) {
          item.appendChild(element("p", "editorial-segment-comment__changed", labels.changed));
        }
      }
      item.appendChild(element("p", "editorial-segment-comment__text", comment.text));
      item.appendChild(element("p", "editorial-segment-comment__byline", comment.byline));
      const actions = element("div", "editorial-segment-comment__actions");
      if (comment.resolved) {
        item.appendChild(element("p", "editorial-segment-comment__resolution", comment.resolution));
      } else if (data.canResolve) {
        const error = element("p", "editorial-segment-comment__error");
        error.setAttribute("role", "alert");
        const resolveClass = "button-secondary editorial-segment-comment__resolve";
        const resolve = button(resolveClass, labels.resolve, () => {
          resolve.disabled = true;
          post(comment.resolveUrl, new FormData())
            .then((updated) => {
              comments.set(updated.id, updated);
              refresh();
            })
            .catch((err) => {
              resolve.disabled = false;
              error.textContent = err.message;
            });
        });
        actions.appendChild(resolve);
        item.appendChild(error);
      }
      if (withSource && comment.segmentId !== null && itemsBySegment.has(comment.segmentId)) {
        actions.appendChild(
          button("button-secondary editorial-segment-comment__show", labels.show, () =>
            showSegment(comment.segmentId),
          ),
        );
      }
      if (actions.childElementCount) {
        item.insertBefore(actions, item.querySelector(".editorial-segment-comment__error"));
      }
      return item;
    }

    function showSegment(segmentId) {
      const item = itemsBySegment.get(segmentId);
      if (!item) {
        return;
      }
      const panel = item.closest("section[hidden]");
      if (panel && panel.id) {
        const tab = document.getElementById(panel.id.replace(/^tab-/, "tab-label-"));
        if (tab) {
          tab.click();
        }
      }
      window.requestAnimationFrame(() => {
        item.scrollIntoView({ block: "center" });
        const box = item.querySelector(`:scope > .${BOX}`);
        if (box) {
          box.focus();
        }
      });
    }

    function commentForm(segmentId, box) {
      const form = element("div", `${BOX}__form`);
      form.hidden = true;
      const fieldId = `editorial-segment-comment-${segmentId}`;
      const label = element("label", `${BOX}__label`, labels.field);
      label.htmlFor = fieldId;
      const field = element("textarea", `${BOX}__field`);
      field.id = fieldId;
      field.rows = 3;
      field.maxLength = 2000;
      const error = element("p", `${BOX}__error`);
      error.setAttribute("role", "alert");
      const open = button("button-secondary", labels.comment, () => {
        form.hidden = false;
        open.hidden = true;
        field.focus();
      });
      open.classList.add(`${BOX}__open`);
      const close = () => {
        form.hidden = true;
        open.hidden = false;
        field.value = "";
        error.textContent = "";
      };
      const send = button(`${BOX}__send`, labels.send, () => {
        if (!field.value.trim()) {
          error.textContent = labels.empty;
          return;
        }
        const body = new FormData();
        body.append("segment", segmentId);
        body.append("text", field.value);
        send.disabled = true;
        post(data.createUrl, body)
          .then((comment) => {
            comments.set(comment.id, comment);
            close();
            refresh();
          })
          .catch((err) => {
            error.textContent = err.message;
          })
          .finally(() => {
            send.disabled = false;
          });
      });
      form.append(label, field, send, button("button-secondary", labels.cancel, close), error);
      box.append(open, form);
    }

    function segmentBox(segmentId) {
      const box = element("div", BOX);
      box.dataset.segmentId = segmentId;
      box.tabIndex = -1;
      box.appendChild(element("ol", `${BOX}__list`));
      if (data.canComment) {
        commentForm(segmentId, box);
      }
      return box;
    }

    function fillList(list, items) {
      list.replaceChildren(...items);
      list.hidden = items.length === 0;
    }

    let itemsBySegment = new Map();
    let summary = null;

    function renderSummary() {
      const all = Array.from(comments.values());
      if (all.length === 0) {
        if (summary) {
          summary.hidden = true;
        }
        return;
      }
      if (!summary) {
        summary = element("section", "editorial-comments-summary w-px-5 w-pt-4");
        summary.setAttribute("aria-labelledby", "editorial-comments-summary-heading");
        const heading = element("h2", "editorial-comments-summary__heading", labels.summary);
        heading.id = "editorial-comments-summary-heading";
        summary.append(heading, element("ol", `${BOX}__list`));
        editor.parentNode.insertBefore(summary, editor);
      }
      summary.hidden = false;
      fillList(
        summary.querySelector("ol"),
        all.map((comment) => commentView(comment, true)),
      );
    }

    function refresh() {
      itemsBySegment.forEach((item, segmentId) => {
        const box = item.querySelector(`:scope > .${BOX}`);
        if (!box) {
          return;
        }
        fillList(
          box.querySelector(`.${BOX}__list`),
          Array.from(comments.values())
            .filter((comment) => comment.segmentId === segmentId)
            .map((comment) => commentView(comment, false)),
        );
      });
      renderSummary();
    }

    function decorate() {
      const found = segmentItems();
      if (found.size === 0) {
        return;
      }
      let changed = found.size !== itemsBySegment.size;
      found.forEach((item, segmentId) => {
        if (itemsBySegment.get(segmentId) !== item) {
          changed = true;
        }
        if (!item.querySelector(`:scope > .${BOX}`)) {
          item.appendChild(segmentBox(segmentId));
          changed = true;
        }
      });
      itemsBySegment = found;
      if (changed) {
        refresh();
      }
    }

    let scheduled = false;
    new MutationObserver(() => {
      if (!scheduled) {
        scheduled = true;
        window.requestAnimationFrame(() => {
          scheduled = false;
          decorate();
        });
      }
    }).observe(editor, { childList: true, subtree: true });
    decorate();
  }

  // Wagtail's admin loads this in the page's head, like wagtail-localize's own bundle.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
