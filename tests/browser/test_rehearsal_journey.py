"""The production rehearsal (`make rehearsal`, deploy/rehearsal.py) driven in Chromium, as the
Federation's people would use it: Varnish in front of two gunicorn servers with production
settings sharing PostgreSQL and Redis, nginx serving the media volume, and the scheduler.

1. An editor, signed in with a password and a second factor on server A, uploads a new image
   and writes a news item with it; a Moderator, signed in on server B with theirs, approves
   it. An anonymous reader, through Varnish, sees it on the home page, the news index and
   its own page in both languages, with every image loaded (naturalWidth > 0).
2. The Moderator schedules a publication in the admin; the scheduler process publishes it
   when its time comes (the test moves the time to now instead of waiting), and it shows
   through Varnish and on both servers.
3. A password-protected page opens with its password (through Varnish); another reader still
   gets the form.
4. Its siblings are reordered in the explorer; the protected page stays protected through
   Varnish and on both servers, with and without a query string, and in search.
Screenshots of every step go to the pytest base temp directory (`rehearsal-journey*`).
"""

import datetime
import io
import json
import re
import time
import urllib.error
import urllib.request
from base64 import b32encode

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from editorial.setup import WORKFLOW_NAME
from tests.editorial_helpers import admin_text
from tests.servers import postgres_copy
from tests.totp_codes import code_from_key

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("servers")]

PASSWORD = "zhabyq-2024"
PROTECTED_TEXT = "Жабық мәтін тек мүшелерге."
NEWS_TITLE = "Жаңа суретті жаңалық"
IMAGE_TITLE = "Съезд залы / Зал съезда"
SCHEDULED_TITLE = "Жоспарланған жаңалық"
EDITOR, MODERATOR = "kk", "ru"  # each demo user's admin language (editorial/demo.py)

SETUP = """
import datetime, json
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Locale, PageViewRestriction
from core.translation import translate_page
from editorial.demo import load as load_demo_users
from news.models import NewsIndexPage, NewsPage

load_demo_users()  # the demo people only: the rest of the demo content is not needed here
made = {"keys": {}}
for name in ("editor", "moderator"):
    user = get_user_model().objects.get(username=name)
    made["keys"][name] = TOTPDevice.objects.create(user=user, name="app", confirmed=True).key
index = NewsIndexPage.objects.get(locale__language_code="kk")
made["index"] = index.pk
ru = Locale.objects.get(language_code="ru")
protected = NewsPage(
    title="Жабық жиналыс", slug="zhabyq-zhinalys", lead="Мүшелерге.",
    date=datetime.date(2024, 1, 2), body=[("paragraph", "<p>@TEXT@</p>")],
)
index.add_child(instance=protected)
protected.save_revision().publish()
translate_page(
    protected, ru, lambda path, text: "zakrytoe-sobranie" if path == "slug" else text,
    publish=True,
)
PageViewRestriction.objects.create(
    page=protected, restriction_type=PageViewRestriction.PASSWORD, password="@PASSWORD@"
)
made["protected"] = [protected.url, protected.get_translation(ru).url]
draft = NewsPage(
    title="@SCHEDULED@", slug="zhosparlangan", lead="Кейін.", live=False,
    date=datetime.date(2024, 1, 3), body=[("paragraph", "<p>Кейін жарияланады.</p>")],
)
index.add_child(instance=draft)
draft.save_revision()
made["scheduled"] = draft.pk
print(json.dumps(made))
"""
for placeholder, value in (
    ("@TEXT@", PROTECTED_TEXT),
    ("@PASSWORD@", PASSWORD),
    ("@SCHEDULED@", SCHEDULED_TITLE),
):
    SETUP = SETUP.replace(placeholder, value)

TRANSLATE = """
import json
from wagtail.models import Locale
from core.translation import translate_page
from news.models import NewsPage
page = NewsPage.objects.get(locale__language_code="kk", title="@TITLE@")
ru = translate_page(
    page, Locale.objects.get(language_code="ru"),
    lambda path, text: "novoe-foto" if path == "slug" else "RU " + text, publish=True,
)
print(json.dumps([page.url, ru.url]))
"""

# The scheduled time has come: what the clock would do a day later. Wagtail publishes a
# revision whose approved time has passed, and schedules it again if the go-live time in its
# content is still ahead: both move to now.
TIME_COMES = """
from django.utils import timezone
from wagtail.models import Page, Revision
now = timezone.now()
for revision in Revision.objects.filter(approved_go_live_at__isnull=False):
    revision.content["go_live_at"] = now.isoformat()
    revision.approved_go_live_at = now
    revision.save(update_fields=["content", "approved_go_live_at"])
    Page.objects.filter(pk=revision.object_id).update(go_live_at=now)
"""


@pytest.fixture(scope="module")
def rehearsal(tmp_path_factory, postgres_template, collected_static):
    from deploy.rehearsal import Rehearsal

    workdir = tmp_path_factory.mktemp("rehearsal-journey-stack")
    with postgres_copy(postgres_template) as name:
        with Rehearsal(
            workdir,
            database_url=f"postgres://postgres@127.0.0.1:5432/{name}",
            redis_url="redis://127.0.0.1:6379/12",
            static_root=collected_static,
            demo=False,
            scheduler_interval=1,
        ) as stack:
            made = json.loads(stack.manage("shell", "-c", SETUP).stdout.strip().splitlines()[-1])
            yield stack, made


def fetch(url):
    """An anonymous reader's GET: (status, body)."""
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def eventually(check, seconds=60, message=""):
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, message
        time.sleep(0.5)


class Person:
    """One person in their own browser context, signed in on one server."""

    def __init__(self, page: Page, base, directory, name):
        self.page, self.base, self.directory, self.name = page, base, directory, name
        self.steps = 0

    def shot(self, what):
        self.steps += 1
        self.page.screenshot(
            path=self.directory / f"{self.name}-{self.steps:02d}-{what}.jpeg",
            full_page=True,
            type="jpeg",
            quality=70,
        )

    def sign_in(self, key):
        from editorial.demo import DEMO_PASSWORD

        self.page.goto(f"{self.base}/admin/login/")
        self.page.locator("#id_username").fill(self.name)
        self.page.locator("#id_password").fill(DEMO_PASSWORD)
        self.page.locator("form.login-form button[type=submit]").click()
        # Production asks everyone with admin access for the second factor.
        expect(self.page).to_have_url(re.compile(re.escape(f"{self.base}/admin/two-factor/")))
        # The device's hex key as the base32 an authenticator app is given.
        self.page.locator("#id_code").fill(code_from_key(b32encode(bytes.fromhex(key)).decode()))
        self.page.locator("form.login-form button[type=submit]").click()
        expect(self.page).to_have_url(f"{self.base}/admin/")


def images_loaded(page):
    """Every <img> of the page has loaded (naturalWidth > 0); returns how many there are.
    Lazy images load as a reader scrolls to them: so does this."""
    page.wait_for_load_state("load")
    for image in page.locator("img").all():
        image.scroll_into_view_if_needed()
    page.wait_for_function("() => [...document.images].every(image => image.complete)")
    widths = page.eval_on_selector_all("img", "images => images.map(i => i.naturalWidth)")
    assert widths and all(width > 0 for width in widths), (page.url, widths)
    return len(widths)


def new_image_file(tmp_path):
    path = tmp_path / "syezd-zaly.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), "#b5471f").save(buffer, format="JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def test_the_production_topology_as_its_people_use_it(
    browser, rehearsal, tmp_path_factory, tmp_path
):
    stack, made = rehearsal
    shots = tmp_path_factory.mktemp("rehearsal-journey")
    server_a, server_b = stack.servers
    varnish = stack.varnish_url

    # 1. The editor, on server A: a new image, then a news item with it, sent to moderation.
    editor = Person(browser.new_page(), server_a, shots, "editor")
    editor.sign_in(made["keys"]["editor"])
    editor.page.goto(f"{server_a}/admin/images/add/")
    editor.page.locator("#id_title").fill(IMAGE_TITLE)
    editor.page.locator("#id_file").set_input_files(new_image_file(tmp_path))
    editor.page.locator("form[enctype] button[type=submit]").last.click()
    expect(editor.page.locator(".messages")).to_contain_text(IMAGE_TITLE)
    editor.page.goto(f"{server_a}/admin/pages/add/news/newspage/{made['index']}/")
    editor.page.locator("#id_title").fill(NEWS_TITLE)
    editor.page.locator("#id_lead").fill("Съезд жаңа залда өтті.")
    body = editor.page.locator("[data-contentpath='body']")
    body.locator("button.c-sf-add-button").last.click()
    editor.page.get_by_role("option", name="Абзац").click()
    body.locator("[contenteditable=true]").first.click()
    editor.page.keyboard.type("Делегаттар жаңа залда жиналды.")
    editor.page.locator("[data-contentpath='main_image'] [data-chooser-action-choose]").click()
    modal = editor.page.locator(".modal")
    modal.get_by_role("link", name=IMAGE_TITLE).first.click()
    expect(modal).to_be_hidden()
    editor.page.locator("#id_image_alt").fill("Съезд залы")
    editor.shot("writes-news-with-new-image")
    editor.page.locator("footer [data-w-dropdown-target=toggle]").last.click()
    editor.page.get_by_role(
        "button",
        name=admin_text("Submit to %(workflow_name)s", EDITOR, workflow_name=WORKFLOW_NAME),
    ).click()
    expect(editor.page.locator(".messages")).to_contain_text(NEWS_TITLE)
    editor.shot("submitted")

    # The Moderator, on server B, approves it from the dashboard.
    moderator = Person(browser.new_page(), server_b, shots, "moderator")
    moderator.sign_in(made["keys"]["moderator"])
    panel = moderator.page.locator(
        "section",
        has=moderator.page.get_by_role(
            "heading", name=admin_text("Awaiting your review", MODERATOR)
        ),
    )
    row = panel.locator("tr", has_text=NEWS_TITLE).first
    row.locator("[data-w-dropdown-target=toggle]").click()
    row.get_by_role("button", name=admin_text("Approve", MODERATOR), exact=True).click()
    expect(panel.locator("tr", has_text=NEWS_TITLE)).to_have_count(0)
    moderator.shot("approved")

    # Its Russian version (a real wagtail-localize translation, published).
    kk_url, ru_url = json.loads(
        stack.manage("shell", "-c", TRANSLATE.replace("@TITLE@", NEWS_TITLE))
        .stdout.strip()
        .splitlines()[-1]
    )

    # An anonymous reader, through Varnish, in both languages: home, index, the item.
    reader = browser.new_page(viewport={"width": 390, "height": 844})
    for language, item_url, title in (
        ("kk", kk_url, NEWS_TITLE),
        ("ru", ru_url, "RU " + NEWS_TITLE),
    ):
        index_url = item_url.rstrip("/").rsplit("/", 1)[0] + "/"
        for url in (f"/{language}/", index_url, item_url):
            reader.goto(varnish + url)
            expect(reader.locator("main")).to_contain_text(title)
            assert images_loaded(reader) >= 2  # the logo and the news item's picture
        picture = reader.locator("main img").first
        assert "/media/images/" in picture.evaluate("img => img.currentSrc")
        reader.screenshot(path=shots / f"reader-{language}.jpeg", type="jpeg", quality=70)

    # 2. The Moderator schedules a publication; the scheduler publishes it when its time comes.
    moderator.page.goto(f"{server_b}/admin/pages/{made['scheduled']}/edit/")
    moderator.page.locator("[data-side-panel-toggle=status]").click()
    moderator.page.get_by_role("button", name=admin_text("Set schedule", MODERATOR)).click()
    dialog = moderator.page.locator("#schedule-publishing-dialog")
    go_live = datetime.datetime.now() + datetime.timedelta(days=1)  # Almaty time is later
    # The value goes into the field without focusing it: focus opens Wagtail's date picker,
    # which on a loaded machine stayed open over the dialog's button (seen twice in CI).
    dialog.locator("input[name=go_live_at]").evaluate(
        "(field, value) => { field.value = value;"
        " field.dispatchEvent(new Event('change', {bubbles: true})); }",
        go_live.strftime("%d.%m.%Y %H:%M"),
    )
    dialog.get_by_role("button", name=admin_text("Save schedule", MODERATOR)).click()
    moderator.page.locator("footer [data-w-dropdown-target=toggle]").last.click()
    moderator.page.get_by_role("button", name=admin_text("Schedule to publish", MODERATOR)).click()
    expect(moderator.page.locator(".messages")).to_contain_text(SCHEDULED_TITLE)
    moderator.shot("scheduled")
    news_index = kk_url.rstrip("/").rsplit("/", 1)[0] + "/"
    assert SCHEDULED_TITLE not in fetch(varnish + news_index)[1]
    stack.manage("shell", "-c", TIME_COMES)
    for base in (varnish, server_a, server_b):
        eventually(
            lambda base=base: SCHEDULED_TITLE in fetch(base + news_index)[1],
            message=f"the scheduler's publication never showed on {base}",
        )

    # 3. The protected page opens with its password, for that reader only.
    protected_kk, protected_ru = made["protected"]
    reader.goto(varnish + protected_kk)
    expect(reader.locator("main")).not_to_contain_text(PROTECTED_TEXT)
    reader.locator("input[type=password]").fill("not-the-password")
    reader.locator("form.restricted-access__form button[type=submit]").click()
    expect(reader.locator(".form-error")).to_be_visible()
    reader.locator("input[type=password]").fill(PASSWORD)
    reader.locator("form.restricted-access__form button[type=submit]").click()
    expect(reader.locator("main")).to_contain_text(PROTECTED_TEXT)
    reader.screenshot(path=shots / "reader-unlocked.jpeg", type="jpeg", quality=70)
    stranger = browser.new_page()
    stranger.goto(varnish + protected_kk)
    expect(stranger.locator("main")).not_to_contain_text(PROTECTED_TEXT)
    expect(stranger.locator("input[type=password]")).to_be_visible()

    # 4. The editor reorders the siblings in the explorer (the request its drag and drop
    # sends): the newest item first, which renumbers every sibling in the tree.
    editor.page.goto(f"{server_a}/admin/pages/{made['index']}/?ordering=ord")
    token = next(c["value"] for c in editor.page.context.cookies() if c["name"] == "csrftoken")
    moved = editor.page.request.post(
        f"{server_a}/admin/pages/{made['scheduled']}/set_position/?position=0",
        headers={"X-CSRFToken": token, "Referer": editor.page.url},
    )
    assert moved.ok, moved.status
    for base in (varnish, server_a, server_b):
        for url in (protected_kk, protected_ru):
            for address in (url, url + "?utm_source=share", url + "?page=2"):
                status, body = fetch(base + address)
                assert status == 200 and PROTECTED_TEXT not in body, (base, address)
                assert 'type="password"' in body, (base, address)
        status, body = fetch(base + "/kk/search/?q=" + urllib.request.quote("жиналыс"))
        assert status == 200 and "zhabyq-zhinalys" not in body, base
