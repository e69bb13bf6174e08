"""A translator's page chooser shows only the tree of the language they translate into: the
other language's pages (a Kazakh draft's title among them) are not theirs to see or link to.
Editors and Moderators choose from every language."""

import pytest
from django.urls import reverse

from tests.editorial_helpers import create_appeal
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db

KK_DRAFT = "Жоба: келесі сайлау туралы үндеу"
RU_DRAFT = "Черновик: обращение о следующих выборах"


def chooser_pages(client, *, parent=None, query=None):
    """The titles the chooser lists: browsing from the root, from `parent`, or searching."""
    if query is not None:
        url = reverse("wagtailadmin_choose_page_search") + f"?q={query}"
    elif parent is not None:
        url = reverse("wagtailadmin_choose_page_child", args=[parent.pk])
    else:
        url = reverse("wagtailadmin_choose_page")
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode("unicode_escape")


@pytest.fixture
def drafts(users):
    kk = create_appeal("kk", KK_DRAFT, "Мәтін.", publish=False)
    ru = create_appeal("ru", RU_DRAFT, "Текст.", publish=False)
    return kk, ru


def test_a_translator_chooses_only_in_their_language(client, users, drafts):
    kk, ru = drafts
    sign_in(client, users["translator_ru"])
    seen = " ".join(
        [
            chooser_pages(client),
            chooser_pages(client, parent=kk.get_parent()),
            chooser_pages(client, parent=ru.get_parent()),
            chooser_pages(client, query="сайлау"),
            chooser_pages(client, query="выборах"),
        ]
    )
    assert KK_DRAFT not in seen
    assert RU_DRAFT in seen


def test_a_kazakh_translator_does_not_see_russian_drafts(client, users, drafts):
    kk, ru = drafts
    sign_in(client, users["translator_kk"])
    seen = chooser_pages(client, parent=ru.get_parent()) + chooser_pages(
        client, parent=kk.get_parent()
    )
    assert RU_DRAFT not in seen and KK_DRAFT in seen


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_editors_and_moderators_choose_in_every_language(client, users, drafts, role):
    kk, ru = drafts
    sign_in(client, users[role])
    seen = chooser_pages(client, parent=kk.get_parent()) + chooser_pages(
        client, parent=ru.get_parent()
    )
    assert KK_DRAFT in seen and RU_DRAFT in seen
