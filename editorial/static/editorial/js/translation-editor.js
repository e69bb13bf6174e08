/* Adjusts wagtail-localize's React translation editor after it renders (see
   editorial/templates/wagtail_localize/admin/edit_translation.html):
   for users who cannot publish, the main action reads "Submit for review" (the server
   turns that POST into a new revision plus a moderation workflow). */
(function () {
    'use strict';

    function read(id) {
        var element = document.getElementById(id);
        return element ? JSON.parse(element.textContent) : null;
    }

    var config = read('editorial-translation-editor');
    if (!config) {
        return;
    }
    var submitLabel = read('editorial-submit-label');
    var submittingLabel = read('editorial-submitting-label');

    function relabelPublish() {
        var button = document.querySelector('button[name="action"][value="publish"]');
        if (!button) {
            return;
        }
        var label = button.querySelector('[data-w-progress-target="label"]');
        if (label && label.textContent !== submitLabel) {
            label.textContent = submitLabel;
        }
        if (button.getAttribute('data-w-progress-active-value') !== submittingLabel) {
            button.setAttribute('data-w-progress-active-value', submittingLabel);
            button.setAttribute('data-clicked-text', submittingLabel);
        }
    }

    function apply() {
        if (config.submitForReview) {
            relabelPublish();
        }
    }

    new MutationObserver(apply).observe(document.body, {
        childList: true,
        subtree: true,
        characterData: true,
    });
    document.addEventListener('DOMContentLoaded', apply);
    apply();
})();
