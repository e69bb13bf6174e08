"""The demo loader: about 40 clearly fictional people, in kk and ru, spread over the data,
valid by the editors' rules, and loaded once however often it runs."""

from collections import Counter

import pytest

from candidates import demo
from candidates.models import Candidacy, CandidatePage, Election, ElectoralBody
from core.models import day_as_moment
from core.operations.bulk import bulk_content_changes

pytestmark = pytest.mark.django_db


def test_demo_candidates(site_structure):
    """One test: loading the demo (40 people, translated) is the slow part; built in bulk as
    `load_demo` builds it."""
    with bulk_content_changes():
        assert demo.load() == demo.COUNT == 40
    fictional_bilingual_and_loaded_once()
    spread_over_bodies_regions_nominations_and_statuses()
    candidacies_obey_the_rules_and_are_the_same_in_both_languages()
    published_when_their_latest_decision_was_taken()


def fictional_bilingual_and_loaded_once():
    assert demo.load() == 0  # idempotent
    kk = CandidatePage.objects.filter(locale__language_code="kk")
    ru = CandidatePage.objects.filter(locale__language_code="ru")
    assert kk.count() == ru.count() == 40
    assert all(page.live for page in [*kk, *ru])
    assert all("(демо)" in page.title for page in [*kk, *ru])
    ru_by_key = {page.translation_key: page for page in ru}
    for page in kk:
        russian = ru_by_key[page.translation_key]
        assert page.title != russian.title
        assert page.title.split()[2].endswith(("ұлы", "қызы"))
        assert russian.title.split()[2].endswith(("ович", "овна"))
    assert Election.objects.filter(date="2023-03-19").count() == 1


def spread_over_bodies_regions_nominations_and_statuses():
    candidacies = list(
        Candidacy.objects.filter(page__locale__language_code="kk").select_related("body", "region")
    )
    assert Counter(c.body.code for c in candidacies).keys() == set(ElectoralBody.Code.values)
    assert {c.nomination_type for c in candidacies} == set(Candidacy.Nomination.values)
    assert {c.status for c in candidacies} == set(Candidacy.Status.values)
    assert len({c.region_id for c in candidacies if c.region_id}) == 20
    assert sum(1 for page in CandidatePage.objects.filter(photo__isnull=False)) >= 60


def candidacies_obey_the_rules_and_are_the_same_in_both_languages():
    lists = Counter()
    for candidacy in Candidacy.objects.filter(page__locale__language_code="kk"):
        candidacy.clean()
        if candidacy.list_position:
            lists[(*candidacy.party_list_key, candidacy.list_position)] += 1
    assert lists and max(lists.values()) == 1

    def facts(language):
        return sorted(
            (c.key, c.election_id, c.body_id, c.region_id, c.party_id, c.status)
            for c in Candidacy.objects.filter(page__locale__language_code=language)
        )

    assert facts("kk") == facts("ru")


def published_when_their_latest_decision_was_taken():
    """Not all at the minute the demo was loaded: the sitemap and the JSON-LD would say every
    profile changed then."""
    days = set()
    for page in CandidatePage.objects.all():
        decided = max(c.source_date for c in page.candidacies.all())
        assert page.first_published_at == page.last_published_at == day_as_moment(decided)
        days.add(decided)
    assert len(days) > 10
