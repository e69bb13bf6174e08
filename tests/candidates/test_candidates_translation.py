"""Translating a candidate with wagtail-localize keeps every candidacy and its references, and
the translated profile names them in its own language. Measured, not assumed."""

import pytest
from wagtail_localize.models import TranslationSource

from candidates.models import Candidacy, CandidatePage
from tests import candidates_factories as make

pytestmark = pytest.mark.django_db

FACTS = [
    "key",
    "sort_order",
    "election_id",
    "body_id",
    "region_id",
    "party_id",
    "nomination_type",
    "district_number",
    "list_position",
    "status",
    "source_url",
    "source_date",
]

RU_TEXTS = {
    "Электр монтері": "Электромонтёр",
    "«Демо Энерго» АҚ": "АО «Демо Энерго»",
    "Сурет: баспасөз қызметі": "Фото: пресс-служба",
    "1975 жылы туған.": "Родился в 1975 году.",
    "Жалақының әділ өсуі": "Справедливый рост заработной платы",
}


def facts(page):
    return [
        tuple(getattr(candidacy, name) for name in FACTS)
        for candidacy in page.candidacies.order_by("sort_order")
    ]


@pytest.fixture
def source(site_structure):
    """A Kazakh profile with three candidacies of different kinds."""
    kk_index, _ru_index = make.indexes()
    alpha = make.party()
    candidacies = [
        make.party_list(alpha, 4, status=Candidacy.Status.ELECTED, source_url="https://x.kz/1"),
        make.candidacy(
            body=make.body("oblast-maslikhat"),
            region=make.region("KZ-10"),
            nomination_type=Candidacy.Nomination.PARTY_DISTRICT,
            party=alpha,
            district_number=12,
            source_date="2023-02-10",
        ),
        make.party_list(alpha, 1, body_code="city-maslikhat", region_obj=make.region("KZ-75")),
    ]
    for order, candidacy in enumerate(candidacies):
        candidacy.sort_order = order
    return make.candidate(
        kk_index,
        "Ахметов Ерлан Серікұлы",
        candidacies,
        union=make.union(),
        photo=make.photo(),
        photo_credit="Сурет: баспасөз қызметі",
        birth_year=1975,
        occupation="Электр монтері",
        workplace="«Демо Энерго» АҚ",
        biography="<p>1975 жылы туған.</p>",
        priorities=[("priority", "Жалақының әділ өсуі")],
        email="ahmetov@example.org",
    )


def test_translation_keeps_every_candidacy_with_its_references(source):
    ru = make.translate(source, "Ахметов Ерлан Серикович", RU_TEXTS)
    assert ru.locale.language_code == "ru" and ru.live
    assert ru.translation_key == source.translation_key
    assert len(facts(source)) == 3
    assert facts(ru) == facts(source)
    # The rows are copies (their own primary keys), pointing at the same reference rows.
    assert not set(ru.candidacies.values_list("pk", flat=True)) & set(
        source.candidacies.values_list("pk", flat=True)
    )
    assert (ru.union_id, ru.photo_id, ru.birth_year, ru.email) == (
        source.union_id,
        source.photo_id,
        1975,
        "ahmetov@example.org",
    )
    assert (ru.title, ru.occupation, ru.workplace) == (
        "Ахметов Ерлан Серикович",
        "Электромонтёр",
        "АО «Демо Энерго»",
    )


def test_the_russian_profile_names_region_body_party_and_union_in_russian(client, source):
    ru = make.translate(source, "Ахметов Ерлан Серикович", RU_TEXTS)
    html = client.get(ru.url).content.decode()
    for russian in [
        "Мажилис",
        "Областной маслихат",
        "Маслихат города республиканского значения",
        "область Абай",
        "город Алматы",
        "Партия Альфа",
        "Профсоюз энергетиков",
        "Справедливый рост заработной платы",
        "Родился в 1975 году.",
    ]:
        assert russian in html, russian
    for kazakh in ["Мәжіліс", "Абай облысы", "Алматы қаласы", "Альфа партиясы", "кәсіподағы"]:
        assert kazakh not in html, kazakh
    kk_html = client.get(source.url).content.decode()
    assert "Мәжіліс" in kk_html and "Энергетиктер кәсіподағы" in kk_html


def test_translators_are_offered_the_words_and_none_of_the_facts(source):
    translation_source, _ = TranslationSource.get_or_create_from_instance(source)
    paths = {
        segment.context.path
        for segment in translation_source.stringsegment_set.select_related("context")
    }
    top_level = {path.split(".")[0] for path in paths}
    assert top_level == {
        "title",
        "slug",
        "photo_credit",
        "occupation",
        "workplace",
        "biography",
        "priorities",
    }
    # Facts are not even offered for overriding; candidacies yield no segment at all.
    overridable = {
        segment.context.path
        for segment in translation_source.overridablesegment_set.select_related("context")
    }
    assert overridable == set()


def test_a_source_edit_reaches_the_translation_on_sync_with_stable_candidacy_ids(source):
    ru = make.translate(source, "Ахметов Ерлан Серикович", RU_TEXTS)
    keys_before = list(ru.candidacies.order_by("sort_order").values_list("key", flat=True))

    source = CandidatePage.objects.get(pk=source.pk)
    candidacies = list(source.candidacies.order_by("sort_order"))
    first = candidacies[0]
    first.status = Candidacy.Status.NOT_ELECTED
    candidacies.append(make.candidacy(region=make.region("KZ-71"), district_number=2, sort_order=3))
    source.candidacies = candidacies
    source.save_revision().publish()
    source.refresh_from_db()

    ru = make.translate(source, "Ахметов Ерлан Серикович", RU_TEXTS)  # "Sync translated pages"
    assert facts(ru) == facts(source)
    assert len(facts(ru)) == 4
    keys_after = list(ru.candidacies.order_by("sort_order").values_list("key", flat=True))
    assert keys_after[:3] == keys_before
    assert ru.candidacies.get(key=first.key).status == Candidacy.Status.NOT_ELECTED
