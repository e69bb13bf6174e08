"""Reference data is entered once and shown in the reader's language."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from candidates.filters import reference_data
from candidates.models import Election, ElectoralBody, MemberUnion, Region
from core.localized import LocalizedNamesFormField, sort_key
from tests import candidates_factories as make

pytestmark = pytest.mark.django_db


def test_the_20_regions_and_4_bodies_are_there_without_demo_content():
    regions = Region.objects.all()
    assert regions.count() == 20
    assert regions.filter(kind=Region.Kind.OBLAST).count() == 17
    assert set(regions.filter(kind=Region.Kind.CITY).values_list("code", flat=True)) == {
        "KZ-71",
        "KZ-75",
        "KZ-79",
    }
    for region in regions:
        assert region.names["kk"] and region.names["ru"]
    assert set(ElectoralBody.objects.values_list("code", flat=True)) == set(
        ElectoralBody.Code.values
    )


def test_names_follow_the_active_language():
    almaty = Region.objects.get(code="KZ-75")
    abai = Region.objects.get(code="KZ-10")
    with translation.override("kk"):
        assert (almaty.name, abai.name) == ("Алматы қаласы", "Абай облысы")
    with translation.override("ru"):
        assert (almaty.name, abai.name) == ("город Алматы", "область Абай")
        assert str(ElectoralBody.objects.get(code="mazhilis")) == "Мажилис"


def test_a_missing_language_falls_back_to_the_default_language():
    region = Region(code="XX", kind=Region.Kind.OBLAST, names={"kk": "Сынақ облысы"})
    with translation.override("ru"):
        assert region.name == "Сынақ облысы"


def test_the_admin_form_has_one_labelled_input_per_content_language():
    field = LocalizedNamesFormField()
    html = field.widget.render(
        "names", {"kk": "Абай облысы", "ru": "область Абай"}, attrs={"id": "id_names"}
    )
    assert 'name="names_kk"' in html and 'name="names_ru"' in html
    assert '<label for="id_names_0">Қазақша</label>' in html.replace("\n", "")
    assert 'lang="ru"' in html
    assert field.clean(["Абай облысы", " область Абай "]) == {
        "kk": "Абай облысы",
        "ru": "область Абай",
    }
    with pytest.raises(Exception, match="Русский"):
        field.clean(["Абай облысы", ""])


@override_settings(
    WAGTAIL_CONTENT_LANGUAGES=[("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
)
def test_adding_a_language_is_a_settings_change():
    field = LocalizedNamesFormField()
    html = field.widget.render("names", {"kk": "Абай облысы", "ru": "область Абай"})
    assert 'name="names_en"' in html
    assert field.clean(["Абай облысы", "область Абай", "Abai Region"])["en"] == "Abai Region"
    region = Region.objects.get(code="KZ-10")
    with translation.override("en"):
        assert region.name == "Абай облысы"  # until someone enters the English name


def test_the_snippet_edit_form_saves_names_as_one_value(admin_client):
    region = Region.objects.get(code="KZ-62")
    response = admin_client.post(
        reverse("wagtailsnippets_candidates_region:edit", args=[region.pk]),
        {
            "names_kk": "Ұлытау облысы",
            "names_ru": "область Ұлытау",
            "code": "KZ-62",
            "kind": "oblast",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    region.refresh_from_db()
    assert region.names == {"kk": "Ұлытау облысы", "ru": "область Ұлытау"}


def test_kazakh_alphabetical_order_puts_kazakh_letters_in_their_place():
    names = ["Қостанай", "Ұлытау", "Абай", "Жетісу", "Түркістан", "Шығыс"]
    assert sorted(names, key=lambda n: sort_key(n, "kk")) == [
        "Абай",
        "Жетісу",
        "Қостанай",
        "Түркістан",
        "Ұлытау",
        "Шығыс",
    ]


def test_the_directory_reads_all_reference_data_as_the_models_give_it():
    """The filters' and map's one query returns whole rows in each model's own order."""
    make.election("2021-01-10", "2021-01-10", "Сайлау 2021", "Выборы 2021")
    make.election("2023-03-19")
    make.election("2023-03-19-b", "2023-03-19", "Қосымша сайлау", "Дополнительные выборы")
    make.union("energy")
    make.union("agro", "Агроөнеркәсіп кәсіподағы", "Профсоюз АПК")
    MemberUnion.objects.filter(code="agro").update(website="https://agro.example")

    def whole(rows):
        return [
            (type(row), *(getattr(row, field.attname) for field in row._meta.concrete_fields))
            for row in rows
        ]

    found = reference_data()
    for name, model in [
        ("election", Election),
        ("body", ElectoralBody),
        ("region", Region),
        ("union", MemberUnion),
    ]:
        assert whole(found[name]) == whole(model.objects.all()), name
