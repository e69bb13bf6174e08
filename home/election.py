"""The current election at a glance, for the home page.

The candidates app is read only through the app registry: the home page works (and shows
nothing here) on a site without it, and imports none of its internals.
"""

from dataclasses import dataclass, fields
from urllib.parse import urlencode

from django.apps import apps
from django.db.models import Count
from wagtail.models import Page

from core.caching.fragments import kept_for_path
from core.site.visibility import public_pages


@dataclass
class BodyCount:
    body: object
    count: int
    url: str


@dataclass
class ElectionAtAGlance:
    """People and candidacies, counted as the directory counts them: `total` is the people
    its link (`directory_url`, the election) lists, `candidacies` the candidacies its export
    of that list holds, each body's `count` the people its link lists. A person who runs for
    several bodies counts once in `total` and under each body (`in_several_bodies` people),
    so the bodies' counts add up to more than `total`."""

    election: object
    total: int
    candidacies: int
    in_several_bodies: int
    bodies: list
    directory_url: str


KEPT_SHAPE = "-".join(field.name for field in fields(ElectionAtAGlance))


def _model(name):
    try:
        return apps.get_model("candidates", name)
    except LookupError:
        return None


def election_at_a_glance(home, sections):
    """Union-backed candidates of the latest election by body, in `home`'s language, or None.

    `sections` are the home's live children (the candidate directory is one of them).
    """
    Election, ElectoralBody, Candidacy, CandidateIndexPage = (
        _model(name) for name in ("Election", "ElectoralBody", "Candidacy", "CandidateIndexPage")
    )
    if None in (Election, ElectoralBody, Candidacy, CandidateIndexPage):
        return None
    directory = next(
        (section for section in sections if section.specific_class is CandidateIndexPage), None
    )
    if directory is None:
        return None
    # Kept until the directory is purged (a candidate or the reference data it names changed),
    # under a name that changes with ElectionAtAGlance's fields: a release never reads a
    # summary kept by the one before.
    parts = directory.get_url_parts()
    return kept_for_path(
        parts[2] if parts else None,
        f"election-at-a-glance:{KEPT_SHAPE}:{home.locale_id}",
        lambda: _count(home, directory, Election, ElectoralBody, Candidacy),
    )


def _count(home, directory, Election, ElectoralBody, Candidacy):  # noqa: N803  (models)
    # Candidacies are copied onto every translation: count the pages of this language only.
    people = public_pages(Page.objects.filter(locale_id=home.locale_id))
    candidacies = Candidacy.objects.filter(page__in=people.values("pk"))
    election = Election.objects.filter(pk__in=candidacies.values("election")).first()
    if election is None:
        return None
    in_election = candidacies.filter(election=election)
    counts = dict(in_election.values_list("body").annotate(count=Count("page", distinct=True)))
    # One row per person: their candidacies and the bodies those are for.
    people_rows = list(
        in_election.order_by()
        .values("page")
        .annotate(candidacies=Count("pk"), bodies=Count("body", distinct=True))
        .values_list("candidacies", "bodies")
    )
    directory_url = directory.url
    bodies = [
        BodyCount(
            body=body,
            count=counts[body.pk],
            url=directory_url + "?" + urlencode({"election": election.pk, "body": body.pk}),
        )
        for body in ElectoralBody.objects.filter(pk__in=counts)
    ]
    return ElectionAtAGlance(
        election=election,
        total=len(people_rows),
        candidacies=sum(count for count, _bodies in people_rows),
        in_several_bodies=sum(1 for _count, bodies in people_rows if bodies > 1),
        bodies=bodies,
        directory_url=directory_url + "?" + urlencode({"election": election.pk}),
    )
