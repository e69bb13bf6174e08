"""Every role × action × language tree, through the real admin views and the translation
editor's endpoints. Each action reports whether it *took effect*; a refused action must
leave no trace."""

import pytest
from django.db import transaction
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import StringTranslation, Translation

from tests.editorial_helpers import (
    approved_pair,
    create_appeal,
    edit_url,
    first_paragraph_segment,
    locale,
    login,
    put_string,
    workflow_action,
)

pytestmark = pytest.mark.django_db

OTHER = {"kk": "ru", "ru": "kk"}
STAFF = {"editor", "moderator", "admin"}
PUBLISHERS = {"moderator", "admin"}


def allowed(action, tree):
    own_translator = f"translator_{tree}"
    return {
        "create": STAFF,
        "edit": STAFF | {own_translator},
        "submit for review": STAFF | {own_translator},
        "approve": PUBLISHERS,
        "publish": PUBLISHERS,
        "publish translation": PUBLISHERS,
        # Issue 21 point 4: a translator starts the translation into their own language.
        "submit for translation": STAFF | {f"translator_{OTHER[tree]}"},
        "translate": STAFF | {own_translator},
        "stop translation": STAFF,
        "delete": PUBLISHERS,
    }[action]


@pytest.fixture
def trees(users, django_capture_on_commit_callbacks):
    """In each tree: a page written in that language, and a translation into it."""
    with django_capture_on_commit_callbacks(execute=True):
        kk_pair = approved_pair("kk", "ru", "Қазақша жазылған", "Мәтін.")
        ru_pair = approved_pair("ru", "kk", "Написано по-русски", "Текст.")
    return {
        "kk": {"page": kk_pair.source, "translation": ru_pair.translation},
        "ru": {"page": ru_pair.source, "translation": kk_pair.translation},
    }


def page_form(title, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": "matrix-page",
            "body": streamfield([("paragraph", rich_text("<p>Matrix.</p>"))]),
            "comments": inline_formset([]),
            **extra,
        }
    )


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


# --- the actions: each returns True when it took effect ---------------------------------


def do_create(client, tree, setup):
    index = setup["page"].get_parent()
    url = reverse("wagtailadmin_pages:add", args=["appeals", "appealpage", index.pk])
    client.post(url, page_form("Matrix page"))
    return index.get_children().filter(title="Matrix page").exists()


def do_edit(client, tree, setup):
    page = setup["page"]
    client.post(edit_url(page), page_form("Edited title", slug=page.slug))
    return fresh(page).draft_title == "Edited title"


def do_submit_for_review(client, tree, setup):
    page = setup["page"]
    client.post(edit_url(page), page_form(page.title, slug=page.slug, **{"action-submit": "1"}))
    return fresh(page).workflow_in_progress


def do_approve(client, tree, setup, users):
    page = fresh(setup["page"])
    page.get_workflow().start(page, users["admin"])
    workflow_action(client, page, "approve")
    return not WorkflowState.objects.filter(
        object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()


def do_publish(client, tree, setup):
    page = setup["page"]
    client.post(
        edit_url(page), page_form("Published title", slug=page.slug, **{"action-publish": "1"})
    )
    return fresh(page).title == "Published title"


def do_publish_translation(client, tree, setup):
    translation = setup["translation"]
    segment = first_paragraph_segment(translation)
    StringTranslation.objects.filter(
        translation_of=segment.string, context=segment.context, locale=translation.target_locale
    ).update(data="Published through the editor.")
    target = translation.get_target_instance()
    client.post(edit_url(target), {"action": "publish"})
    return "Published through the editor." in str(fresh(target).body)


def do_submit_for_translation(client, tree, setup):
    page = create_appeal(tree, f"Жаңа бет {tree}", "Мәтін.")
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    client.post(url, {"locales": [locale(OTHER[tree]).pk]})
    return page.get_translation_or_none(locale(OTHER[tree])) is not None


def do_translate(client, tree, setup):
    translation = setup["translation"]
    response = put_string(
        client, translation, first_paragraph_segment(translation), "Matrix translation."
    )
    return (
        response.status_code in (200, 201)
        and StringTranslation.objects.filter(data="Matrix translation.").exists()
    )


def do_stop_translation(client, tree, setup):
    translation = setup["translation"]
    client.post(reverse("wagtail_localize:stop_translation", args=[translation.pk]))
    return not Translation.objects.get(pk=translation.pk).enabled


def do_delete(client, tree, setup):
    page = setup["page"]
    client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    return not Page.objects.filter(pk=page.pk).exists()


ACTIONS = {
    "create": do_create,
    "edit": do_edit,
    "submit for review": do_submit_for_review,
    "approve": do_approve,
    "publish": do_publish,
    "publish translation": do_publish_translation,
    "submit for translation": do_submit_for_translation,
    "translate": do_translate,
    "stop translation": do_stop_translation,
    "delete": do_delete,
}
ROLES = ["editor", "moderator", "translator_kk", "translator_ru", "admin"]


@pytest.mark.parametrize("tree", ["kk", "ru"])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_permission_matrix(client, users, trees, action, tree, django_capture_on_commit_callbacks):
    """Every role tries the action on the same pages: each attempt runs in a savepoint that is
    rolled back after it (the pages are made once per action and tree, not once per role).
    Every wrong cell of the row is reported at once."""
    wrong = []
    for role in ROLES:
        kwargs = {"users": users} if action == "approve" else {}
        savepoint = transaction.savepoint()
        try:
            login(client, users[role])
            with django_capture_on_commit_callbacks(execute=True):
                took_effect = ACTIONS[action](client, tree, trees[tree], **kwargs)
        finally:
            transaction.savepoint_rollback(savepoint)
            client.logout()
        if took_effect is not (role in allowed(action, tree)):
            verb = "could" if took_effect else "could not"
            wrong.append(f"{role} {verb} {action} in the {tree} tree")
    assert wrong == []
