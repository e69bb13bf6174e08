"""Issue 21, point 1, in Chromium through wagtail-localize's real translation editor, in both
directions (a Kazakh source translated into Russian, a Russian source into Kazakh): a page and
its translation are published, an editor changes one paragraph of the source and it is
published, and the translator opens the translation editor. They see the previous and the
new text with the changed words marked, who changed it and when, the segment's box started
from the previous translation and marked as needing review, and a header that says the
translation is out of date and how many segments need work. Once they save the segment, the
needs-review mark goes and the count reaches zero. Screenshots go to the pytest base temp
directory (`changes-journey*`)."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_editorial_journey import Journey
from tests.editorial_helpers import (
    TranslatedPair,
    admin_text,
    create_appeal,
    fill_strings,
    publish_translation_as_operator,
    submit_for_translation,
    translated,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DIRECTIONS = {
    # source language, target language, the translator (each works in their target language),
    # title, the paragraph before and after the change, the words that went and those that
    # came, and the translation of the paragraph before (None: tests.editorial_helpers's)
    "kk-to-ru": (
        "kk",
        "ru",
        "translator_ru",
        "Кәсіподақтар жиналысы",
        "Келесі жиналыс сәуірде өтеді.",
        "Келесі жиналыс мамырда Астанада өтеді.",
        ["сәуірде"],
        ["мамырда Астанада"],
        None,
    ),
    # A rich-text paragraph with inline markup: the tags are words of their own.
    "ru-to-kk": (
        "ru",
        "kk",
        "translator_kk",
        "Собрание профсоюзов",
        "Следующее собрание пройдёт <b>в апреле</b>.",
        "Следующее собрание пройдёт <b>в мае</b> в Астане.",
        ["апреле"],
        ["мае", "в Астане"],
        "Келесі жиналыс <b>сәуірде</b> өтеді.",
    ),
}
UNCHANGED = {"kk": "Федерация кеңесі жиналды.", "ru": "Совет федерации собрался."}


@pytest.fixture
def stack(live_server):
    from core.site.setup import ensure_site_structure
    from editorial import demo

    ensure_site_structure()
    demo.load()
    return live_server.url


def published_pair(source_code, target_code, title, before, previous):
    """A published page and its published translation; `previous` translates `before`
    (rich text keeps its tags as they are)."""
    from wagtail_localize.models import StringTranslation

    source = create_appeal(source_code, title, before, UNCHANGED[source_code])
    translation = submit_for_translation(source, target_code)
    fill_strings(translation)
    if previous is not None:
        segment = translation.source.stringsegment_set.get(string__data=before)
        StringTranslation.objects.filter(
            translation_of=segment.string, context=segment.context
        ).update(data=previous, has_error=False)
    publish_translation_as_operator(translation)
    return TranslatedPair(source, translation)


def change_paragraph(page, author, text):
    """The editor's change of the first paragraph, approved and published."""
    from wagtail.models import Page as WagtailPage

    page = WagtailPage.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    blocks = list(page.body.raw_data)
    blocks[0]["value"] = f"<p>{text}</p>"
    page.body = blocks
    page.save_revision(user=author).publish()


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_the_translator_sees_what_changed_and_starts_from_the_previous_translation(
    page: Page, stack, tmp_path_factory, direction
):
    from django.contrib.auth import get_user_model

    source_code, target_code, translator, title, before, after, went, came, previous = DIRECTIONS[
        direction
    ]
    lang = target_code  # each demo translator works in their target language
    journey = Journey(page, stack, tmp_path_factory.mktemp(f"changes-journey-{direction}"))

    # 1. A page and its translation are published; an editor changes one paragraph.
    pair = published_pair(source_code, target_code, title, before, previous)
    editor = get_user_model().objects.get(username="editor")
    change_paragraph(pair.source, editor, after)

    # 2. The translator opens the translation editor.
    journey.login(translator)
    page.goto(f"{stack}/admin/pages/{pair.target.pk}/edit/")
    notice = page.locator(".editorial-outdated-notice")
    expect(notice).to_contain_text(
        admin_text(
            "This translation is out of date: the %(language)s text changed on %(date)s.", lang
        ).split("%(")[0]
    )
    expect(notice).to_contain_text(admin_text("%(count)s segment needs work.", lang, count=1))

    segment = page.locator("li[data-segment-id]", has=page.locator(".editorial-change"))
    expect(segment).to_have_count(1)
    change = segment.locator(".editorial-change")
    label = admin_text("Changed since the translation on %(date)s by %(user)s.", lang)
    expect(change).to_contain_text(label.split("%(")[0])
    expect(change).to_contain_text("editor")
    expect(change.locator(".editorial-change__old")).to_contain_text(
        admin_text("Previous text", lang)
    )
    end = f"({admin_text('end of change', lang)})"
    expect(change.locator(".editorial-change__old del")).to_have_text(
        [f"{admin_text('deleted:', lang)} {text} {end}" for text in went]
    )
    expect(change.locator(".editorial-change__new ins")).to_have_text(
        [f"{admin_text('inserted:', lang)} {text} {end}" for text in came]
    )
    expect(change.locator(".editorial-change__old del .w-sr-only").first).to_have_css(
        "position", "absolute"
    )
    old_text = change.locator(".editorial-change__old .editorial-change__text")
    new_text = change.locator(".editorial-change__new .editorial-change__text")
    for line, text in ((old_text, before), (new_text, after)):  # sighted readers' text
        shown = line.evaluate(
            "el => { const c = el.cloneNode(true);"
            " c.querySelectorAll('.w-sr-only').forEach(s => s.remove()); return c.textContent; }"
        )
        assert shown == text
    expect(new_text).to_have_attribute("lang", source_code)

    # The box starts from the previous translation, marked as needing review.
    previous = previous or translated(before, target_code)
    expect(segment).to_have_attribute("data-editorial-needs-review", "")
    expect(change.locator(".editorial-change__review")).to_have_text(
        admin_text("Needs review", lang)
    )
    expect(segment).to_contain_text(previous)
    segment.scroll_into_view_if_needed()
    journey.shot(f"{direction}-translator-sees-what-changed")

    segment.get_by_role("button", name=admin_text("Edit", lang, domain="djangojs")).click()
    box = segment.locator("textarea")
    expect(box).to_have_value(previous)
    expect(segment).to_have_attribute("data-editorial-needs-review", "")
    segment.scroll_into_view_if_needed()
    journey.shot(f"{direction}-box-starts-from-the-previous-translation")

    # 3. The translator saves the segment: no longer needing review, nothing left to do.
    new_translation = translated(after, target_code).replace("<B>", "<b>").replace("</B>", "</b>")
    box.fill(new_translation)
    segment.get_by_role("button", name=admin_text("Save", lang, domain="djangojs")).click()
    expect(segment).not_to_have_attribute("data-editorial-needs-review", "")
    expect(segment).to_have_class(re.compile(r"\bcomplete\b"))
    # "complete" is set as the save starts; the segment's Edit button comes back (in place of
    # "Saving...") once the server has stored it.
    expect(
        segment.get_by_role("button", name=admin_text("Edit", lang, domain="djangojs"))
    ).to_be_visible()
    expect(change.locator(".editorial-change__review")).to_be_hidden()
    expect(change).to_be_visible()  # what changed stays in view until the page is updated
    expect(notice).to_contain_text(
        admin_text(
            "No segment needs work now: submit the translation for review or publish it to "
            "bring the page up to date.",
            lang,
        )
    )
    segment.scroll_into_view_if_needed()
    journey.shot(f"{direction}-segment-saved")

    from wagtail_localize.models import StringTranslation

    assert StringTranslation.objects.filter(
        locale__language_code=target_code, data=new_translation
    ).exists()
    total, done = pair.translation.get_progress()
    assert done == total

    # 4. After a reload the segment is translated (the server's count agrees).
    page.reload()
    expect(notice).to_contain_text(
        admin_text(
            "No segment needs work now: submit the translation for review or publish it to "
            "bring the page up to date.",
            lang,
        )
    )
    expect(page.locator("li[data-editorial-needs-review]")).to_have_count(0)
    print(f"\nTranslation changes journey screenshots: {journey.directory}")
