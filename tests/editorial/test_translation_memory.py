"""Issue 21, point 2: the translation memory. Approved segment pairs of every page, in both
directions, suggested to translators (exact 100, close 70 or more, at most three, best
first) through a JSON endpoint for people who may translate into the target language;
exact matches filled in as drafts "from memory", never approved by that, and shown to the
Moderator who reviews. Everything is computed in Python: the same answers on SQLite and on
PostgreSQL (CI)."""

import html
import json
import random
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation

from editorial.memory import (
    MEMORY_TOOL,
    Pair,
    add_pairs,
    memory_drafts,
    similarity,
    suggest,
    words,
)
from editorial.models import MemoryEntry
from tests.editorial_helpers import (
    admin_text,
    approved_pair,
    create_appeal,
    edit_url,
    editor_publish,
    fill_strings,
    json_of,
    login,
    put_string,
    submit_for_translation,
    translated,
    workflow_action,
)

pytestmark = pytest.mark.django_db

KK_TITLE = "Еңбек туралы үндеу"
KK_ONE = "Келесі жиналыс сәуірде өтеді."
KK_TWO = "Федерация кеңесі жұмысшылардың жалақысын арттыруды талап етеді."
RU_TITLE = "Обращение о труде"
RU_ONE = "Профсоюзы требуют безопасных условий труда на каждом предприятии."

SUGGEST = reverse("editorial_memory_suggest")


def ask(client, source, target, text):
    return client.get(SUGGEST, {"source": source, "target": target, "text": text})


@pytest.fixture
def kk_pair(users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return approved_pair("kk", "ru", KK_TITLE, KK_ONE, KK_TWO)


@pytest.fixture
def ru_pair(users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return approved_pair("ru", "kk", RU_TITLE, RU_ONE)


def pair(source, target, date=None, source_language="kk", target_language="ru"):
    return Pair(
        source_language,
        target_language,
        source,
        target,
        None,
        None,
        date or timezone.now(),
    )


# --- What enters the memory -------------------------------------------------------------


def test_an_approved_kazakh_page_answers_in_both_directions(kk_pair):
    ru_page = kk_pair.target
    [forward] = suggest("kk", "ru", KK_TWO)
    assert (forward.text, forward.score, forward.page_id) == (
        translated(KK_TWO, "ru"),
        100,
        ru_page.pk,
    )
    assert forward.page_title == translated(KK_TITLE, "ru")
    [reverse_] = suggest("ru", "kk", translated(KK_TWO, "ru"))
    assert (reverse_.text, reverse_.score, reverse_.page_id) == (KK_TWO, 100, kk_pair.source.pk)
    # The slug is no text to translate.
    assert not MemoryEntry.objects.filter(target_text=ru_page.slug).exists()


def test_an_approved_russian_page_answers_in_both_directions(ru_pair):
    [forward] = suggest("ru", "kk", RU_ONE)
    assert (forward.text, forward.score, forward.page_id) == (
        translated(RU_ONE, "kk"),
        100,
        ru_pair.target.pk,
    )
    [reverse_] = suggest("kk", "ru", translated(RU_ONE, "kk"))
    assert (reverse_.text, reverse_.page_id) == (RU_ONE, ru_pair.source.pk)


def test_a_translation_not_yet_approved_is_not_in_the_memory(
    client, users, kk_pair, django_capture_on_commit_callbacks
):
    source = create_appeal("kk", "Жаңа үндеу", "Жұмыс берушілер келісімге қол қойды.")
    translation = submit_for_translation(source, "ru")
    fill_strings(translation)
    login(client, users["translator_ru"])
    with django_capture_on_commit_callbacks(execute=True):
        editor_publish(client, translation.get_target_instance())  # in review now
    assert suggest("kk", "ru", "Жұмыс берушілер келісімге қол қойды.") == []

    login(client, users["moderator"])
    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(client, translation.get_target_instance(), "approve")
    [found] = suggest("kk", "ru", "Жұмыс берушілер келісімге қол қойды.")
    assert found.text == translated("Жұмыс берушілер келісімге қол қойды.", "ru")


def test_the_imported_bilingual_appeal_is_in_the_memory_and_the_command_rebuilds_it(
    seed_appeal, django_capture_on_commit_callbacks
):
    kk, ru = seed_appeal
    first_kk = (
        StringSegment.objects.filter(
            source__object_id=kk.translation_key, context__path__startswith="body."
        )
        .order_by("order")
        .first()
        .string.data
    )
    found = suggest("kk", "ru", first_kk)
    assert found and found[0].score == 100 and found[0].page_id == ru.pk
    expected = found[0].text

    MemoryEntry.objects.all().delete()
    assert suggest("kk", "ru", first_kk) == []
    call_command("build_translation_memory", stdout=open("/dev/null", "w"))
    assert [s.text for s in suggest("kk", "ru", first_kk)][:1] == [expected]
    count = MemoryEntry.objects.count()
    call_command("build_translation_memory", stdout=open("/dev/null", "w"))
    assert MemoryEntry.objects.count() == count  # nothing twice


# --- Scores and order ---------------------------------------------------------------------


def test_close_matches_score_70_or_more_and_others_are_left_out(db):
    now = timezone.now()
    add_pairs(
        [
            pair("Келесі жиналыс сәуірде өтеді.", "Следующее собрание пройдёт в апреле.", now),
            pair("Келесі кеңес қазанда болады.", "Следующий совет будет в октябре.", now),
        ]
    )
    # One word of four changed: 2 × 3 / 8 = 75.
    [close] = suggest("kk", "ru", "Келесі жиналыс мамырда өтеді.")
    assert (close.text, close.score) == ("Следующее собрание пройдёт в апреле.", 75)
    # Two of four changed: 50, not offered.
    assert suggest("kk", "ru", "Келесі жиналыс мамырда болады.") == []
    assert (
        similarity(words("Келесі жиналыс мамырда болады."), words("Келесі жиналыс сәуірде өтеді."))
        == 50
    )


def test_at_most_three_best_first_exact_first_then_newest(db):
    now = timezone.now()
    base = "біз еңбек адамдарының жалақысын бірге қорғаймыз және алға жүреміз"  # 9 words
    add_pairs(
        [
            pair(base, "exact old", now - timedelta(days=9)),
            pair(base, "exact new", now - timedelta(days=1)),
            pair(base.replace("алға", "бірге"), "one word", now),  # 2 × 8 / 18: 88
            pair(base.replace("алға жүреміз", "тоқтамаймыз"), "two words", now),  # 82
            pair(base.replace("біз еңбек", "олар жұмыс"), "two others", now),  # 77
        ]
    )
    assert [(s.text, s.score) for s in suggest("kk", "ru", base)] == [
        ("exact new", 100),
        ("exact old", 100),
        ("one word", 88),
    ]
    # One word more: no exact match; 2 × 9 / 19 = 94 for both, the newer first.
    assert [(s.text, s.score) for s in suggest("kk", "ru", base + " бүгін")] == [
        ("exact new", 94),
        ("exact old", 94),
        ("one word", 84),
    ]
    # The same score for three: the newest first.
    assert [(s.text, s.score) for s in suggest("kk", "ru", base.replace("алға", "тез"))] == [
        ("one word", 88),
        ("exact new", 88),
        ("exact old", 88),
    ]


def test_the_index_loses_no_close_match(db):
    """Preselected through the word index, the answers are those of scoring every entry."""
    rng = random.Random(7)
    vocabulary = words(KK_TWO + " " + KK_ONE + " " + "еңбек жалақы келісім кәсіподақ сайлау")
    texts = [
        " ".join(rng.choice(vocabulary) for _ in range(rng.randint(3, 12))) for _ in range(300)
    ]
    now = timezone.now()
    add_pairs([pair(text, f"ru {n}", now - timedelta(minutes=n)) for n, text in enumerate(texts)])
    for query in texts[:40]:
        query_words = words(query)
        brute = sorted(
            (
                (min(similarity(query_words, words(text)), 99), -n, f"ru {n}")
                for n, text in enumerate(texts)
                if text != query
            ),
            reverse=True,
        )
        expected = [(100, f"ru {n}") for n, text in enumerate(texts) if text == query]
        expected += [(score, text) for score, _n, text in brute if score >= 70]
        found = [(s.score, s.text) for s in suggest("kk", "ru", query)]
        assert found == expected[:3]


def test_the_same_text_from_several_pages_is_suggested_once(db):
    now = timezone.now()
    add_pairs(
        [
            pair("Жиналыс өтті.", "Собрание состоялось.", now - timedelta(days=2)),
            pair("Жиналыс  өтті.", "Собрание состоялось.", now),
        ]
    )
    assert [(s.text, s.date) for s in suggest("kk", "ru", "Жиналыс өтті.")] == [
        ("Собрание состоялось.", now)
    ]


# --- The endpoint ---------------------------------------------------------------------------


def test_the_endpoint_answers_translators_into_the_target_language_only(client, users, kk_pair):
    login(client, users["translator_ru"])
    response = ask(client, "kk", "ru", KK_ONE)
    assert response.status_code == 200
    [item] = json_of(response)
    assert set(item) == {"text", "score", "page", "url", "date"}
    assert item["text"] == translated(KK_ONE, "ru")
    assert item["score"] == 100
    assert item["page"] == translated(KK_TITLE, "ru")
    assert item["url"] == edit_url(kk_pair.target)
    assert item["date"] == timezone.localdate().isoformat()
    assert ask(client, "ru", "kk", translated(KK_ONE, "ru")).status_code == 403
    assert ask(client, "kk", "kk", KK_ONE).status_code == 400

    login(client, users["translator_kk"])
    assert ask(client, "kk", "ru", KK_ONE).status_code == 403
    assert [i["text"] for i in json_of(ask(client, "ru", "kk", translated(KK_ONE, "ru")))] == [
        KK_ONE
    ]
    for role in ("editor", "moderator", "admin"):
        login(client, users[role])
        assert ask(client, "kk", "ru", KK_ONE).status_code == 200
    client.logout()
    assert ask(client, "kk", "ru", KK_ONE).status_code != 200


# --- Drafts from memory -----------------------------------------------------------------


def editor_html(client, page):
    return client.get(edit_url(page)).content.decode()


def props_of(content):
    raw = re.search(r'class="js-translation-editor" data-props="([^"]*)"', content).group(1)
    return json.loads(html.unescape(raw))


def test_exact_matches_are_drafts_from_memory_until_the_moderator_approves(
    client, users, kk_pair, django_capture_on_commit_callbacks
):
    source = create_appeal("kk", "Екінші үндеу", KK_TWO, "Мүлде жаңа сөйлем.")
    translation = submit_for_translation(source, "ru")
    target = translation.get_target_instance()

    login(client, users["translator_ru"])
    content = editor_html(client, target)
    # The segment the memory knows is filled, marked; the new one is left to the translator.
    drafts = memory_drafts(translation)
    assert drafts == [(KK_TWO, translated(KK_TWO, "ru"))]
    draft = StringTranslation.objects.get(data=translated(KK_TWO, "ru"), tool_name=MEMORY_TOOL)
    assert draft.last_translated_by is None
    comments = [
        t["comment"] for t in props_of(content)["initialStringTranslations"] if t["comment"]
    ]
    assert any(
        admin_text("From the translation memory on {date}: not checked by a person yet").split(
            "{date}"
        )[0]
        in comment
        for comment in comments
    )
    assert "editorial-memory-drafts" in content
    assert 'id="editorial-memory-config"' in content
    assert "editorial/memory.js" in content

    # The translator translates the rest, then submits: told what came from memory.
    fill_strings(translation, only={"Екінші үндеу", "Мүлде жаңа сөйлем.", "ekinshi-undeu"})
    assert memory_drafts(translation) == drafts
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(target), {"action": "publish"}, follow=True)
    text = response.content.decode()
    assert admin_text(
        "%(count)d segment went to review as the translation memory filled it; the "
        "moderator sees which one.",
    ).split("%(count)d")[1].strip()[:20] in html.unescape(text)
    # In review, not approved: nothing of it in the memory yet.
    assert suggest("kk", "ru", "Мүлде жаңа сөйлем.") == []

    # The Moderator reviewing sees which segment came from memory.
    login(client, users["moderator"])
    review = editor_html(client, target)
    assert "editorial-memory-drafts" in review
    assert html.escape(translated(KK_TWO, "ru")) in review
    assert 'id="editorial-memory-config"' not in review  # in review: no suggestions to use
    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(client, Page.objects.get(pk=target.pk), "approve")
    assert memory_drafts(translation) == []
    assert suggest("kk", "ru", "Мүлде жаңа сөйлем.")[0].score == 100


def test_a_draft_from_memory_saved_by_the_translator_is_theirs(
    client, users, kk_pair, django_capture_on_commit_callbacks
):
    source = create_appeal("kk", "Үшінші үндеу", KK_ONE)
    translation = submit_for_translation(source, "ru")
    login(client, users["translator_ru"])
    editor_html(client, translation.get_target_instance())
    [(source_text, _draft)] = memory_drafts(translation)
    segment = translation.source.stringsegment_set.get(string__data=source_text)
    assert put_string(client, translation, segment, "Своими словами.").status_code == 200
    assert memory_drafts(translation) == []


def test_no_drafts_for_someone_who_may_not_translate_the_page(client, users, kk_pair):
    source = create_appeal("kk", "Төртінші үндеу", KK_ONE)
    translation = submit_for_translation(source, "ru")
    login(client, users["translator_kk"])
    editor_html(client, translation.get_target_instance())
    assert memory_drafts(translation) == []
