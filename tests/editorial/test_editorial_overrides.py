"""Tripwires for what editorial overrides in wagtail-localize 1.14.5: after an upgrade,
these fail if an override silently stops taking effect (see editorial/wagtail_hooks.py)."""

import html
import json
import re

import pytest
from django.conf import settings
from django.urls import resolve, reverse
from wagtail import hooks
from wagtail_localize.models import Translation

from tests.editorial_helpers import admin_text, approved_pair, edit_url, login

OVERRIDDEN_URLS = {
    "edit_string_translation": {"translation_id": 1, "string_segment_id": 1},
    "edit_override": {"translation_id": 1, "overridable_segment_id": 1},
    "upload_pofile": {"translation_id": 1},
    "machine_translate": {"translation_id": 1},
    "stop_translation": {"translation_id": 1},
    "convert_to_alias": {"page_id": 1},
    "submit_page_translation": {"page_id": 1},
    "update_translations": {"translation_source_id": 1},
    "translations_report": {},
    "translations_report_results": {},
    "snippets_api_listing": {"app_label": "news", "model_name": "newscategory"},
    "snippets_api_detail": {"app_label": "news", "model_name": "newscategory", "pk": "1"},
    "javascript_catalog": {},
}


@pytest.mark.parametrize("name", sorted(OVERRIDDEN_URLS))
def test_wagtail_localize_urls_resolve_to_editorial_views(name):
    match = resolve(reverse(f"wagtail_localize:{name}", kwargs=OVERRIDDEN_URLS[name]))
    # A function of ours, or the class behind an as_view() of ours (Django's or DRF's).
    modules = {match.func.__module__}
    modules |= {
        getattr(match.func, attr).__module__
        for attr in ("view_class", "cls")
        if hasattr(match.func, attr)
    }
    assert "editorial.views" in modules, name


def test_our_before_edit_page_runs_before_wagtail_localizes():
    modules = [fn.__module__ for fn in hooks.get_hooks("before_edit_page")]
    assert modules.index("editorial.wagtail_hooks") < modules.index(
        "wagtail_localize.wagtail_hooks"
    )


def test_save_target_is_the_safe_one():
    assert getattr(Translation.save_target, "editorial_safe", False)


def test_settings_that_keep_translations_private_and_strings_safe():
    assert settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE is False
    assert settings.WAGTAILLOCALIZE_DISABLE_ON_DELETE is True
    assert settings.TIME_ZONE == "Asia/Almaty"


def editor_props(client, page):
    content = client.get(edit_url(page)).content.decode()
    raw = re.search(r'class="js-translation-editor" data-props="([^"]*)"', content).group(1)
    return json.loads(html.unescape(raw))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, submits_for_review, can_stop",
    [("translator_ru", True, False), ("editor", True, True), ("moderator", False, True)],
)
def test_the_editor_offers_only_what_the_user_may_do(
    client, users, django_capture_on_commit_callbacks, role, submits_for_review, can_stop
):
    with django_capture_on_commit_callbacks(execute=True):
        pair = approved_pair("kk", "ru", "Үндеу", "Мәтін.")
    login(client, users[role])
    props = editor_props(client, pair.target)
    assert props["perms"]["canPublish"] is True  # the main button, relabelled if needed
    # Our copy of the bundle reads the label from the props (editorial/localize_js.py).
    if submits_for_review:
        assert props["perms"]["submitForReview"] == {
            "label": admin_text("Submit for review"),
            "busy": admin_text("Submitting for review…"),
        }
    else:
        assert "submitForReview" not in props["perms"]
    # Without the stop URL our copy of the bundle leaves the action out (localize_js.py).
    assert bool(props["links"]["stopTranslationUrl"]) is can_stop
    assert props["links"]["convertToAliasUrl"] is None
    assert props["object"]["isLocked"] is False
    assert props["perms"]["canDelete"] is (role == "moderator")
