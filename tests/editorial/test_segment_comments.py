"""Review that talks (issue 21, point 6): a Moderator comments on one segment, asks for
changes, the translator sees the comment on that segment in the editor and resolves it, and
the page's History view lists both, in each direction (kk → ru, ru → kk)."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState
from wagtail.users.models import UserProfile

from editorial.models import SegmentComment
from tests.editorial_helpers import (
    admin_text,
    create_appeal,
    current_task_state,
    edit_source,
    edit_url,
    editor_publish,
    fill_strings,
    first_paragraph_segment,
    login,
    submit_for_translation,
    target_page,
    workflow_action,
)
from tests.editorial_helpers import (
    denied as wagtail_denied,
)

pytestmark = pytest.mark.django_db

DIRECTIONS = [("kk", "ru"), ("ru", "kk")]
FIRST = "Кәсіподақ мүшелерін қорғау туралы."
SECOND = "Келесі жиналыс сәуірде өтеді."
REMARK = "Мұнда «мүше» емес, «член» деп жазыңыз."


def add_url(translation):
    return reverse("editorial_comments:add", args=[translation.pk])


def resolve_url(comment_id):
    return reverse("editorial_comments:resolve", args=[comment_id])


def post_comment(client, translation, segment, text=REMARK):
    return client.post(add_url(translation), {"segment": str(segment.pk), "text": text})


def editor_comments(client, page):
    """The comments the translation editor's page hands to comments.js."""
    response = client.get(edit_url(page))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    script = soup.find("script", id="editorial-segment-comments")
    assert soup.find("script", src=lambda src: src and "editorial/comments.js" in src)
    return json.loads(script.string)


def in_review(client, users, source, target):
    """A translation submitted for review by its translator."""
    page = create_appeal(source, f"Үндеу {source}", FIRST, SECOND)
    translation = submit_for_translation(page, target, user=users["editor"])
    fill_strings(translation, user=users[f"translator_{target}"])
    login(client, users[f"translator_{target}"])
    editor_publish(client, target_page(translation))
    assert target_page(translation).workflow_in_progress
    client.logout()
    return page, translation


def history_text(client, page):
    response = client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert response.status_code == 200
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


@pytest.mark.parametrize(("source", "target"), DIRECTIONS)
def test_comment_request_changes_see_it_on_the_segment_resolve_and_history(
    client, users, source, target
):
    page, translation = in_review(client, users, source, target)
    target_pg = target_page(translation)
    segment = first_paragraph_segment(translation)
    translator = users[f"translator_{target}"]

    # The Moderator comments on one segment, then asks for changes.
    login(client, users["moderator"])
    response = post_comment(client, translation, segment)
    assert response.status_code == 201
    created = json.loads(response.content)["comment"]
    assert created["segmentId"] == segment.pk and created["text"] == REMARK
    assert not created["resolved"]
    response = workflow_action(client, target_pg, "reject")
    assert response.status_code == 302
    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert (
        admin_text("%(count)d comment on a segment goes with it to the translator.", count=1)
        in said
    )
    assert TaskState.objects.filter(status=TaskState.STATUS_REJECTED).exists()
    client.logout()

    # The translator opens the editor: the comment is there, on that segment, with its author.
    login(client, translator)
    data = editor_comments(client, target_pg)
    assert data["canResolve"] and not data["canComment"]
    [shown] = data["comments"]
    assert shown["segmentId"] == segment.pk
    assert shown["text"] == REMARK
    assert "moderator" in shown["byline"]
    assert shown["source"] == FIRST

    # ... and resolves it.
    response = client.post(resolve_url(shown["id"]))
    assert response.status_code == 200
    resolved = json.loads(response.content)["comment"]
    assert resolved["resolved"]
    assert "translator_" + target in resolved["resolution"]
    comment = SegmentComment.objects.get()
    assert comment.resolved_by == translator and comment.resolved_at is not None

    # Both are in the translated page's history, readable in its History view.
    actions = list(
        PageLogEntry.objects.filter(page=target_pg, action__startswith="editorial.")
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )
    assert actions == ["editorial.segment_comment.create", "editorial.segment_comment.resolve"]
    client.logout()
    login(client, users["moderator"])
    shown_history = history_text(client, target_pg)
    assert admin_text("Commented on the segment “%(segment)s”", segment=FIRST) in shown_history
    assert (
        admin_text(
            "Resolved %(author)s's comment on the segment “%(segment)s”",
            author="moderator",
            segment=FIRST,
        )
        in shown_history
    )
    assert REMARK in shown_history
    assert admin_text("Comment on a segment") in shown_history
    assert "Unknown" not in shown_history
    # Nothing of it on the source page's history.
    assert PageLogEntry.objects.filter(page=page, action__startswith="editorial.").count() == 0


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_history_reads_in_the_admin_language(client, users, lang):
    _page, translation = in_review(client, users, "kk", "ru")
    moderator = users["moderator"]
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = lang
    profile.save()
    login(client, moderator)
    post_comment(client, translation, first_paragraph_segment(translation))
    shown = history_text(client, target_page(translation))
    label = admin_text("Comment on a segment", lang)
    message = admin_text("Commented on the segment “%(segment)s”", lang, segment=FIRST)
    assert label != "Comment on a segment" and message in shown and label in shown


@pytest.mark.parametrize(("source", "target"), DIRECTIONS)
@pytest.mark.parametrize(
    ("role", "may_comment", "may_resolve"),
    [
        ("moderator", True, True),
        ("admin", True, True),
        ("editor", False, False),
        ("translator_target", False, True),
        ("translator_source", False, False),
    ],
)
def test_who_comments_and_who_resolves(
    client, users, source, target, role, may_comment, may_resolve
):
    _page, translation = in_review(client, users, source, target)
    segment = first_paragraph_segment(translation)
    person = {
        "translator_target": users[f"translator_{target}"],
        "translator_source": users[f"translator_{source}"],
    }.get(role) or users[role]
    comment = SegmentComment.objects.create(
        translation=translation,
        context=segment.context,
        string=segment.string,
        text="Бар",
        author=users["moderator"],
    )
    login(client, person)
    response = post_comment(client, translation, segment)
    assert response.status_code == (201 if may_comment else 403)
    response = client.post(resolve_url(comment.pk))
    assert response.status_code == (200 if may_resolve else 403)
    comment.refresh_from_db()
    assert comment.is_resolved == may_resolve
    expected_entries = int(may_comment) + int(may_resolve)
    assert PageLogEntry.objects.filter(action__startswith="editorial.").count() == expected_entries


def test_signed_out_people_are_sent_to_sign_in(client, users):
    _page, translation = in_review(client, users, "kk", "ru")
    segment = first_paragraph_segment(translation)
    response = post_comment(client, translation, segment)
    assert response.status_code == 302 and "login" in response.url
    assert not SegmentComment.objects.exists()


def test_refused_comments(client, users):
    _page, translation = in_review(client, users, "kk", "ru")
    other_page = create_appeal("kk", "Басқа үндеу", "Басқа мәтін.")
    other = submit_for_translation(other_page, "ru", user=users["editor"])
    login(client, users["moderator"])
    segment = first_paragraph_segment(translation)
    assert post_comment(client, translation, segment, text="   ").status_code == 400
    assert post_comment(client, translation, segment, text="ж" * 2001).status_code == 400
    # A segment of another translation's source is not a segment of this one.
    assert post_comment(client, translation, first_paragraph_segment(other)).status_code == 400
    assert client.post(add_url(translation), {"segment": "x", "text": "a"}).status_code == 400
    assert client.get(add_url(translation)).status_code == 405
    missing = client.post(reverse("editorial_comments:add", args=[999999]), {"text": "a"})
    assert missing.status_code in (302, 404)  # the admin's "not found"
    assert not SegmentComment.objects.exists()
    # Resolving twice leaves one entry in the history.
    comment_id = json.loads(post_comment(client, translation, segment).content)["comment"]["id"]
    client.post(resolve_url(comment_id))
    client.post(resolve_url(comment_id))
    assert PageLogEntry.objects.filter(action="editorial.segment_comment.resolve").count() == 1


def test_a_comment_follows_its_segment_through_a_sync(client, users):
    """After the source is edited and synced, a comment on unchanged text stays on its
    segment; a comment whose text changed is listed as about changed text (no segment)."""
    from editorial.translations import sync_source

    page, translation = in_review(client, users, "kk", "ru")
    first = first_paragraph_segment(translation)
    login(client, users["moderator"])
    workflow_action(client, target_page(translation), "reject")
    second = (
        translation.source.stringsegment_set.filter(context__path__startswith="body.")
        .order_by("order")
        .last()
    )
    comment_on_first = json.loads(post_comment(client, translation, first).content)["comment"]
    comment_on_second = json.loads(post_comment(client, translation, second, "Екінші").content)[
        "comment"
    ]
    edit_source(page, None, "Келесі жиналыс мамырда өтеді.")
    sync_source(translation.source)
    translation.source.refresh_from_db()
    new_first = first_paragraph_segment(translation)
    assert not translation.source.stringsegment_set.filter(pk=second.pk).exists()
    shown = {c["id"]: c for c in editor_comments(client, target_page(translation))["comments"]}
    assert shown[comment_on_first["id"]]["segmentId"] == new_first.pk
    assert shown[comment_on_second["id"]]["segmentId"] is None
    assert shown[comment_on_second["id"]]["source"] == SECOND


def test_resolved_comments_leave_the_editor_once_the_page_is_published(client, users):
    _page, translation = in_review(client, users, "ru", "kk")
    login(client, users["moderator"])
    segment = first_paragraph_segment(translation)
    comment_id = json.loads(post_comment(client, translation, segment).content)["comment"]["id"]
    client.post(resolve_url(comment_id))
    target = target_page(translation)
    assert [c["id"] for c in editor_comments(client, target)["comments"]] == [comment_id]
    assert current_task_state(target) is not None
    workflow_action(client, target, "approve")
    target.refresh_from_db()
    assert target.live
    assert editor_comments(client, target)["comments"] == []


def test_the_editor_page_loads_only_our_own_files(client, users):
    """CSP: the comments come as JSON data and a script file, nothing inline."""
    _page, translation = in_review(client, users, "kk", "ru")
    login(client, users["moderator"])
    response = client.get(edit_url(target_page(translation)))
    soup = BeautifulSoup(response.content, "html.parser")
    script = soup.find("script", id="editorial-segment-comments")
    assert script["type"] == "application/json"
    assert soup.find("link", href=lambda href: href and "editorial/comments.css" in href)
    assert not wagtail_denied(response)
