"""Editors work with candidates in the admin: the forms open, save, preview, and refuse
invalid candidacies with a message in the editor's language."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from candidates.models import CandidatePage
from tests import candidates_factories as make

pytestmark = pytest.mark.django_db


def form_data(title, candidacies):
    return nested_form_data(
        {
            "title": title,
            "slug": make.ascii_slug(title),
            "photo_credit": "",
            "birth_year": "1980",
            "union": make.union().pk,
            "occupation": "Инженер",
            "workplace": "",
            "biography": rich_text("<p>Өмірбаяны.</p>"),
            "priorities": streamfield([("priority", "Еңбек қауіпсіздігі")]),
            "email": "",
            "phone": "",
            "website": "",
            "candidacies": inline_formset(candidacies, min=1),
            "comments": inline_formset([]),
        }
    )


def row(**fields):
    values = {
        "election": make.election().pk,
        "body": make.body("district-maslikhat").pk,
        "region": make.region("KZ-75").pk,
        "nomination_type": "self-nominated",
        "party": "",
        "district_number": "4",
        "list_position": "",
        "status": "registered",
        "source_url": "https://example.org/decision/4",
        "source_date": "2023-02-10",
    }
    values.update(fields)
    return values


@pytest.fixture
def editor(admin_client, admin_user, site_structure):
    UserProfile.get_for_user(admin_user)
    UserProfile.objects.filter(user=admin_user).update(preferred_language="ru")
    return admin_client


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=["candidates", "candidatepage", index.pk])


def test_an_editor_creates_a_candidate_with_a_candidacy(editor):
    kk, _ru = make.indexes()
    assert editor.get(add_url(kk)).status_code == 200
    response = editor.post(add_url(kk), form_data("Жаңа Кандидат", [row()]))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = CandidatePage.objects.get(title="Жаңа Кандидат")
    candidacy = page.get_latest_revision_as_object().candidacies.get()
    assert (candidacy.district_number, candidacy.region.code) == (4, "KZ-75")
    assert editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200


def test_invalid_candidacies_are_refused_with_messages_in_the_editor_language(editor):
    kk, _ru = make.indexes()
    response = editor.post(add_url(kk), form_data("Жаңа Кандидат", [row(district_number="")]))
    assert response.status_code == 200
    assert "Для кандидата по одномандатному округу укажите номер округа." in (
        response.content.decode()
    )
    assert not CandidatePage.objects.filter(title="Жаңа Кандидат").exists()


def test_preview_of_a_new_and_an_existing_candidate(editor):
    kk, _ru = make.indexes()
    preview_add = reverse(
        "wagtailadmin_pages:preview_on_add", args=["candidates", "candidatepage", kk.pk]
    )
    data = form_data("Жаңа Кандидат", [row()])
    assert editor.post(preview_add, data).json()["is_valid"]
    assert "Жаңа Кандидат" in editor.get(preview_add).content.decode()

    page = make.candidate(kk, "Бар кандидат", [make.candidacy()])
    preview_edit = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert editor.post(preview_edit, form_data("Бар кандидат", [row()])).json()["is_valid"]
    assert "Бар кандидат" in editor.get(preview_edit).content.decode()


@pytest.mark.parametrize("model", ["election", "electoralbody", "region", "party", "memberunion"])
def test_reference_data_has_admin_listings(editor, model):
    response = editor.get(reverse(f"wagtailsnippets_candidates_{model}:list"))
    assert response.status_code == 200
    assert editor.get(reverse(f"wagtailsnippets_candidates_{model}:add")).status_code == 200
