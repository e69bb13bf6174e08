"""No mixed screens: the editorial journey through the admin in Chromium, once with the admin
in Kazakh and once in Russian, as the editor and then the Moderator. The visible text of
every screen (dashboard, explorer, the page editor with every block type opened, choosers,
workflow actions, the translation editor, the translation status report, reports, account
settings...) is collected, and any English word fails the test; a short allow-list holds
proper names and code-like values only. Screenshots of each screen go to the pytest
temporary directory (`admin-<language>`).

The walk also fails on any 4xx/5xx response, any console error, and any visible button or
link without an accessible name."""

import re
import time

import pytest
from playwright.sync_api import Page, expect

from tests.editorial_helpers import admin_text
from tests.totp_codes import code_from_key, fresh_code
from tests.word_files import seed_halves, word_file

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Proper names and code-like values that stay in Latin letters in every language.
ALLOWED = {
    "wagtail",
    "django",
    "pdf",
    "csv",
    "word",  # Microsoft Word, the appeal import's file format (with docx, txt, utf)
    "docx",
    "docm",
    "doc",
    "txt",
    "utf",
    "xlsx",
    "json",
    "url",
    "urls",
    "seo",
    "api",
    "html",
    "http",
    "https",
    "freeotp",
    "aegis",
    "google",
    "english",  # the language's own name in the admin language menu
    "authenticator",
    "microsoft",
    "totp",
    "qr",
    "avif",
    "webp",
    "jpeg",
    "jpg",
    "png",
    "svg",
    "gif",
    "mp4",
    "odt",
    "admin",
    "editor",
    "moderator",
    "chief",
    "fprk",
    "kz",
    "demo",
    "example",
    "invalid",
    "ctrl",
    "alt",
    "shift",
    "cmd",
    "esc",
    "enter",
    "tab",
    "id",
    "utc",
    "po",
    "draftail",
    "embedly",
    "oembed",
    "youtube",
    "vimeo",
    "twitter",
    "facebook",
    "x",
}
WORD = re.compile(r"(?<![\w./@-])[A-Za-z][A-Za-z']+(?![\w./@-])")


# The visible text of the page without code-like values: <code>, <kbd>, <samp> and anything
# marked translate="no" (keys, recovery codes, slugs) are taken out.
VISIBLE_INTERFACE_TEXT = """() => {
    const hidden = [...document.querySelectorAll("code, kbd, samp, [translate=no]")];
    const before = hidden.map((element) => element.style.visibility);
    hidden.forEach((element) => { element.style.visibility = "hidden"; });
    const text = document.body.innerText;  // leaves out what is not visible
    hidden.forEach((element, i) => { element.style.visibility = before[i]; });
    return text;
}"""


# Visible buttons and links whose accessible name is empty (an icon with no label, text or
# title): what a screen reader announces as just "button".
UNNAMED_CONTROLS = """() => {
    const nameOf = (element) => {
        const labelledby = element.getAttribute("aria-labelledby");
        const byId = labelledby
            ? labelledby.split(/\\s+/).map((id) => document.getElementById(id))
                .filter(Boolean).map((label) => label.textContent).join(" ")
            : "";
        const images = [...element.querySelectorAll("img[alt], svg title")]
            .map((image) => image.getAttribute("alt") || image.textContent).join(" ");
        return [element.getAttribute("aria-label"), byId, element.textContent, images,
                element.getAttribute("title"), element.value]
            .map((part) => (part || "").trim()).join("");
    };
    const visible = (element) => {
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        return box.width > 0 && box.height > 0 && style.visibility !== "hidden";
    };
    return [...document.querySelectorAll("button, a[href], [role=button], input[type=submit]")]
        .filter((element) => visible(element) && !nameOf(element))
        .map((element) => element.outerHTML.slice(0, 160));
}"""


def english_words(text):
    """Latin words of the visible text that are not proper names or code-like values
    (tokens inside addresses, file names, e-mail addresses and slugs are left alone)."""
    found = []
    for line in text.splitlines():
        for match in WORD.finditer(line):
            word = match.group().strip("'")
            if word.lower() not in ALLOWED and len(word) > 1:
                found.append((word, line.strip()[:100]))
    return found


@pytest.fixture
def content(live_server):
    import datetime

    from django.core.management import call_command
    from wagtail.models import Locale

    from core.site.setup import ensure_site_structure
    from editorial import demo
    from tests.conftest import SEED
    from tests.news_factories import category, news_index, publish_news, tiny_image, translate_news

    ensure_site_structure()
    demo.load()
    call_command("import_appeal", str(SEED), "--publish", verbosity=0)
    item = publish_news(
        news_index("kk"),
        "Сайлау жиналысы",
        date=datetime.date(2024, 3, 1),
        category=category(),
        main_image=tiny_image("Жиналыс суреті"),
        body=[("paragraph", "<p>Жиналыс өтті.</p>")],
    )
    ru = translate_news(item, prefix="")
    waiting = publish_news(news_index("kk"), "Тексерістегі жаңалық")
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.get(username="editor")
    waiting.save_revision(user=editor)
    waiting.get_workflow().start(waiting, editor)
    return {
        "url": live_server.url,
        "news_index": news_index("kk"),
        "item": item,
        "ru_item": ru,
        "waiting": waiting,
        "ru": Locale.objects.get(language_code="ru"),
    }


class Walk:
    # A screen is read once no request has been in flight for this long (Playwright's
    # "networkidle" waits half a second after the last one, on each of ~70 screens).
    QUIET_SECONDS = 0.25

    def __init__(self, page, base, directory):
        self.page, self.base, self.directory = page, base, directory
        self.found = {}
        self.step = 0
        self.in_flight = set()
        self.failures = []  # 4xx/5xx responses, console errors, controls without a name
        page.on("request", lambda request: self.in_flight.add(request))
        page.on(
            "response",
            lambda response: (
                response.status >= 400
                and self.failures.append(
                    f"{response.status} {response.request.method} {response.url}"
                )
            ),
        )
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and self.failures.append(f"console error on {page.url}: {message.text}")
            ),
        )
        page.on("requestfinished", lambda request: self.in_flight.discard(request))
        page.on("requestfailed", lambda request: self.in_flight.discard(request))

    def settle(self, timeout=15):
        """Wait for the page's load event, then until no request (fetches the screen makes
        after loading included) has been in flight for QUIET_SECONDS."""
        self.page.wait_for_load_state("load")
        deadline = time.monotonic() + timeout
        quiet_since = time.monotonic()
        while time.monotonic() < deadline:
            self.page.wait_for_timeout(30)  # lets Playwright deliver request events
            if self.in_flight:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= self.QUIET_SECONDS:
                return
        raise AssertionError(f"requests still in flight on {self.page.url}: {self.in_flight}")

    def sign_in(self, username, language):
        from django.contrib.auth import get_user_model
        from wagtail.users.models import UserProfile

        from editorial.demo import DEMO_PASSWORD

        user = get_user_model().objects.get(username=username)
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        self.page.context.clear_cookies()
        self.page.goto(f"{self.base}/admin/login/")
        self.page.locator("#id_username").fill(username)
        self.page.locator("#id_password").fill(DEMO_PASSWORD)
        self.page.locator("form.login-form button[type=submit]").click()
        self.page.wait_for_load_state()
        if "/two-factor/setup/" in self.page.url:
            self.check("two-factor setup")
            key = self.page.locator(".two-factor-secret").inner_text()
            self.page.locator("#id_code").fill(code_from_key(key))
            self.page.locator("form.login-form button[type=submit]").click()
            self.check("recovery codes")
            self.page.locator("a.two-factor-continue").click()
        elif "/two-factor/" in self.page.url:
            self.check("two-factor")
            self.page.locator("#id_code").fill(fresh_code(user))
            self.page.locator("form.login-form button[type=submit]").click()
        expect(self.page).to_have_url(f"{self.base}/admin/")

    def check(self, name):
        """Screenshot the screen as it is and collect its English words."""
        self.settle()
        self.step += 1
        slug = re.sub(r"\W+", "-", name)[:40]
        self.page.screenshot(
            path=self.directory / f"{self.step:02d}-{slug}.jpg", full_page=True, quality=70
        )
        words = english_words(self.page.evaluate(VISIBLE_INTERFACE_TEXT))
        if words:
            self.found[name] = words
        for control in self.page.evaluate(UNNAMED_CONTROLS):
            self.failures.append(f"{name}: a control without an accessible name: {control}")

    def visit(self, name, path):
        self.page.goto(self.base + path)
        self.check(name)


def close_modal(page):
    page.locator(".modal-dialog button.close").filter(visible=True).click()
    expect(page.locator(".modal-dialog").filter(visible=True)).to_have_count(0)


def walk(page, content, directory, language):
    base = content["url"]
    item, ru_item, waiting = content["item"], content["ru_item"], content["waiting"]
    index = content["news_index"]
    journey = Walk(page, base, directory)
    # The editor: the page they submitted says it is in review (not "Cancel workflow" as the
    # main button), and a new item's long title and Promote tab.
    journey.sign_in("editor", language)
    journey.visit("page in review, for its author", f"/admin/pages/{waiting.pk}/edit/")
    expect(page.locator("footer button[disabled]").first).to_contain_text(
        admin_text("In review", language)
    )
    journey.visit("new news item", f"/admin/pages/add/news/newspage/{index.pk}/")
    page.locator("#id_title").fill("Еңбекті қорғау айлығы басталды")
    page.get_by_role("tab").nth(1).click()
    journey.check("new news item, second tab")

    journey.sign_in("moderator", language)
    journey.check("dashboard")
    journey.visit("explorer", "/admin/pages/")
    journey.visit("news listing", f"/admin/pages/{index.pk}/")
    page.locator("tr", has_text="Сайлау жиналысы").locator(
        "[data-w-dropdown-target=toggle]"
    ).last.click()
    journey.check("page actions menu")

    journey.visit("page editor", f"/admin/pages/{item.pk}/edit/")
    body = page.locator("[data-contentpath='body']")
    for option in range(6):
        body.locator("button.c-sf-add-button").last.click()
        options = page.get_by_role("option")
        if option == 0:
            journey.check("block chooser")
        options.nth(option).click()
    journey.check("page editor with every block type")
    page.get_by_role("tab").nth(1).click()
    journey.check("page editor second tab")
    page.get_by_role("tab").first.click()
    image = page.locator("[data-contentpath='main_image']")
    image.locator("[data-w-dropdown-target=toggle]").first.click()
    journey.check("chosen image menu")
    image.locator("[data-chooser-action-choose]").first.click()
    expect(page.locator(".modal-dialog").first).to_be_visible()
    journey.check("image chooser")
    close_modal(page)
    body.locator("[data-chooser-action-choose]").last.click()
    expect(page.locator(".modal-dialog").first).to_be_visible()
    journey.check("document chooser")
    close_modal(page)

    journey.visit("page in review", f"/admin/pages/{waiting.pk}/edit/")
    page.locator("footer [data-w-dropdown-target=toggle]").last.click()
    journey.check("workflow actions")

    journey.visit("translation editor", f"/admin/pages/{ru_item.pk}/edit/")
    journey.visit("translation status report", "/admin/editorial/translation-status/")
    journey.visit("translation jobs report", "/admin/localize/reports/translations/")
    page.locator("#filters-drilldown [data-w-dropdown-target=toggle]").first.click()
    journey.check("translation jobs report filters")
    page.get_by_role("button", name=admin_text("Source language", language)).click()
    journey.check("translation jobs report language filter")
    journey.visit("locked pages report", "/admin/reports/locked/")
    journey.visit("site history report", "/admin/reports/site-history/")
    journey.visit("workflows report", "/admin/reports/workflow/")
    journey.visit("aging pages report", "/admin/reports/aging-pages/")
    journey.visit("page search", "/admin/pages/search/?q=%D0%B6%D0%B0%D2%A3%D0%B0")
    journey.visit("images", "/admin/images/")
    journey.visit("documents", "/admin/documents/")
    journey.visit("snippets", "/admin/snippets/")
    journey.visit("page history", f"/admin/pages/{item.pk}/history/")
    journey.visit("account settings", "/admin/account/")
    journey.visit("two-factor", "/admin/two-factor/manage/")
    # The appeal import, with a Word file whose halves do not align and that holds an
    # image: the preview's alerts and its "not imported" list are on the screen too.
    journey.visit("appeal import", "/admin/appeals/import/")
    kazakh, russian = seed_halves()
    russian.body.pop(5)
    word = directory / "677.docx"
    word.write_bytes(word_file(kazakh, russian, extra=with_a_table))
    page.locator("#id_file").set_input_files(str(word))
    page.locator("form[enctype] button[type=submit]").click()
    expect(page.locator("#misalignment")).to_be_visible()
    journey.check("appeal import preview")

    # Approving from the dashboard says what happened.
    journey.visit("dashboard with a page to review", "/admin/")
    row = page.locator("tr", has_text="Тексерістегі жаңалық")
    row.locator("[data-w-dropdown-target=toggle]").first.click()
    row.locator("[data-workflow-action-url*='/approve/']:not([data-launch-modal])").click()
    expect(page.locator(".messages .success")).to_contain_text("Тексерістегі жаңалық")
    journey.check("dashboard after approving")
    return journey


def with_a_table(document):
    document.add_table(rows=1, cols=1)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_admin_screen_speaks_one_language(page: Page, content, tmp_path_factory, language):
    journey = walk(page, content, tmp_path_factory.mktemp(f"admin-{language}"), language)
    assert journey.failures == [], "\n".join(journey.failures)
    found = journey.found
    report = "\n".join(
        f"{screen}: "
        + ", ".join(sorted({word for word, _line in words}))
        + "".join(f"\n    in: {line}" for line in sorted({line for _word, line in words})[:6])
        for screen, words in found.items()
    )
    assert found == {}, f"English words on {len(found)} screens:\n{report}"
