"""Issue 21 points 4 and 8 in Chromium, through the real admin, as the demo translators in
their own admin languages: each signs in, finds on the dashboard the queue of pages waiting
in their language (segments to do, since when, the due date an editor set), starts a missing
translation from the queue (Kazakh news → Russian) or from the status report's "missing" row
(Russian appeal → Kazakh), and lands in wagtail-localize's translation editor. On the way:
the dashboard and the editor's sidebar speak the translator's language, the two PO buttons
read differently, and no request of the editor is refused (the snippet API answered 403 on
every news translation). Screenshots go to the pytest base temp directory
(`translator-queue*`)."""

import datetime
import re

import pytest
from django.utils.timezone import localtime
from playwright.sync_api import Page, expect

from tests.editorial_helpers import admin_text

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

KK_NEWS = "Кәсіподақ кеңесі жиналды"
RU_APPEAL = "Обращение о зарплатах"


@pytest.fixture
def stack(live_server):
    from core.site.setup import ensure_site_structure
    from editorial import demo
    from editorial.models import TranslationAssignment
    from tests.editorial_helpers import create_appeal, locale
    from tests.news_factories import category, news_index, publish_news

    ensure_site_structure()
    demo.load()
    news = publish_news(
        news_index("kk"),
        KK_NEWS,
        category=category(),
        body=[("paragraph", "<p>Кеңес жалақы туралы сөйлесті.</p>")],
    )
    appeal = create_appeal("ru", RU_APPEAL, "Федерация требует повысить зарплаты.")
    TranslationAssignment.objects.create(
        translation_key=news.translation_key,
        locale=locale("ru"),
        due_date=datetime.date(2030, 1, 15),
    )
    return {"url": live_server.url, "news": news, "appeal": appeal}


class Translator:
    def __init__(self, page: Page, base, directory, username, language):
        self.page, self.base, self.directory = page, base, directory
        self.username, self.language = username, language
        self.failures = []
        self.step = 0
        page.on(
            "response",
            lambda response: (
                response.status >= 400
                and self.failures.append(
                    f"{response.status} {response.request.method} {response.url}"
                )
            ),
        )

    def text(self, msgid, domain="django", **params):
        return admin_text(msgid, self.language, domain=domain, **params)

    def shot(self, name):
        self.step += 1
        self.page.screenshot(
            path=self.directory / f"{self.username}-{self.step:02d}-{name}.png", full_page=True
        )

    def login(self):
        from editorial.demo import DEMO_PASSWORD

        self.page.context.clear_cookies()
        self.page.goto(f"{self.base}/admin/login/")
        self.page.locator("#id_username").fill(self.username)
        self.page.locator("#id_password").fill(DEMO_PASSWORD)
        self.page.locator("form.login-form button[type=submit]").click()
        expect(self.page).to_have_url(f"{self.base}/admin/")

    def submit_the_form(self, language_name):
        page = self.page
        expect(page.get_by_label(language_name)).to_be_checked()
        self.shot("starts-the-translation")
        page.get_by_role("button", name=self.text("Submit"), exact=True).click()

    def check_the_editor(self, source_title):
        """In the translation editor, in the translator's language, nothing refused."""
        page = self.page
        expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
        expect(page.get_by_text(source_title).first).to_be_visible()
        segment_button = page.get_by_role(
            "button", name=self.text("Translate", domain="djangojs"), exact=True
        )
        expect(segment_button.first).to_be_visible()
        page.wait_for_load_state("networkidle")
        self.shot("in-the-translation-editor")
        # The sidebar speaks the translator's language (it was Kazakh for translator_ru).
        sidebar = page.locator("#wagtail-sidebar")
        search = self.text("Search", domain="djangojs")
        expect(sidebar.get_by_role("button", name=search, exact=True)).to_have_count(1)
        # Download and upload are two different buttons with two different names.
        download = self.text("Download PO file", domain="djangojs")
        upload = self.text("Upload PO file", domain="djangojs")
        assert download != upload
        expect(page.get_by_text(download, exact=True).filter(visible=True)).to_have_count(1)
        expect(page.get_by_text(upload, exact=True).filter(visible=True)).to_have_count(1)
        assert self.failures == []


def test_translators_start_their_own_work_in_both_directions(page: Page, stack, tmp_path_factory):
    from django.urls import reverse
    from wagtail.models import Locale

    directory = tmp_path_factory.mktemp("translator-queue")

    # kk source → ru translator, from the dashboard queue.
    ru = Translator(page, stack["url"], directory, "translator_ru", "ru")
    ru.login()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Федерация профсоюзов Республики Казахстан"
    )
    queue = page.locator(
        "section", has=page.get_by_role("heading", name=ru.text("Your translation queue"))
    )
    row = queue.locator("tr", has_text=KK_NEWS)
    expect(row).to_contain_text("15.01.2030")
    expect(row).to_contain_text(localtime(stack["news"].first_published_at).strftime("%d.%m.%Y"))
    segments = int(row.locator("[data-segments-to-do]").inner_text())
    assert segments >= 3  # title, slug, lead, the paragraph...
    ru.shot("sees-the-queue")
    row.get_by_role("link", name=KK_NEWS).click()
    ru.submit_the_form("Русский")
    ru.check_the_editor(KK_NEWS)
    ru_news = stack["news"].get_translation(Locale.objects.get(language_code="ru"))
    assert page.url.endswith(f"/admin/pages/{ru_news.pk}/edit/") and not ru_news.live

    # ru source → kk translator, from the status report's "missing" row.
    kk = Translator(page, stack["url"], directory, "translator_kk", "kk")
    kk.login()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Қазақстан Республикасы Кәсіподақтар федерациясы"
    )
    page.goto(f"{kk.base}{reverse('editorial:translation_status')}?state=missing")
    missing = page.locator("tr", has_text=RU_APPEAL)
    kk.shot("sees-the-missing-row")
    missing.get_by_role(
        "link", name=kk.text("Translate into %(language)s", language="Қазақша")
    ).click()
    kk.submit_the_form("Қазақша")
    kk.check_the_editor(RU_APPEAL)
    kk_appeal = stack["appeal"].get_translation(Locale.objects.get(language_code="kk"))
    assert page.url.endswith(f"/admin/pages/{kk_appeal.pk}/edit/") and not kk_appeal.live
    print(f"\nScreenshots: {directory}")
