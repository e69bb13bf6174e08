"""A second factor wherever it protects something: a page under a login or group restriction,
and a document in a private collection, ask whoever has a second factor (or must have one) for
a code first, as the admin does. A password alone, stolen or guessed, opens nothing private.
Every step through the real sign-in, second-step and serving views."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import reverse
from django.utils.http import urlencode
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from accounts.second_factor import AUTHENTICATOR_NAME
from editorial.roles import MODERATORS
from tests.editorial_helpers import PASSWORD, make_user
from tests.news_factories import news_index, publish_news, translate_news
from tests.totp_codes import code_from_key, fresh_code

pytestmark = pytest.mark.django_db

SECRET = "Құпия хаттама"  # in the private page's title and body, in both languages
DOCUMENT_TEXT = b"Protocol of the closed session"
LANGUAGES = ["kk", "ru"]
KINDS = [PageViewRestriction.LOGIN, PageViewRestriction.GROUPS]


def restricted_news(kind):
    """A news item and its ru translation, both under a restriction of `kind` (for groups: the
    Moderators)."""
    kk = publish_news(news_index("kk"), SECRET)
    ru = translate_news(kk)
    for page in (kk, ru):
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind)
        if kind == PageViewRestriction.GROUPS:
            restriction.groups.set([Group.objects.get(name=MODERATORS)])
    return {"kk": Page.objects.get(pk=kk.pk), "ru": Page.objects.get(pk=ru.pk)}


def private_document(kind):
    """A document in a collection under a restriction of `kind`."""
    private = Collection.get_first_root_node().add_child(name="Closed sessions")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=kind
    )
    if kind == CollectionViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get(name=MODERATORS)])
    document = get_document_model()(title="Protocol", collection=private)
    document.file.save("protocol.txt", ContentFile(DOCUMENT_TEXT))
    return document


def with_authenticator(user):
    return TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=True)


def sign_in_with_password(client, user):
    """The admin's sign-in form, password only: the second step not taken."""
    response = client.post(
        reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302, response.content[:500]


def second_step(url_name, path):
    return f"{reverse(url_name)}?{urlencode({'next': path})}"


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_a_password_alone_does_not_open_a_private_page(client, users, kind, language):
    moderator = users["moderator"]
    with_authenticator(moderator)
    path = restricted_news(kind)[language].url
    sign_in_with_password(client, moderator)

    asked = client.get(path)
    assert asked.status_code == 302
    assert asked["Location"] == second_step("accounts_verify", path)
    assert SECRET.encode() not in asked.content
    assert "no-store" in asked["Cache-Control"] or "no-cache" in asked["Cache-Control"]
    # Asking again, or with a query string, changes nothing.
    assert client.get(path + "?page=2")["Location"].startswith(reverse("accounts_verify"))

    verified = client.post(asked["Location"], {"code": fresh_code(moderator)})
    assert verified.status_code == 302
    assert verified["Location"] == path
    page = client.get(path)
    assert page.status_code == 200
    assert SECRET in page.content.decode()


@pytest.mark.parametrize(
    "kind", [CollectionViewRestriction.LOGIN, CollectionViewRestriction.GROUPS]
)
def test_a_password_alone_does_not_open_a_private_document(client, users, kind):
    moderator = users["moderator"]
    with_authenticator(moderator)
    document = private_document(kind)
    sign_in_with_password(client, moderator)

    asked = client.get(document.url)
    assert asked.status_code == 302
    assert asked["Location"] == second_step("accounts_verify", document.url)
    assert DOCUMENT_TEXT not in body_of(asked)

    verified = client.post(asked["Location"], {"code": fresh_code(moderator)})
    assert verified["Location"] == document.url
    served = client.get(document.url)
    assert served.status_code == 200
    assert body_of(served) == DOCUMENT_TEXT


@override_settings(TWO_FACTOR_REQUIRED_FOR_ADMIN_ACCESS=True)  # as in production
def test_an_editor_without_a_second_factor_sets_one_up_before_a_private_page(client, users):
    editor = users["editor"]
    path = restricted_news(PageViewRestriction.LOGIN)["kk"].url
    sign_in_with_password(client, editor)

    asked = client.get(path)
    assert asked.status_code == 302
    assert asked["Location"] == second_step("accounts_setup", path)
    assert SECRET.encode() not in asked.content

    setup = client.get(asked["Location"]).content.decode()
    key = re.search(r'class="two-factor-secret"[^>]*>([A-Z2-7 ]+)<', setup).group(1)
    done = client.post(asked["Location"], {"code": code_from_key(key)})
    assert done.status_code == 200
    continue_link = re.search(
        r'href="([^"]+)">[^<]*</a>', done.content.decode().split("two-factor-continue")[1]
    )
    assert continue_link.group(1) == path
    page = client.get(path)
    assert page.status_code == 200
    assert SECRET in page.content.decode()


@pytest.mark.parametrize("production_rule", [False, True])
def test_a_reader_with_no_second_factor_to_give_still_reads_a_login_page(
    client, site_structure, production_rule
):
    path = restricted_news(PageViewRestriction.LOGIN)["ru"].url
    client.force_login(make_user("member"))  # a union member: no admin access, no device
    with override_settings(TWO_FACTOR_REQUIRED_FOR_ADMIN_ACCESS=production_rule):
        page = client.get(path)
    assert page.status_code == 200
    assert SECRET in page.content.decode()


def test_anonymous_readers_still_get_the_sign_in_page(client, site_structure):
    path = restricted_news(PageViewRestriction.LOGIN)["kk"].url
    response = client.get(path)
    assert response.status_code == 302
    assert not response["Location"].startswith(reverse("accounts_verify"))
    assert "login" in response["Location"]


def test_a_group_page_turns_away_an_outsider_without_asking_for_a_code(client, users):
    """The second step comes only where the restriction would let the reader in: an Editor
    (not a Moderator) with a second factor gets Wagtail's answer, not a pointless code."""
    editor = users["editor"]
    with_authenticator(editor)
    path = restricted_news(PageViewRestriction.GROUPS)["kk"].url
    sign_in_with_password(client, editor)
    response = client.get(path)
    assert response.status_code == 302
    assert not response["Location"].startswith(reverse("accounts_verify"))
    assert SECRET.encode() not in response.content


def test_a_password_restriction_asks_for_its_password_not_a_code(client, users):
    moderator = users["moderator"]
    with_authenticator(moderator)
    kk = publish_news(news_index("kk"), SECRET)
    PageViewRestriction.objects.create(
        page=kk, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    sign_in_with_password(client, moderator)
    response = client.get(Page.objects.get(pk=kk.pk).url)
    assert not response.get("Location", "").startswith(reverse("accounts_verify"))


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example/",
        "https:///evil.example/",
        "javascript:alert(1)",
        "evil.example",
    ],
)
def test_after_the_second_step_nobody_is_sent_off_the_site(client, users, next_url):
    moderator = users["moderator"]
    with_authenticator(moderator)
    sign_in_with_password(client, moderator)
    step = second_step("accounts_verify", next_url)
    assert next_url not in client.get(step).content.decode()
    response = client.post(step, {"code": fresh_code(moderator)})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
