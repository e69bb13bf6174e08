"""Issue 11 in Chromium, as the demo users: the editor opens Appeals → Import appeal in the
Kazakh admin, uploads the appeal as two Word files (one per language), reads the preview
side by side, confirms; the moderator approves both languages from the dashboard; both
public pages then show every paragraph. Nothing is public before the approval. And, as drawn,
the import's buttons and the preview's mark of a missing list item."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_editorial_journey import EDITOR, MODERATOR, Journey
from tests.editorial_helpers import admin_text
from tests.word_files import seed_halves, word_file

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def stack(live_server):
    from core.site.setup import ensure_site_structure
    from editorial import demo

    ensure_site_structure()
    demo.load()
    return {"url": live_server.url}


def test_an_editor_imports_a_two_file_word_appeal_and_a_moderator_approves_it(
    page: Page, stack, tmp_path_factory
):
    from appeals.models import AppealPage

    directory = tmp_path_factory.mktemp("import-journey")
    journey = Journey(page, stack["url"], directory)
    kazakh, russian = seed_halves()
    kk_file, ru_file = directory / "undeu-kk.docx", directory / "obrashchenie-ru.docx"
    kk_file.write_bytes(word_file(kazakh, bold=True))
    ru_file.write_bytes(word_file(russian))

    # 1. The editor finds the import under Appeals in the sidebar.
    journey.login("editor")
    page.get_by_role("button", name=admin_text("Appeals", EDITOR), exact=True).click()
    page.get_by_role("link", name=admin_text("Import appeal", EDITOR)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(admin_text("Import appeal", EDITOR))
    page.locator("#id_file").set_input_files(str(kk_file))
    page.locator("#id_second_file").set_input_files(str(ru_file))
    journey.shot("editor-chooses-two-word-files")
    page.get_by_role("button", name=admin_text("Preview", EDITOR)).click()

    # 2. The preview: both languages side by side, nothing saved, the import allowed.
    rows = page.locator(".appeal-import__pairs tbody tr")
    expect(rows).to_have_count(2 + len(kazakh.body) + 1)
    expect(rows.nth(2).locator("td[lang=kk] b")).to_have_text("2022")
    expect(rows.nth(2).locator("td[lang=ru]")).to_contain_text(russian.body[0].text[:40])
    expect(page.locator(".appeal-import__target")).to_have_attribute("data-action", "create")
    assert not AppealPage.objects.exists()
    journey.shot("editor-reads-the-preview")
    confirm = page.get_by_role("button", name=admin_text("Import and submit to moderation", EDITOR))
    expect(confirm).to_be_enabled()
    confirm.click()
    journey.expect_message(
        admin_text(
            "The appeal “%(title)s” is saved in both languages and submitted to moderation.",
            EDITOR,
            title=kazakh.title,
        )
    )
    journey.shot("editor-sees-the-appeal-submitted")
    kk_page = AppealPage.objects.get(locale__language_code="kk")
    ru_page = AppealPage.objects.get(locale__language_code="ru")
    assert kk_page.workflow_in_progress and ru_page.workflow_in_progress
    assert journey.public_status("/kk/undeuler/") == 200
    assert not kk_page.live and not ru_page.live

    # 3. The moderator approves both languages.
    journey.approve_from_dashboard(kazakh.title)
    journey.approve_from_dashboard(russian.title)
    journey.shot("moderator-approved-both")
    assert MODERATOR == "ru"

    # 4. Both public pages show every paragraph and item.
    for half in (kazakh, russian):
        live = AppealPage.objects.get(locale__language_code=half.language)
        assert live.live
        page.goto(f"{stack['url']}{live.url}")
        main = page.locator("main")
        expect(main.get_by_role("heading", level=1)).to_contain_text(half.heading[0])
        text = main.inner_text()
        for element in half.body:
            assert " ".join(element.text.split()) in " ".join(text.split()), element.text[:60]
        journey.shot(f"public-{half.language}")
    print(f"\nimport journey screenshots: {directory}")


def test_the_import_buttons_read_and_a_missing_list_item_stands_out(
    page: Page, stack, tmp_path_factory
):
    """As drawn in Chromium: each import button shows its label (no icon filling it), the
    pair without a partner is coloured apart from the others, and the disabled confirm says
    why, on screen and to a screen reader."""
    directory = tmp_path_factory.mktemp("import-messages")
    journey = Journey(page, stack["url"], directory)
    kazakh, russian = seed_halves()
    del kazakh.body[14]  # the Kazakh half's second list item
    kk_file, ru_file = directory / "undeu-kk.docx", directory / "obrashchenie-ru.docx"
    kk_file.write_bytes(word_file(kazakh))
    ru_file.write_bytes(word_file(russian))

    def shows_its_label(button, label):
        expect(button).to_have_accessible_name(label)
        expect(button.locator("em")).to_have_text(label)
        # Measured at one instant (the page may be scrolling): the label lies inside the
        # button, which is one line high, and no icon is drawn larger than the text.
        box, text, icons = button.evaluate(
            """button => [button, button.querySelector("em")].map(
                element => element.getBoundingClientRect().toJSON()
            ).concat([[...button.querySelectorAll("svg")].map(
                icon => icon.getBoundingClientRect().height
            )])"""
        )
        assert box["height"] < 60, box  # not a 150 px tall icon
        assert text["width"] > 0 and box["left"] <= text["left"] <= text["right"] <= box["right"]
        assert box["top"] <= text["top"] <= text["bottom"] <= box["bottom"], (box, text)
        assert all(height <= 24 for height in icons), icons

    journey.login("editor")
    page.goto(f"{stack['url']}/admin/appeals/import/")
    preview = page.locator("main form button[type=submit]")
    shows_its_label(preview, admin_text("Preview", EDITOR))
    page.locator("#id_file").set_input_files(str(kk_file))
    page.locator("#id_second_file").set_input_files(str(ru_file))
    preview.click()

    marked = page.locator("tr.appeal-import__differs")
    expect(marked).to_have_count(1)
    expect(marked.locator("td[lang=kk]")).to_have_text(admin_text("No counterpart", EDITOR))
    ordinary = page.locator(".appeal-import__pairs tbody tr").first

    def background(row):
        return row.locator("td").first.evaluate("cell => getComputedStyle(cell).backgroundColor")

    assert background(marked) != background(ordinary)
    page.get_by_role("link", name=admin_text("Go to the first pair that differs", EDITOR)).click()
    expect(marked).to_be_focused()
    marked.scroll_into_view_if_needed()
    journey.shot("preview-marks-the-missing-item")

    confirm = page.locator("button[name=confirm]")
    expect(confirm).to_be_disabled()
    shows_its_label(confirm, admin_text("Import and submit to moderation", EDITOR))
    expect(page.locator("#confirm-blocked")).to_be_visible()
    why = admin_text(
        "Importing is possible once the halves align: correct the files as the message above "
        "says, then upload them again.",
        EDITOR,
    )
    expect(page.locator("#confirm-blocked")).to_have_text(why)
    expect(confirm).to_have_accessible_description(re.compile(re.escape(why)))
    page.locator("#confirm-blocked").scroll_into_view_if_needed()
    journey.shot("disabled-import-says-why")
