"""Issue 21, point 5, in Chromium through the real admin, as the demo users: an editor
changes a Kazakh appeal and chooses to publish it together with its Russian translation; the
Moderator's approval holds it; the Russian translator translates the change in
wagtail-localize's editor; when the Moderator approves the translation, both languages go live
at once. Until then readers see the old text in both languages. Screenshots of every step go
to the pytest base temp directory (`joint-release*`)."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_editorial_journey import EDITOR, SUBMIT_FOR_REVIEW, Journey, stack  # noqa: F401
from tests.editorial_helpers import admin_text, approved_pair

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

OLD = "Кәсіподақ мүшелері жиналды."
NEW = "Кәсіподақ мүшелері сайлауға дайындалып жатыр."
RU_NEW = "Члены профсоюза готовятся к выборам."
RELEASE_TOGETHER = admin_text("Submit, to go live with its translations", EDITOR)


OPEN = "li.incomplete, li[data-editorial-needs-review]"


def translate_changed_segments(page, translations):
    """Fill each segment that needs work (untranslated, or started from the previous
    translation and marked for review) from `translations` (by source text)."""
    translate = admin_text("Translate", "ru", domain="djangojs")
    edit = admin_text("Edit", "ru", domain="djangojs")
    save = admin_text("Save", "ru", domain="djangojs")
    done = 0
    for segment in page.locator(OPEN).filter(visible=True).element_handles():
        source = segment.query_selector("p").inner_text().strip()
        if source not in translations:
            continue
        if segment.query_selector("textarea") is None:
            segment.query_selector(
                f"button:text-is('{translate}'), button:text-is('{edit}')"
            ).click()
        segment.wait_for_selector("textarea").fill(translations[source])
        segment.query_selector(f"button:text-is('{save}')").click()
        page.wait_for_function(
            "el => !el.classList.contains('incomplete')"
            " && !el.hasAttribute('data-editorial-needs-review')",
            arg=segment,
        )
        done += 1
    return done


def test_an_appeal_and_its_translation_go_live_together(
    page: Page,
    stack,  # noqa: F811  (the editorial journey's fixture, imported above)
    tmp_path_factory,
    settings,
):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    journey = Journey(page, stack["url"], tmp_path_factory.mktemp("joint-release"))
    pair = approved_pair("kk", "ru", "Бірге шығатын үндеу", OLD)
    kk_url, ru_url = pair.source.url, pair.target.url
    old_ru = f"RU: {OLD.upper()}"
    assert old_ru in page.request.get(journey.base + ru_url).text()

    # 1. The editor changes the Kazakh text and chooses to publish it with its translation.
    journey.login("editor")
    page.goto(f"{journey.base}/admin/pages/{pair.source.pk}/edit/")
    journey.type_into_paragraph(0, NEW)
    page.locator("footer [data-w-dropdown-target=toggle]").last.click()
    journey.shot("editor-chooses-to-release-together")
    page.get_by_role("button", name=RELEASE_TOGETHER).click()
    journey.expect_message(
        admin_text(
            "“%(title)s” and its translations will go live together, once every translation "
            "is approved.",
            EDITOR,
            title=pair.source.title,
        )
    )

    # 2. The Moderator approves the Kazakh text: held, readers still read the old one.
    journey.approve_from_dashboard(pair.source.title)
    assert OLD in page.request.get(journey.base + kk_url).text()
    assert NEW not in page.request.get(journey.base + kk_url).text()
    journey.login("editor")
    page.goto(f"{journey.base}/admin/pages/{pair.source.pk}/edit/")
    expect(page.locator(".messages")).to_contain_text("Русский")
    journey.shot("editor-sees-the-release-waiting-for-russian")

    # 3. The Russian translator translates the change and submits it.
    journey.login("translator_ru")
    page.goto(f"{journey.base}/admin/pages/{pair.target.pk}/edit/")
    expect(page.locator(OPEN).filter(visible=True).first).to_be_visible()
    assert translate_changed_segments(page, {NEW: RU_NEW}) == 1
    journey.shot("translator-translates-the-change")
    page.get_by_role("button", name=SUBMIT_FOR_REVIEW).click()
    assert NEW not in page.request.get(journey.base + kk_url).text()

    # 4. The Moderator approves the translation: both go live together.
    journey.approve_from_dashboard(pair.target.title)
    kk_text = page.request.get(journey.base + kk_url).text()
    ru_text = page.request.get(journey.base + ru_url).text()
    assert NEW in kk_text and OLD not in kk_text
    assert RU_NEW in ru_text and old_ru not in ru_text
    page.goto(journey.base + ru_url)
    journey.shot("russian-and-kazakh-live-together")
