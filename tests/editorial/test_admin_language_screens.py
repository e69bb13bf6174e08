"""What the Kazakh and Russian admin walk (tests/browser/test_admin_language.py) found in
English or empty, checked screen by screen without a browser: the tree root's title, the
count under the "Translation jobs" report, the date on a translated segment, the
publisher of imported pages ("None"), the page search's count ("None"), the workflow's name,
and the Russian strings that Wagtail's Russian catalogue lacks (shown in Kazakh before)."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.utils import timezone, translation
from wagtail.models import GroupApprovalTask, Page, Workflow
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation

from editorial.setup import WAGTAIL_DEFAULT_NAME, WORKFLOW_NAME, ensure_workflow
from tests.editorial_helpers import create_appeal, fill_strings, submit_for_translation
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db


def signed_in(client, user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return sign_in(client, user)


@pytest.mark.parametrize("language,title", [("kk", "Барлық сайттар"), ("ru", "Все сайты")])
def test_the_tree_root_is_named_in_the_admin_language(language, title):
    root = Page.get_first_root_node()
    with translation.override(language):
        assert root.get_admin_display_title() == title
    home = root.get_children().first()
    assert home.get_admin_display_title() == home.draft_title


@pytest.mark.parametrize(
    "language,expected", [("kk", "2026 жылғы 2 желтоқсан"), ("ru", "2 декабря 2026")]
)
def test_a_translated_segment_is_dated_in_the_admin_language_and_almaty_time(
    users, language, expected
):
    page = create_appeal("kk", "Үндеу", "Бірінші абзац.")
    job = submit_for_translation(page, "ru")
    fill_strings(job)
    # 20:30 UTC on 1 December is already 2 December in Almaty (UTC+5).
    StringTranslation.objects.update(
        updated_at=datetime.datetime(2026, 12, 1, 20, 30, tzinfo=datetime.UTC)
    )
    segment = StringTranslation.objects.first()
    with translation.override(language), timezone.override("Asia/Almaty"):
        comment = segment.get_comment()
    assert expected in comment
    assert "December" not in comment


class _Text(HTMLParser):
    """The text a person sees in <main>: no tags, attributes, scripts or templates."""

    def __init__(self):
        super().__init__()
        self.parts, self.skipping, self.in_main = [], 0, False

    def handle_starttag(self, tag, attrs):
        self.in_main = self.in_main or tag == "main"
        self.skipping += tag in ("script", "style", "template")

    def handle_endtag(self, tag):
        self.skipping -= tag in ("script", "style", "template")

    def handle_data(self, data):
        if self.in_main and not self.skipping:
            self.parts.append(data)


def visible_text(html):
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


@pytest.mark.parametrize(
    "language,label,filters",
    [
        ("kk", "{n} аударма жұмысы", ["Бастапқы тіл", "Мақсатты тіл"]),
        ("ru", "{n} заданий на перевод", ["Исходный язык", "Язык перевода"]),
    ],
)
def test_the_translation_jobs_report_speaks_the_admin_language(
    client, users, language, label, filters
):
    from wagtail_localize.models import Translation

    for title in ("Бірінші үндеу", "Екінші үндеу"):
        submit_for_translation(create_appeal("kk", title, "Мәтін."), "ru")
    signed_in(client, users["moderator"], language)
    text = visible_text(client.get("/admin/localize/reports/translations/").content.decode())
    assert label.format(n=Translation.objects.count()) in text  # 6: sections and two appeals
    for name in filters:
        assert name in text
    assert not re.search(r"translations|[Ll]ocale", text)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_pages_published_without_a_person_and_the_page_search_show_no_none(client, users, language):
    create_appeal("kk", "Жаңа үндеу", "Мәтін.")  # published by no one, as an import is
    signed_in(client, users["moderator"], language)
    for path in (
        "/admin/reports/aging-pages/",
        "/admin/pages/search/?q=%D2%AF%D0%BD%D0%B4%D0%B5%D1%83",
    ):
        text = visible_text(client.get(path).content.decode())
        assert "None" not in text, path
    count = {"kk": r"1-\d+, барлығы \d+ бет", "ru": r"1–\d+ из \d+ \(страниц"}[language]
    assert re.search(count, text)
    if language == "kk":  # the page of a report published by no one
        report = visible_text(client.get("/admin/reports/aging-pages/").content.decode())
        assert "жүйе" in report


def test_russian_strings_missing_upstream_are_russian_not_kazakh(client, users):
    create_appeal("kk", "Жаңа үндеу", "Мәтін.")
    signed_in(client, users["moderator"], "ru")
    search = client.get("/admin/pages/search/?q=%D2%AF%D0%BD%D0%B4%D0%B5%D1%83").content.decode()
    assert re.search(r"1–\d+ из \d+ \(страниц", visible_text(search))
    assert "барлығы" not in search


@pytest.mark.parametrize("language,actions", [("kk", "Әрекеттер"), ("ru", "Действия")])
def test_the_header_actions_are_named_in_the_admin_language(client, users, language, actions):
    """Wagtail's slim header names its actions aria-label="Actions", in English, on every
    edit, listing and history screen; a screen reader read it in English."""
    page = create_appeal("kk", "Үндеу", "Мәтін.")
    signed_in(client, users["moderator"], language)
    for path in (
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/pages/{page.get_parent().pk}/",
        f"/admin/pages/{page.pk}/history/",
        "/admin/images/",
    ):
        html = client.get(path).content.decode()
        assert 'aria-label="Actions"' not in html, path
        assert f'aria-label="{actions}"' in html, path


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_no_link_promises_a_guide_that_is_only_in_english(client, users, language):
    """The dashboard's "Wagtail 8.0.1 … нұсқаулығы" and the help menu's "What's new" and
    "Editor Guide" opened guide.wagtail.org, in English only. The shortcuts stay."""
    signed_in(client, users["editor"], language)
    html = client.get("/admin/").content.decode()
    assert "guide.wagtail.org/en" not in html
    assert "keyboard-shortcuts-dialog" in html


def test_wagtails_own_moderation_workflow_is_renamed_not_duplicated(editorial_site):
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    workflow.name = WAGTAIL_DEFAULT_NAME
    workflow.save()
    GroupApprovalTask.objects.update(name=WAGTAIL_DEFAULT_NAME)
    assert ensure_workflow().pk == workflow.pk
    assert list(Workflow.objects.values_list("name", flat=True)) == [WORKFLOW_NAME]
    assert set(GroupApprovalTask.objects.values_list("name", flat=True)) == {WORKFLOW_NAME}
