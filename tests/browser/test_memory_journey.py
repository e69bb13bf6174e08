"""Issue 21, point 2, in Chromium through the real translation editor, in both directions:
a translator opens wagtail-localize's editor, the segment the memory knows exactly is
already filled as a draft "from the translation memory" (and listed above the editor), the
changed segment shows a close suggestion with its score, page and date, and one click puts
it in the segment's box. Screenshots go to the pytest base temp directory
(`memory-journey*`)."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_editorial_journey import Journey
from tests.editorial_helpers import admin_text, translated

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

KK_SAME = "Федерация кеңесі жұмысшылардың жалақысын арттыруды талап етеді."
KK_OLD = "Келесі жиналыс сәуірде Астана қаласында өтеді."
KK_NEW = "Келесі жиналыс мамырда Астана қаласында өтеді."  # 2 × 5 / 12: 83
RU_SAME = "Профсоюзы требуют безопасных условий труда на каждом предприятии."
RU_OLD = "Следующее собрание пройдёт в апреле в Астане."
RU_NEW = "Следующее собрание пройдёт в мае в Астане."  # 2 × 6 / 14: 85


@pytest.fixture
def memory(live_server):
    """Approved pages in both directions (the memory), and a new page in each language
    submitted for translation: one paragraph known exactly, one changed."""
    from core.site.setup import ensure_site_structure
    from editorial import demo
    from tests.editorial_helpers import approved_pair, create_appeal, submit_for_translation

    ensure_site_structure()
    demo.load()
    kk_old = approved_pair("kk", "ru", "Ескі үндеу", KK_SAME, KK_OLD)
    ru_old = approved_pair("ru", "kk", "Старое обращение", RU_SAME, RU_OLD)
    kk_new = create_appeal("kk", "Жаңа үндеу", KK_SAME, KK_NEW)
    ru_new = create_appeal("ru", "Новое обращение", RU_SAME, RU_NEW)
    return {
        "url": live_server.url,
        "ru_target": submit_for_translation(kk_new, "ru").get_target_instance(),
        "kk_target": submit_for_translation(ru_new, "kk").get_target_instance(),
        "kk_old": kk_old,
        "ru_old": ru_old,
    }


def check_direction(journey, target, lang, exact_source, close_source, expected, origin):
    page = journey.page
    page.goto(f"{journey.base}/admin/pages/{target.pk}/edit/")

    # The exact match is a draft from memory, said beside the segment and above the editor.
    filled = page.locator("li.complete", has_text=exact_source)
    expect(filled).to_contain_text(
        admin_text(
            "From the translation memory on {date}: not checked by a person yet", lang
        ).split("{date}")[0]
    )
    expect(page.locator(".editorial-memory-drafts")).to_be_visible()

    # The changed segment gets a close suggestion, with its score, page and date.
    segment = page.locator("li.incomplete", has_text=close_source)
    segment.scroll_into_view_if_needed()
    box = segment.locator(".editorial-memory")
    expect(box).to_be_visible()
    item = box.locator(".editorial-memory__item").first
    expect(item.locator(".editorial-memory__text")).to_have_text(expected)
    expect(item.locator(".editorial-memory__score")).to_have_text(
        re.compile(r"^\D*8\d\D*$")  # "83% ұқсас" / "85% похоже": the score, in words
    )
    expect(item.locator(".editorial-memory__origin a")).to_have_text(origin.title)
    expect(item.locator(".editorial-memory__origin")).to_contain_text(
        re.compile(r"\d{4}-\d{2}-\d{2}")
    )
    journey.shot(f"{lang}-suggestion-shown")

    # One click puts it in the box; saving makes it the translator's translation.
    item.get_by_role("button", name=admin_text("Use this", lang)).click()
    expect(segment.locator("textarea")).to_have_value(expected)
    journey.shot(f"{lang}-suggestion-in-the-box")
    segment.get_by_role(
        "button", name=admin_text("Save", lang, domain="djangojs"), exact=True
    ).click()
    done = page.locator("li.complete", has_text=close_source)
    expect(done).to_contain_text(expected)
    expect(done.locator(".editorial-memory")).to_have_count(0)


def test_suggestions_from_memory_in_the_editor_both_ways(page: Page, memory, tmp_path_factory):
    journey = Journey(page, memory["url"], tmp_path_factory.mktemp("memory-journey"))

    journey.login("translator_ru")
    check_direction(
        journey,
        memory["ru_target"],
        "ru",
        KK_SAME,
        KK_NEW,
        translated(KK_OLD, "ru"),
        memory["kk_old"].target,
    )

    journey.login("translator_kk")
    check_direction(
        journey,
        memory["kk_target"],
        "kk",
        RU_SAME,
        RU_NEW,
        translated(RU_OLD, "kk"),
        memory["ru_old"].target,
    )
    print(f"\nMemory journey screenshots: {journey.directory}")
