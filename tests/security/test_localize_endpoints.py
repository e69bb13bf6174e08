"""wagtail-localize's endpoints that editorial did not wrap before are closed too: the snippet
chooser API checks model permissions, a PO upload without a file or a translation header is a
400 (not a 500), and the "Translations" report shows translators only their language."""

import io

import polib
import pytest
from django.urls import reverse

from news.models import NewsCategory
from tests.editorial_helpers import approved_pair, login, make_user, submit_for_translation

pytestmark = pytest.mark.django_db


def snippets_url():
    return reverse(
        "wagtail_localize:snippets_api_listing",
        kwargs={"app_label": "news", "model_name": "newscategory"},
    )


def test_the_snippet_api_needs_a_permission_on_the_model(client, users):
    NewsCategory.objects.create(slug="secret", names={"kk": "Құпия", "ru": "Секрет"})
    outsider = make_user("outsider")
    from django.contrib.auth.models import Permission

    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    login(client, outsider)
    response = client.get(snippets_url())
    assert response.status_code == 403
    assert "Құпия" not in response.content.decode()
    detail = reverse(
        "wagtail_localize:snippets_api_detail",
        kwargs={"app_label": "news", "model_name": "newscategory", "pk": "1"},
    )
    assert client.get(detail).status_code == 403

    login(client, users["admin"])  # categories are managed by administrators
    response = client.get(snippets_url())
    assert response.status_code == 200
    assert "Құпия" in response.content.decode()


@pytest.mark.parametrize("role", ["editor", "moderator", "translator_kk", "translator_ru"])
def test_every_role_may_read_the_snippets_a_translation_shows(client, users, role):
    """The translation editor of a news item asks for its category: that answered 403 on
    every load (a console error, and the category's name missing)."""
    category = NewsCategory.objects.create(slug="labour", names={"kk": "Еңбек", "ru": "Труд"})
    login(client, users[role])
    detail = reverse(
        "wagtail_localize:snippets_api_detail",
        kwargs={"app_label": "news", "model_name": "newscategory", "pk": str(category.pk)},
    )
    assert client.get(detail).status_code == 200


@pytest.fixture
def translation(users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return approved_pair("kk", "ru", "PO үндеу", "Азат жол.").translation


def upload_url(translation):
    return reverse("wagtail_localize:upload_pofile", kwargs={"translation_id": translation.pk})


def po_file(metadata):
    po = polib.POFile()
    po.metadata = metadata
    po.append(polib.POEntry(msgid="Азат жол.", msgstr="Абзац."))
    return io.BytesIO(str(po).encode())


@pytest.mark.parametrize(
    "data,message",
    [
        ({}, "No file was uploaded"),
        ({"file": io.BytesIO(b"\xff\xfe\x00 not text")}, "not a valid PO file"),
        ({"file": po_file({"Language": "ru"})}, "no translation identifier"),
    ],
)
def test_bad_po_uploads_answer_400(client, users, translation, data, message, settings):
    settings.LANGUAGE_CODE = "en"
    login(client, users["translator_ru"])
    response = client.post(upload_url(translation), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert client.get(upload_url(translation)).status_code == 400


def test_a_good_po_upload_still_imports(client, users, translation):
    login(client, users["translator_ru"])
    download = client.get(
        reverse("wagtail_localize:download_pofile", kwargs={"translation_id": translation.pk})
    )
    po = polib.pofile(download.content.decode())
    for entry in po:
        entry.msgstr = "Жаңа: " + entry.msgid
    response = client.post(upload_url(translation), {"file": io.BytesIO(str(po).encode())})
    assert response.status_code == 302


def test_the_translations_report_shows_translators_their_language_only(client, users):
    from editorial.setup import setup_editorial

    setup_editorial()
    from tests.editorial_helpers import create_appeal

    page = create_appeal("ru", "Только по-русски", "Абзац.")
    submit_for_translation(page, "kk")
    other = create_appeal("kk", "Тек қазақша", "Азат жол.")
    submit_for_translation(other, "ru")
    report = reverse("wagtail_localize:translations_report")

    login(client, users["translator_ru"])
    body = client.get(report).content.decode()
    assert "Тек қазақша" in body and "Только по-русски" not in body

    login(client, users["translator_kk"])
    body = client.get(report).content.decode()
    assert "Только по-русски" in body and "Тек қазақша" not in body

    login(client, users["editor"])
    body = client.get(report).content.decode()
    assert "Только по-русски" in body and "Тек қазақша" in body
