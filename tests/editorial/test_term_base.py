"""Issue 21, point 3: the Federation's term base. Terms are found in a segment across
inflections (the search's Kazakh and Russian stemmers), in both directions; a translation
that lacks the approved term is named in a warning when it is submitted and above the
translation editor (the translator's and the Moderator's review), never refused; only
Moderators edit the term base."""

import json
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail_localize.models import StringTranslation

from editorial.models import Term
from editorial.terms import missing_terms, segments_lacking_terms, terms_in
from tests.editorial_helpers import (
    approved_pair,
    edit_url,
    editor_publish,
    fill_strings,
    login,
)

pytestmark = pytest.mark.django_db


def found(text, code):
    return [term.term for term in terms_in(text, code)]


def lacking(source, source_code, translation, target_code):
    return [term.term for term in missing_terms(source, source_code, translation, target_code)]


# --- The seed ------------------------------------------------------------------------------


def test_the_term_base_starts_with_the_appeal_vocabulary_and_the_glossary():
    pairs = set(Term.objects.values_list("kk", "ru"))
    assert ("кәсіподақ", "профсоюз") in pairs
    assert ("сайлау", "выборы") in pairs
    assert ("Кәсіподақтар федерациясы", "Федерация профсоюзов") in pairs
    assert ("мәслихат", "маслихат") in pairs
    assert ("құжат", "документ") in pairs  # docs/kk-glossary.md
    # The glossary's verbs and the words with another everyday sense are not terms.
    assert not Term.objects.filter(kk__in=["жариялау", "бет", "тіл"]).exists()


# --- Found across inflections, both languages ----------------------------------------------


def test_kazakh_terms_are_found_in_inflected_forms():
    assert "кәсіподақ" in found("Кәсіподақтардың өкілдері жиналды.", "kk")
    assert "сайлау" in found("Сайлауға дайындық басталды.", "kk")
    assert "мәслихат" in found("Мәслихаттардың депутаттары", "kk")
    # Two words in a row, each inflected.
    assert "Кәсіподақтар федерациясы" in found("Кәсіподақтар федерациясының үндеуі", "kk")
    assert "Кәсіподақтар федерациясы" not in found("Федерация мен кәсіподақтар", "kk")
    assert found("Бүгін ауа райы жақсы.", "kk") == []


def test_russian_terms_are_found_in_inflected_forms():
    assert "профсоюз" in found("Собрание профсоюзов прошло.", "ru")
    assert "профсоюз" in found("профсоюзных кандидатов", "ru")
    assert "выборы" in found("Говорили о выборах в маслихаты.", "ru")
    assert "Федерация профсоюзов" in found("Обращение Федерации профсоюзов", "ru")
    # A longer word that only begins like a term is not that term.
    assert found("Профессор читал лекцию.", "ru") == []


def test_a_translation_lacking_the_approved_term_is_named_kazakh_to_russian():
    source = "Кәсіподақтардың сайлауы өтті."
    assert lacking(source, "kk", "Прошли выборы в профсоюзах.", "ru") == []
    assert lacking(source, "kk", "Прошли выборы в союзах.", "ru") == ["кәсіподақ"]
    assert lacking(source, "kk", "Союзы собрались.", "ru") == ["кәсіподақ", "сайлау"]


def test_a_translation_lacking_the_approved_term_is_named_russian_to_kazakh():
    source = "Выборы депутатов маслихатов"
    assert lacking(source, "ru", "Мәслихаттар депутаттарының сайлауы", "kk") == []
    assert lacking(source, "ru", "Мәслихаттар депутаттарының таңдауы", "kk") == ["выборы"]


def test_an_edited_pair_is_used_at_once():
    assert lacking("Ереуіл болды.", "kk", "Была стачка.", "ru") == []
    Term.objects.create(kk="ереуіл", ru="забастовка")
    assert lacking("Ереуіл болды.", "kk", "Была стачка.", "ru") == ["ереуіл"]
    assert lacking("Ереуіл болды.", "kk", "Была забастовка.", "ru") == []
    # A term with two approved translations is satisfied by either.
    Term.objects.create(kk="ереуіл", ru="стачка")
    assert lacking("Ереуіл болды.", "kk", "Была стачка.", "ru") == []


# --- Who edits the term base ---------------------------------------------------------------


def _add_url():
    return reverse("wagtailsnippets_editorial_term:add")


def _list_url():
    return reverse("wagtailsnippets_editorial_term:list")


def test_moderators_add_change_and_delete_terms(client, users):
    login(client, users["moderator"])
    response = client.post(_add_url(), {"kk": "ереуіл", "ru": "забастовка", "note": ""})
    assert response.status_code == 302
    term = Term.objects.get(kk="ереуіл")
    edit = reverse("wagtailsnippets_editorial_term:edit", args=[term.pk])
    assert client.post(edit, {"kk": "ереуіл", "ru": "стачка", "note": ""}).status_code == 302
    assert Term.objects.get(pk=term.pk).ru == "стачка"
    delete = reverse("wagtailsnippets_editorial_term:delete", args=[term.pk])
    assert client.post(delete).status_code == 302
    assert not Term.objects.filter(pk=term.pk).exists()


@pytest.mark.parametrize("role", ["translator_ru", "translator_kk", "editor"])
def test_translators_and_editors_read_the_term_base_but_cannot_change_it(client, users, role):
    login(client, users[role])
    listing = client.get(_list_url())
    assert listing.status_code == 200
    assert "профсоюз" in listing.content.decode()
    term = Term.objects.get(kk="кәсіподақ", ru="профсоюз")
    client.post(_add_url(), {"kk": "ереуіл", "ru": "забастовка", "note": ""})
    edit = reverse("wagtailsnippets_editorial_term:edit", args=[term.pk])
    client.post(edit, {"kk": "кәсіподақ", "ru": "союз", "note": ""})
    client.post(reverse("wagtailsnippets_editorial_term:delete", args=[term.pk]))
    assert not Term.objects.filter(kk="ереуіл").exists()
    assert Term.objects.get(pk=term.pk).ru == "профсоюз"


# --- Warnings on submit and on review ------------------------------------------------------

KK_TITLE = "Кәсіподақтар үндеуі"
KK_ONE = "Кәсіподақтардың сайлауға дайындығы."
KK_TWO = "Мәслихат депутаттары жиналды."
RU_GOOD = {
    KK_TITLE: "Обращение профсоюзов",
    KK_ONE: "Подготовка профсоюзов к выборам.",
    KK_TWO: "Депутаты маслихата собрались.",
}


@pytest.fixture
def pair(users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return approved_pair("kk", "ru", KK_TITLE, KK_ONE, KK_TWO)


def translate(translation, texts):
    for segment in translation.source.stringsegment_set.select_related("string", "context"):
        if segment.string.data in texts:
            StringTranslation.objects.filter(
                translation_of=segment.string,
                locale=translation.target_locale,
                context=segment.context,
            ).update(data=texts[segment.string.data])


def messages_of(response):
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def test_submitting_a_translation_lacking_a_term_warns_and_still_submits(
    client, users, pair, django_capture_on_commit_callbacks
):
    fill_strings(pair.translation)
    translate(pair.translation, {**RU_GOOD, KK_ONE: "Подготовка союзов к голосованию."})
    assert [s.source for s in segments_lacking_terms(pair.translation)] == [KK_ONE]

    login(client, users["translator_ru"])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_publish(client, pair.target)

    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(pair.target.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS  # submitted: a warning only
    warnings = [text for level, text in messages_of(response) if level == "warning"]
    assert len(warnings) == 1
    assert KK_ONE in warnings[0]
    assert "кәсіподақ → профсоюз" in warnings[0]
    assert "сайлау → выборы" in warnings[0]
    assert KK_TWO not in warnings[0]


def test_submitting_a_translation_with_every_term_does_not_warn(
    client, users, pair, django_capture_on_commit_callbacks
):
    fill_strings(pair.translation)
    translate(pair.translation, RU_GOOD)
    login(client, users["translator_ru"])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_publish(client, pair.target)
    assert response.status_code == 302
    assert [level for level, _text in messages_of(response)] == ["success"]


def _warning_panel(html):
    match = re.search(r'<div class="[^"]*editorial-terms-warning".*?</ul>', html, re.S)
    return match.group(0) if match else ""


def test_the_moderator_reviewing_sees_the_segments_lacking_terms(
    client, users, pair, django_capture_on_commit_callbacks
):
    fill_strings(pair.translation)
    translate(pair.translation, {**RU_GOOD, KK_TWO: "Члены совета собрались."})
    login(client, users["translator_ru"])
    with django_capture_on_commit_callbacks(execute=True):
        editor_publish(client, pair.target)
    client.logout()

    login(client, users["moderator"])
    html = client.get(edit_url(pair.target)).content.decode()
    panel = _warning_panel(html)
    assert KK_TWO in panel
    assert "маслихат" in panel and "депутат" in panel
    assert KK_ONE not in panel
    data = json.loads(
        re.search(r'id="editorial-terms-data"[^>]*>(.*?)</script>', html, re.S).group(1)
    )
    by_source = {segment["source"]: segment for segment in data["segments"]}
    assert by_source[KK_TWO]["missing"] == ["депутат", "мәслихат"]
    assert by_source[KK_ONE]["missing"] == []
    assert {term["term"] for term in by_source[KK_ONE]["terms"]} == {"кәсіподақ", "сайлау"}


def test_the_translator_sees_the_warning_before_submitting(client, users, pair):
    fill_strings(pair.translation)
    translate(pair.translation, {**RU_GOOD, KK_TITLE: "Обращение союзов"})
    login(client, users["translator_ru"])
    panel = _warning_panel(client.get(edit_url(pair.target)).content.decode())
    assert KK_TITLE in panel
    assert "профсоюз" in panel
    assert KK_ONE not in panel


def test_a_translation_into_kazakh_is_checked_against_the_kazakh_terms(
    client, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pair = approved_pair("ru", "kk", "Обращение профсоюзов", "Выборы депутатов маслихатов.")
    fill_strings(pair.translation)
    translate(
        pair.translation,
        {
            "Обращение профсоюзов": "Кәсіподақтар үндеуі",
            "Выборы депутатов маслихатов.": "Мәслихат депутаттарын таңдау.",
        },
    )
    lacking_now = segments_lacking_terms(pair.translation)
    assert [(s.source, [f.term for f in s.missing]) for s in lacking_now] == [
        ("Выборы депутатов маслихатов.", ["выборы"])
    ]
    login(client, users["translator_kk"])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_publish(client, pair.target)
    warnings = [text for level, text in messages_of(response) if level == "warning"]
    assert len(warnings) == 1 and "выборы → сайлау" in warnings[0]
