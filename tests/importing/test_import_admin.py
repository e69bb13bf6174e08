"""The admin's "Import appeal": who may use it, a preview that writes nothing, a confirm that
saves both languages as drafts and submits them to moderation in one transaction, and every
refusal (misaligned halves, an appeal in review, an expired preview) changing nothing."""

import re

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from appeals.models import AppealPage
from tests.editorial_helpers import login
from tests.word_files import seed_halves, word_file

pytestmark = pytest.mark.django_db

UPLOAD = "/admin/appeals/import/"


def row_counts():
    """Every content row (sessions excluded: the preview lives in the person's session)."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"wagtailcore", "wagtail_localize", "appeals", "wagtailsearch", "taggit"}
    }


def upload(client, *files):
    names = ["file", "second_file"]
    data = {
        names[index]: SimpleUploadedFile(name, raw, content_type="application/octet-stream")
        for index, (name, raw) in enumerate(files)
    }
    return client.post(UPLOAD, data)


def two_word_files(bold=False, drop_russian_paragraph=None):
    kazakh, russian = seed_halves()
    if drop_russian_paragraph is not None:
        russian.body.pop(drop_russian_paragraph)
    return ("undeu-kk.docx", word_file(kazakh, bold=bold)), (
        "obrashchenie-ru.docx",
        word_file(russian),
    )


def preview_of(client, response):
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response["Location"])
    assert page.status_code == 200
    return response["Location"], BeautifulSoup(page.content, "html.parser")


def confirm_button(soup):
    return soup.find("button", attrs={"name": "confirm"})


def test_only_editors_and_moderators_may_import(client, users):
    for role, allowed in [
        ("editor", True),
        ("moderator", True),
        ("admin", True),
        ("translator_kk", False),
        ("translator_ru", False),
    ]:
        login(client, users[role])
        response = client.get(UPLOAD)
        if allowed:
            assert response.status_code == 200, role
        else:  # Wagtail's answer to PermissionDenied in the admin: back to the dashboard
            assert response.status_code == 302 and response["Location"] == "/admin/", role
        menu = client.get("/admin/").content.decode()
        assert (UPLOAD in menu) is allowed, role
        client.logout()


def test_the_appeals_index_offers_the_import(client, users, site_structure):
    login(client, users["editor"])
    index = site_structure["appeals.AppealIndexPage"]
    html = client.get(reverse("wagtailadmin_explore", args=[index.pk])).content.decode()
    assert UPLOAD in html


def stored_files(root):
    from pathlib import Path

    return sorted(str(path) for path in Path(root).rglob("*") if path.is_file())


def test_preview_shows_both_languages_side_by_side_and_writes_nothing(client, users, settings):
    from appeals.lines import MAX_FILE_BYTES

    login(client, users["editor"])
    before, files_before = row_counts(), stored_files(settings.MEDIA_ROOT)
    _url, soup = preview_of(client, upload(client, *two_word_files(bold=True)))
    assert row_counts() == before
    # The files are not kept: nothing in the media storage, and an accepted upload is
    # small enough for Django to hold in memory (no temporary file on disk).
    assert stored_files(settings.MEDIA_ROOT) == files_before
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE >= MAX_FILE_BYTES
    kazakh, russian = seed_halves()
    rows = soup.select(".appeal-import__pairs tbody tr")
    # number, heading, 18 body pairs, adoption line
    assert len(rows) == 2 + len(kazakh.body) + 1
    first_pair = rows[2].find_all("td")
    assert first_pair[0]["lang"] == "kk" and first_pair[1]["lang"] == "ru"
    assert first_pair[0].find("b").get_text().strip() == "2022"
    assert russian.body[0].text in first_pair[1].get_text()
    detected = [li["data-language"] for li in soup.select(".appeal-import__halves li")]
    assert detected == ["kk", "ru"]
    assert soup.select_one(".appeal-import__target")["data-action"] == "create"
    assert soup.find("input", attrs={"name": "source", "value": "kk"}).has_attr("checked")
    assert not confirm_button(soup).has_attr("disabled")
    # An editor submits to moderation; publishing at once is a Moderator's choice.
    assert soup.find("input", attrs={"name": "publish_now"}) is None


def test_confirm_saves_drafts_in_both_languages_and_submits_them(client, users):
    login(client, users["editor"])
    url, _soup = preview_of(client, upload(client, *two_word_files(bold=True)))
    response = client.post(url, {"source": "kk", "confirm": "1"})
    assert response.status_code == 302
    kk = AppealPage.objects.get(locale__language_code="kk", number="677")
    ru = kk.get_translation(kk.locale.__class__.objects.get(language_code="ru")).specific
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[kk.pk])
    for page in (kk, ru):
        assert not page.live
        assert page.workflow_in_progress
        assert page.latest_revision.user == users["editor"]
    draft = ru.get_latest_revision_as_object()
    kazakh, russian = seed_halves()
    assert draft.title == russian.title
    # Every segment is stored as the translation of its source segment.
    translation = Translation.objects.get(source__object_id=kk.translation_key)
    segments = StringSegment.objects.filter(source=translation.source)
    translated = StringTranslation.objects.filter(
        locale=ru.locale,
        translation_of__in=segments.values("string"),
        context__in=segments.values("context"),
    )
    # title, slug, adoption line, the adopting body it names and each body element
    assert segments.count() == translated.count() == 4 + len(kazakh.body)
    source_draft = kk.get_latest_revision_as_object()
    assert "<b>2022 </b><i>жылдан </i>" in str(source_draft.body[0].value)
    # The preview is gone once used.
    assert client.get(url).status_code == 302


def test_russian_may_be_the_source(client, users):
    login(client, users["editor"])
    url, _ = preview_of(client, upload(client, *two_word_files()))
    client.post(url, {"source": "ru", "confirm": "1"})
    ru = AppealPage.objects.get(locale__language_code="ru", number="677")
    translation = Translation.objects.get(source__object_id=ru.translation_key)
    assert translation.source.locale.language_code == "ru"
    assert translation.target_locale.language_code == "kk"


def test_a_moderator_may_publish_at_once(client, users):
    login(client, users["moderator"])
    url, soup = preview_of(client, upload(client, *two_word_files()))
    assert soup.find("input", attrs={"name": "publish_now"}) is not None
    client.post(url, {"source": "kk", "confirm": "1", "publish_now": "1"})
    pages = AppealPage.objects.filter(number="677")
    assert pages.count() == 2 and all(page.live for page in pages)
    assert not WorkflowState.objects.exists()


def test_misaligned_halves_are_shown_at_the_pair_and_cannot_be_confirmed(client, users):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(users["editor"])
    profile.preferred_language = "ru"
    profile.save()
    login(client, users["editor"])
    before = row_counts()
    url, soup = preview_of(client, upload(client, *two_word_files(drop_russian_paragraph=5)))
    message = soup.select_one("#misalignment").get_text()
    assert "14 абзацев" in message and "13 абзацев" in message  # Russian admin
    differs = soup.select_one("#first-difference")
    kazakh, russian = seed_halves()
    rows = soup.select(".appeal-import__pairs tbody tr")
    # The dropped Russian paragraph: the sixth Kazakh paragraph has no partner, and the
    # pairs after it are paired right again.
    assert rows.index(differs) == 2 + 5
    assert differs.select_one("td[lang=ru]").get_text(strip=True) == "Нет пары"
    assert soup.select(".appeal-import__differs") == [differs]
    assert russian.body[6].text in rows[2 + 6].select_one("td[lang=ru]").get_text()
    assert confirm_button(soup).has_attr("disabled")
    response = client.post(url, {"source": "kk", "confirm": "1"})
    assert response.status_code == 200
    assert row_counts() == before


def test_an_appeal_in_review_is_not_updated(client, users):
    login(client, users["editor"])
    url, _ = preview_of(client, upload(client, *two_word_files()))
    client.post(url, {"source": "kk", "confirm": "1"})
    before = row_counts()
    url, soup = preview_of(client, upload(client, *two_word_files()))
    assert soup.select_one(".appeal-import__target")["data-action"] == "update"
    alert = soup.select_one("[role=alert]").get_text()
    assert "тексеруде" in alert  # "in review", in the editor's Kazakh admin
    assert confirm_button(soup).has_attr("disabled")
    client.post(url, {"source": "kk", "confirm": "1"})
    assert row_counts() == before


def test_a_failure_during_confirm_leaves_nothing_behind(client, users):
    """The workflow is gone when the editor confirms: the pages written before the
    submission fails are rolled back with it."""
    from wagtail.models import WorkflowPage

    login(client, users["editor"])
    url, _ = preview_of(client, upload(client, *two_word_files()))
    WorkflowPage.objects.all().delete()
    Page.objects.filter(depth=1).update()  # (no default workflow on the root either)
    from wagtail.models import Workflow

    Workflow.objects.update(active=False)
    before = row_counts()
    response = client.post(url, {"source": "kk", "confirm": "1"})
    assert response.status_code == 200
    assert row_counts() == before
    assert not AppealPage.objects.filter(number="677").exists()


def test_an_expired_preview_says_so(client, users, monkeypatch):
    login(client, users["editor"])
    url, _ = preview_of(client, upload(client, *two_word_files()))
    from appeals import admin_views

    monkeypatch.setattr(admin_views, "PREVIEW_SECONDS", -1)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == UPLOAD
    assert "appeal_imports" not in client.session or not client.session["appeal_imports"]


def test_a_bad_file_keeps_the_form_with_the_message(client, users):
    login(client, users["editor"])
    before = row_counts()
    response = client.post(
        UPLOAD, {"file": SimpleUploadedFile("appeal.pdf", b"%PDF-1.4", "application/pdf")}
    )
    assert response.status_code == 200
    assert re.search(r"appeal\.pdf", response.content.decode())
    response = upload(client, ("undeu.docx", b"PK\x03\x04 broken"))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("[role=alert]") is not None
    assert row_counts() == before


def test_the_command_reads_word_files_too_and_never_publishes_over_a_review(
    client, users, tmp_path
):
    from django.core.management import CommandError, call_command

    kazakh, russian = seed_halves()
    path = tmp_path / "undeu.docx"
    path.write_bytes(word_file(kazakh, russian, bold=True))
    call_command("import_appeal", str(path), stdout=__import__("io").StringIO())
    kk = AppealPage.objects.get(locale__language_code="kk", number="677")
    assert "<b>2022 </b>" in str(kk.get_latest_revision_as_object().body[0].value)
    # The same parser and writer as the admin: an appeal in review is refused.
    from appeals.write import submit_to_moderation

    submit_to_moderation(kk, users["editor"])
    before = row_counts()
    with pytest.raises(CommandError, match="in review|тексеруде"):
        call_command("import_appeal", str(path), "--publish")
    assert row_counts() == before
    assert not AppealPage.objects.filter(live=True, number="677").exists()


def test_an_appeal_titled_like_another_is_a_new_appeal_at_a_free_slug(client, users):
    """Without a number, an appeal is found by its slug, which keeps only the title's first
    words: two of the federation's appeals ("Қазақстан Республикасы Кәсіподақтар
    федерациясының ... үндеуі") can share it. The second is not taken for an update of the
    first; it gets its own pages, at `-2`, where a later import of it finds them."""
    import dataclasses

    login(client, users["moderator"])
    first = [dataclasses.replace(half, number="") for half in seed_halves()]
    second = [
        dataclasses.replace(half, heading=[half.title.replace(old, new)])
        for half, (old, new) in zip(
            first,
            [("сайлауына байланысты", "сайлау қорытындылары туралы"), ("выборами", "итогами")],
            strict=True,
        )
    ]
    for halves in (first, second):
        files = [(f"{half.language}.docx", word_file(half)) for half in halves]
        url, soup = preview_of(client, upload(client, *files))
        assert soup.select_one(".appeal-import__target")["data-action"] == "create"
        response = client.post(url, {"source": "kk", "confirm": "1", "publish_now": "1"})
        assert response.status_code == 302
    for first_half, second_half in zip(first, second, strict=True):
        language = first_half.language
        pages = AppealPage.objects.filter(locale__language_code=language).order_by("path")
        assert [page.title for page in pages] == [first_half.title, second_half.title]
        assert pages[1].slug == f"{pages[0].slug}-2"
        assert all(page.live for page in pages)
    # Imported again, the second appeal is found at its own slug.
    files = [(f"{half.language}.docx", word_file(half)) for half in second]
    _url, soup = preview_of(client, upload(client, *files))
    assert soup.select_one(".appeal-import__target")["data-action"] == "update"
    assert second[0].title in soup.select_one(".appeal-import__target").get_text()
