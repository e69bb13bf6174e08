"""A reader opens /kk/, reaches the appeal through navigation and switches to Russian."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.axe import assert_no_axe_violations
from tests.conftest import SEED

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def published_seed(live_server):
    call_command("import_appeal", str(SEED), "--publish")
    from appeals.models import AppealPage

    return (
        AppealPage.objects.get(locale__language_code="kk"),
        AppealPage.objects.get(locale__language_code="ru"),
    )


def test_reader_reaches_the_appeal_and_switches_to_russian(page: Page, live_server, published_seed):
    kk, ru = published_seed
    page.goto(live_server.url + "/kk/")
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    page.get_by_role("navigation", name="Бөлімдер").get_by_role("link", name="Үндеулер").click()
    expect(page).to_have_url(re.compile(r"/kk/undeuler/$"))
    page.get_by_role("link", name=kk.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(kk.title)

    page.get_by_role("navigation", name="Тіл").get_by_role("link", name="Русский").click()
    expect(page).to_have_url(live_server.url + ru.url)
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).to_have_text(ru.title)
    expect(page.locator(".task-list li")).to_have_count(4)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_no_axe_violations_on_home_index_and_appeal(
    page: Page, live_server, published_seed, language
):
    appeal = published_seed[0] if language == "kk" else published_seed[1]
    for url in (f"/{language}/", appeal.get_parent().url, appeal.url):
        page.goto(live_server.url + url)
        assert_no_axe_violations(page)


def test_the_axe_check_itself_catches_a_violation(page: Page):
    page.set_content('<html lang="kk"><title>x</title><main><img src="x.png"></main></html>')
    with pytest.raises(AssertionError, match="image-alt"):
        assert_no_axe_violations(page)
