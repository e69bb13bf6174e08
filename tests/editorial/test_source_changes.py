"""Issue 21, point 1: what changed in the source, shown where the translator works.

The word-level comparison of the previous and the new source text (Kazakh, Russian, rich
text), the history recorded when a changed source is published (the previous text, its
translation, when and by whom), and the translation editor that starts a changed segment from
the previous translation without counting it as translated."""

import html
import json
import re

import pytest
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation

from editorial.models import OutdatedSegment, OutdatedTranslation
from editorial.translations import TranslationIncomplete, submit_translation_for_review
from editorial.workbench import tokens, word_diff
from tests.editorial_helpers import (
    admin_text,
    approved_pair,
    edit_url,
    editor_publish,
    fill_strings,
    login,
    put_string,
    translated,
)

KK_TITLE = "Кәсіподақтар үндеуі"
KK_ONE = "Келесі жиналыс сәуірде өтеді."
KK_ONE_EDITED = "Келесі жиналыс мамырда Астанада өтеді."
KK_TWO = "Федерация кеңесі жиналды."
RU_TITLE = "Обращение профсоюзов"
RU_ONE = "Следующее собрание пройдёт в апреле."
RU_ONE_EDITED = "Следующее собрание пройдёт в мае в Астане."
RU_TWO = "Совет федерации собрался."


# --- The comparison, word by word -----------------------------------------------------------


def marked(parts):
    return [text for text, changed in parts if changed]


def test_kazakh_words_that_changed_are_marked_and_nothing_else():
    old, new = word_diff(KK_ONE, KK_ONE_EDITED)
    assert marked(old) == ["сәуірде"]
    assert marked(new) == ["мамырда Астанада"]  # two new words, one mark
    assert "".join(t for t, _ in old) == KK_ONE
    assert "".join(t for t, _ in new) == KK_ONE_EDITED


def test_russian_words_are_compared_whole_not_by_letters():
    old, new = word_diff(RU_ONE, RU_ONE_EDITED)
    assert marked(old) == ["апреле"]
    assert marked(new) == ["мае в Астане"]
    assert [t for t, changed in new if not changed] == ["Следующее собрание пройдёт в ", "."]


def test_kazakh_letters_belong_to_their_words():
    assert tokens("Әліппе құрама ұйымы") == ["Әліппе", " ", "құрама", " ", "ұйымы"]


def test_rich_text_tags_are_whole_words_and_keep_their_place():
    old = 'Толығырақ <a id="a1">сайтта</a> оқыңыз.'
    new = 'Толығырақ <a id="a1">біздің сайтта</a> оқыңыз, <b>міндетті</b> түрде.'
    old_parts, new_parts = word_diff(old, new)
    assert marked(old_parts) == []
    assert marked(new_parts) == ["біздің", ", <b>міндетті</b> түрде"]  # spaces outside
    assert "".join(t for t, _ in new_parts) == new


def test_a_changed_link_is_marked_as_the_tag_that_changed():
    old_parts, new_parts = word_diff('Бұл <a id="a1">сілтеме</a>', 'Бұл <a id="a2">сілтеме</a>')
    assert marked(old_parts) == ['<a id="a1">']
    assert marked(new_parts) == ['<a id="a2">']


def test_no_change_marks_nothing():
    old, new = word_diff(KK_TWO, KK_TWO)
    assert marked(old) == marked(new) == []


# --- The history recorded when the source is published --------------------------------------


def publish_change(page, user, *paragraphs, rich=False):
    """`user` changes the source page's paragraphs; the change is approved and published (by
    no one in particular: the author is who changed the text)."""
    page = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    blocks = list(page.body.raw_data)
    for index, text in enumerate(paragraphs):
        if text is not None:
            blocks[index]["value"] = text if rich else f"<p>{text}</p>"
    page.body = blocks
    revision = page.save_revision(user=user)
    revision.publish()
    return revision


@pytest.fixture
def kk_ru(users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return approved_pair("kk", "ru", KK_TITLE, KK_ONE, KK_TWO)


@pytest.fixture
def ru_kk(users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return approved_pair("ru", "kk", RU_TITLE, RU_ONE, RU_TWO)


@pytest.mark.django_db
def test_a_published_change_records_the_previous_text_its_translation_and_its_author(kk_ru, users):
    revision = publish_change(kk_ru.source, users["editor"], KK_ONE_EDITED)

    outdated = OutdatedTranslation.objects.get(translation=kk_ru.translation)
    (record,) = OutdatedSegment.objects.filter(outdated=outdated)
    assert record.old_source == KK_ONE
    assert record.old_translation == translated(KK_ONE, "ru")
    assert record.string.data == KK_ONE_EDITED
    assert record.changed_by == users["editor"] == revision.user
    assert record.changed_at == outdated.since


@pytest.mark.django_db
def test_a_text_changed_twice_before_translation_keeps_the_translated_one(kk_ru, users):
    publish_change(kk_ru.source, users["editor"], "Алдымен басқа сөйлем.")
    publish_change(kk_ru.source, users["moderator"], KK_ONE_EDITED)

    (record,) = OutdatedSegment.objects.filter(outdated__translation=kk_ru.translation)
    assert (record.old_source, record.string.data) == (KK_ONE, KK_ONE_EDITED)
    assert record.old_translation == translated(KK_ONE, "ru")
    assert record.changed_by == users["moderator"]  # the latest change


@pytest.mark.django_db
def test_a_text_translated_in_between_is_the_one_compared_with(kk_ru, users):
    publish_change(kk_ru.source, users["editor"], "Алдымен басқа сөйлем.")
    fill_strings(kk_ru.translation, only=["Алдымен басқа сөйлем."])
    publish_change(kk_ru.source, users["editor"], KK_ONE_EDITED)

    (record,) = OutdatedSegment.objects.filter(outdated__translation=kk_ru.translation)
    assert record.old_source == "Алдымен басқа сөйлем."
    assert record.old_translation == translated("Алдымен басқа сөйлем.", "ru")


def translate_rich(translation, text):
    """The translator translates the rich-text paragraph with the link (tags kept as they are:
    the upper-cased "translation" of fill_strings would be an error)."""
    segment = StringSegment.objects.get(
        source=translation.source, string__data__startswith="Екінші <a"
    )
    StringTranslation.objects.create(
        translation_of=segment.string,
        context=segment.context,
        locale=translation.target_locale,
        data=text,
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
    )


@pytest.mark.django_db
def test_in_a_rich_text_block_only_the_changed_paragraph_is_paired(kk_ru, users):
    rich = (
        '<p>Бірінші <b>маңызды</b> азат жол.</p><p>Екінші <a href="https://e.kz">сілтеме</a>.</p>'
    )
    publish_change(kk_ru.source, users["editor"], rich, rich=True)
    translate_rich(kk_ru.translation, 'Второй <a id="a1">ссылка</a>.')
    publish_change(
        kk_ru.source,
        users["editor"],
        '<p>Бірінші <b>маңызды</b> азат жол.</p><p>Екінші жаңа <a href="https://e.kz">сілтеме</a>.</p>',
        rich=True,
    )

    records = OutdatedSegment.objects.filter(outdated__translation=kk_ru.translation)
    paired = {r.string.data: r for r in records}
    # The first change replaced the plain paragraph with both; the second, only the second.
    assert paired["Бірінші <b>маңызды</b> азат жол."].old_source == KK_ONE
    second = paired['Екінші жаңа <a id="a1">сілтеме</a>.']
    assert second.old_source == 'Екінші <a id="a1">сілтеме</a>.'
    assert second.old_translation == 'Второй <a id="a1">ссылка</a>.'
    assert len(paired) == 2


# --- The translation editor ------------------------------------------------------------------


def open_editor(client, page):
    content = client.get(edit_url(page)).content.decode()
    raw = re.search(r'class="js-translation-editor" data-props="([^"]*)"', content).group(1)
    data = re.search(
        r'<script id="editorial-workbench-data" type="application/json">(.*?)</script>',
        content,
        re.S,
    )
    return content, json.loads(html.unescape(raw)), json.loads(data.group(1)) if data else None


def changed_segment(translation, text):
    return StringSegment.objects.get(source=translation.source, string__data=text)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "pair_name, source, edited, target_code, translator",
    [
        ("kk_ru", KK_ONE, KK_ONE_EDITED, "ru", "translator_ru"),
        ("ru_kk", RU_ONE, RU_ONE_EDITED, "kk", "translator_kk"),
    ],
    ids=["kk-to-ru", "ru-to-kk"],
)
def test_the_editor_starts_a_changed_segment_from_the_previous_translation_not_counted_done(
    request, client, users, pair_name, source, edited, target_code, translator
):
    pair = request.getfixturevalue(pair_name)
    publish_change(pair.source, users["editor"], edited)
    segment = changed_segment(pair.translation, edited)
    login(client, users[translator])

    content, props, data = open_editor(client, pair.target)

    prefilled = [t for t in props["initialStringTranslations"] if t["segment_id"] == segment.pk]
    needs_review = admin_text(
        "Needs review: this is the translation of the previous text. Check it against the new "
        "text and save it."
    )  # in the admin's language: the test users have none of their own, so Kazakh
    assert prefilled == [
        {
            "segment_id": segment.pk,
            "data": translated(source, target_code),
            "error": needs_review,
            "comment": needs_review,
            "last_translated_by": None,
        }
    ]
    shown = data["segments"][str(segment.pk)]
    assert "".join(t for t, _ in shown["old"]) == source
    assert "".join(t for t, _ in shown["new"]) == edited
    assert shown["prefilled"] is True
    assert users["editor"].get_username() in shown["label"]
    assert shown["label"].startswith(
        admin_text("Changed since the translation on %(date)s by %(user)s.").split("%")[0]
    )
    assert data["notice"]["open"] == 1
    assert admin_text("%(count)s segment needs work.", count=1) in content
    assert 'class="w-px-5 w-pt-4 editorial-outdated-notice"' in content
    assert re.search(r'<script src="[^"]*/editorial/workbench\.js[^"]*" defer></script>', content)

    # Not saved, not counted: the translation cannot be sent on with it.
    assert not StringTranslation.objects.filter(
        translation_of=segment.string, context=segment.context
    ).exists()
    total, done = pair.translation.get_progress()
    assert done == total - 1
    with pytest.raises(TranslationIncomplete):
        submit_translation_for_review(pair.translation, users[translator])
    revisions = pair.target.revisions.count()
    editor_publish(client, pair.target)
    assert pair.target.revisions.count() == revisions
    assert not pair.target.workflow_in_progress

    # The translator saves the segment: it is translated, no longer prefilled.
    assert put_string(client, pair.translation, segment, "Жаңа аударма").status_code == 201
    _content, props, data = open_editor(client, pair.target)
    (saved,) = [t for t in props["initialStringTranslations"] if t["segment_id"] == segment.pk]
    assert (saved["data"], saved["error"]) == ("Жаңа аударма", None)
    assert data["segments"][str(segment.pk)]["prefilled"] is False
    assert data["notice"]["open"] == 0
    assert pair.translation.get_progress()[1] == pair.translation.get_progress()[0]


@pytest.mark.django_db
def test_an_up_to_date_translation_has_no_notice_and_no_script(client, users, kk_ru):
    login(client, users["translator_ru"])
    content, props, data = open_editor(client, kk_ru.target)
    assert data is None
    assert "editorial-outdated-notice" not in content
    assert "editorial/workbench.js" not in content
    assert all(t["error"] is None for t in props["initialStringTranslations"])


@pytest.mark.django_db
def test_publishing_the_new_translation_clears_the_history(
    client, users, kk_ru, django_capture_on_commit_callbacks
):
    from editorial.translations import publish_translation

    publish_change(kk_ru.source, users["editor"], KK_ONE_EDITED)
    fill_strings(kk_ru.translation, only=[KK_ONE_EDITED])
    with django_capture_on_commit_callbacks(execute=True):
        publish_translation(kk_ru.translation, users["moderator"])
    assert not OutdatedSegment.objects.exists()
