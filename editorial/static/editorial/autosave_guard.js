/*
 * One page per "Add child page", however fast the editor presses a button.
 *
 * Wagtail 8 autosaves the form half a second after typing stops. On a page being created, the
 * first autosave creates the page (a request to the create view) and, when it returns, points
 * the form at the new page's edit view. A button pressed while that request was on its way
 * posted the form to the create view a second time, and a second page was made: two drafts
 * with one title, or two items submitted for moderation (seen in CI, in the rehearsal's
 * journey). The same press on a page being edited could meet a revision the autosave had not
 * yet reported.
 *
 * Here a submission waits while an autosave is in flight, then goes where the form points once
 * it has returned (the new page's edit view). What the editor pressed is kept: the same button
 * if it is still in the form, else its name and value. Nothing else changes; without autosave
 * (WAGTAIL_AUTOSAVE_INTERVAL = 0) nothing here runs.
 */
(function () {
  "use strict";

  // An autosave that never reports back (a script error) must not hold a submission forever.
  var LONGEST_WAIT = 20000;
  var inFlight = new WeakMap(); // form -> true while an autosave of it is on its way
  var held = new WeakMap(); // form -> what the editor pressed, waiting for the autosave

  function formOf(event) {
    var target = event.target;
    return target instanceof HTMLFormElement ? target : null;
  }

  function resubmit(form) {
    var pressed = held.get(form);
    held.delete(form);
    if (!pressed) {
      return;
    }
    var button = pressed.button;
    if (!(button && button.isConnected && button.form === form)) {
      button = null;
      if (pressed.name) {
        // The autosave replaced the part of the form holding the button: send its name and
        // value, as the button would have.
        var field = document.createElement("input");
        field.type = "hidden";
        field.name = pressed.name;
        field.value = pressed.value;
        form.appendChild(field);
      }
    }
    if (button) {
      form.requestSubmit(button);
    } else {
      form.requestSubmit();
    }
  }

  function settled(event) {
    var form = formOf(event);
    if (!form) {
      return;
    }
    inFlight.delete(form);
    // Let Wagtail finish with the response (the form's new address) before submitting.
    window.setTimeout(function () {
      if (!inFlight.get(form)) {
        resubmit(form);
      }
    }, 0);
  }

  document.addEventListener("w-autosave:save", function (event) {
    var form = formOf(event);
    if (form && !event.defaultPrevented) {
      inFlight.set(form, true);
    }
  });
  document.addEventListener("w-autosave:success", settled);
  document.addEventListener("w-autosave:error", settled);

  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (!(form instanceof HTMLFormElement) || !inFlight.get(form)) {
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      var button = event.submitter || null;
      held.set(form, {
        button: button,
        name: button ? button.name : "",
        value: button ? button.value : "",
      });
      window.setTimeout(function () {
        if (held.has(form)) {
          inFlight.delete(form);
          resubmit(form);
        }
      }, LONGEST_WAIT);
    },
    true,
  );
})();
