"""An editor cannot save a candidacy that breaks the electoral rules; the messages are in the
editor's language."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from candidates.models import Candidacy, CandidatePage
from tests import candidates_factories as make

pytestmark = pytest.mark.django_db

Nomination = Candidacy.Nomination


def errors_of(candidacy, language="en"):
    with translation.override(language):
        with pytest.raises(ValidationError) as raised:
            candidacy.clean()
        return {field: " ".join(messages) for field, messages in raised.value.message_dict.items()}


def test_a_single_member_candidacy_needs_a_district_number_and_no_list_position():
    errors = errors_of(make.candidacy(district_number=None, list_position=3))
    assert errors == {
        "district_number": "A single-member candidacy needs a district number.",
        "list_position": "A single-member candidacy has no list position; leave it empty.",
    }


def test_a_party_list_candidacy_needs_a_party_and_a_list_position():
    errors = errors_of(make.party_list(None, None, district_number=4))
    assert set(errors) == {"party", "list_position", "district_number"}
    assert errors["party"] == "A party-list candidacy needs a party."
    assert errors["list_position"] == "A party-list candidacy needs a list position."


def test_messages_are_in_the_editor_language():
    candidacy = make.candidacy(district_number=None)
    ru = errors_of(candidacy, "ru")["district_number"]
    kk = errors_of(candidacy, "kk")["district_number"]
    assert ru == "Для кандидата по одномандатному округу укажите номер округа."
    assert kk == "Бір мандатты округ бойынша кандидаттың округ нөмірін көрсетіңіз."


def test_the_nominating_party_goes_with_the_kind_of_nomination():
    assert "party" in errors_of(
        make.candidacy(nomination_type=Nomination.PARTY_DISTRICT, party=None)
    )
    assert "party" in errors_of(
        make.candidacy(nomination_type=Nomination.SELF_NOMINATED, party=make.party())
    )


def test_bodies_and_regions_must_fit_together():
    # District maslikhats have no party lists.
    errors = errors_of(
        make.party_list(
            make.party(), 1, body_code="district-maslikhat", region_obj=make.region("KZ-75")
        )
    )
    assert set(errors) == {"nomination_type"}
    # The Mazhilis party list is nationwide.
    assert set(errors_of(make.party_list(make.party(), 1, region_obj=make.region("KZ-75")))) == {
        "region"
    }
    # Everything else happens in a region, of the right kind.
    assert set(errors_of(make.candidacy(region=None))) == {"region"}
    with translation.override("ru"):
        message = errors_of(
            make.candidacy(body=make.body("oblast-maslikhat"), region=make.region("KZ-75")), "ru"
        )["region"]
    assert message == "Этот орган (Областной маслихат) не избирается в регионе «город Алматы»."


def test_valid_candidacies_pass():
    make.candidacy().clean()
    make.party_list(make.party(), 1).clean()
    make.party_list(
        make.party(), 1, body_code="oblast-maslikhat", region_obj=make.region("KZ-10")
    ).clean()


# The admin form: rules that need all of a page's candidacies, or other pages.


def candidacy_row(candidacy):
    return {
        "election": candidacy.election_id,
        "body": candidacy.body_id,
        "region": candidacy.region_id or "",
        "nomination_type": candidacy.nomination_type,
        "party": candidacy.party_id or "",
        "district_number": candidacy.district_number or "",
        "list_position": candidacy.list_position or "",
        "status": candidacy.status,
        "source_url": "",
        "source_date": "",
    }


def page_form(index, title, candidacies, instance=None, user=None):
    form_class = CandidatePage.get_edit_handler().get_form_class()
    data = nested_form_data(
        {
            "title": title,
            "slug": make.ascii_slug(title),
            "photo_credit": "",
            "birth_year": "",
            "union": "",
            "occupation": "",
            "workplace": "",
            "biography": rich_text(""),
            "priorities": streamfield([]),
            "email": "",
            "phone": "",
            "website": "",
            "candidacies": inline_formset([candidacy_row(c) for c in candidacies], min=1),
            "comments": inline_formset([]),
        }
    )
    return form_class(
        data,
        instance=instance or CandidatePage(locale=index.locale),
        parent_page=index,
        for_user=user,
    )


def list_position_errors(form):
    assert not form.is_valid()
    return [
        " ".join(row.errors.get("list_position", [])) for row in form.formsets["candidacies"].forms
    ]


def test_the_admin_form_accepts_a_valid_candidate(site_structure, admin_user):
    kk, _ru = make.indexes()
    form = page_form(kk, "Жаңа кандидат", [make.party_list(make.party(), 7)], user=admin_user)
    assert form.is_valid(), (form.errors, [f.errors for f in form.formsets["candidacies"].forms])


def test_one_form_cannot_use_a_list_position_twice(site_structure, admin_user):
    kk, _ru = make.indexes()
    alpha = make.party()
    with translation.override("en"):
        form = page_form(
            kk, "Жаңа", [make.party_list(alpha, 2), make.party_list(alpha, 2)], user=admin_user
        )
        errors = list_position_errors(form)
    assert errors == [
        "",
        "This candidate already has position 2 on this list.",
    ]


def test_a_list_position_taken_on_another_page_is_refused_in_the_editor_language(
    site_structure, admin_user
):
    kk, _ru = make.indexes()
    alpha = make.party()
    make.candidate(kk, "Ахметов Ерлан", [make.party_list(alpha, 1)])
    with translation.override("ru"):
        form = page_form(kk, "Жаңа кандидат", [make.party_list(alpha, 1)], user=admin_user)
        errors = list_position_errors(form)
    assert errors == ["Позиция 1 в этом партийном списке уже занята: Ахметов Ерлан."]
    # The same position on another list (another party, body or election) is free.
    other_party = make.party("beta", "Бета", "Бета")
    assert page_form(kk, "Жаңа", [make.party_list(other_party, 1)], user=admin_user).is_valid()
    oblast_list = make.party_list(
        alpha, 1, body_code="oblast-maslikhat", region_obj=make.region("KZ-10")
    )
    assert page_form(kk, "Жаңа", [oblast_list], user=admin_user).is_valid()


def test_the_person_translation_does_not_count_as_another_person(site_structure, admin_user):
    kk, _ru = make.indexes()
    alpha = make.party()
    person = make.candidate(kk, "Ахметов Ерлан Серікұлы", [make.party_list(alpha, 1)])
    make.translate(person, "Ахметов Ерлан Серикович")  # a copy of the candidacy, on ru
    form = page_form(
        kk, person.title, [make.party_list(alpha, 1)], instance=person, user=admin_user
    )
    assert form.is_valid(), [f.errors for f in form.formsets["candidacies"].forms]
