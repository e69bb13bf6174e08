"""The directory's filtered list as CSV and JSON: `<directory URL>export.csv|json?<filters>`.

Both take the directory's query string and return the same people; a candidate's candidacies
are limited to those matching the candidacy filters (election, body, region, nomination,
status). Names are in the directory's language; ids and codes are the same in every language.

Identifiers
    candidate id   the page's `translation_key`: one UUID for the person in every language
    candidacy id   `Candidacy.key`: one UUID for the candidacy in every language
    codes          reference data codes (region: ISO 3166-2, e.g. KZ-75; body: `mazhilis`,
                   `oblast-maslikhat`, `city-maslikhat`, `district-maslikhat`; election,
                   party, union: slugs); `id` in JSON is the number used in filter links

CSV (UTF-8 with a byte order mark, comma-separated, one row per candidacy; a candidate with
no matching candidacy has one row with empty candidacy columns). A text cell that a spreadsheet
would read as a formula (starting with =, +, -, @, tab or carriage return) starts with an
apostrophe (`core/operations/spreadsheets.py`). Columns, in this order:
    CSV_COLUMNS below.

JSON (schema_version 1)::

    {
      "schema_version": 1,
      "language": "kk",                       # language of names and labels
      "directory": "https://…/kk/kandidattar/",
      "filters": {"region": "5", …},          # the valid filters applied, as in the URL
      "count": 2,                             # number of candidates
      "candidates": [
        {
          "id": "uuid", "name": "…", "url": "https://…",
          "birth_year": 1975 | null, "occupation": "…", "workplace": "…",
          "union": {"id": 1, "code": "…", "name": "…"} | null,
          "candidacies": [
            {
              "id": "uuid",
              "election": {"id": 1, "code": "…", "name": "…", "date": "2023-03-19"},
              "body": {"id": 1, "code": "mazhilis", "name": "…"},
              "region": {"id": 1, "code": "KZ-75", "name": "…"} | null,
              "nomination_type": {"code": "party-list", "name": "…"},
              "party": {"id": 1, "code": "…", "name": "…"} | null,
              "district_number": 5 | null,
              "list_position": 3 | null,
              "status": {"code": "elected", "name": "…"},
              "source": {"url": "https://…" | null, "date": "2023-02-10" | null}
            }
          ]
        }
      ]
    }

New fields may be added to objects; existing ones keep their names, types and meaning
while schema_version stays 1.

Served as routes of the directory page (`CandidateIndexPage.export`, candidates/models.py),
which only picks the response here (EXPORTS) and hands it the filtered list. This module
imports no model: it builds from the directory, the request and the filterset it is given,
so the imports run one way (models -> exports -> filters).
"""

import csv
import io

from django.http import HttpResponse, JsonResponse
from django.utils import translation

from core.operations.spreadsheets import neutralise_row

from .filters import for_export

SCHEMA_VERSION = 1

CSV_COLUMNS = [
    "candidate_id",
    "name",
    "url",
    "language",
    "birth_year",
    "occupation",
    "workplace",
    "union_code",
    "union",
    "candidacy_id",
    "election_code",
    "election",
    "election_date",
    "body_code",
    "body",
    "region_code",
    "region",
    "nomination_type",
    "nomination_type_label",
    "party_code",
    "party",
    "district_number",
    "list_position",
    "status",
    "status_label",
    "source_url",
    "source_date",
]


def _candidates(filterset):
    queryset = filterset.qs  # runs the filters, which records the candidacy lookups
    return list(for_export(queryset, filterset.candidacy_lookups))


def _iso(value):
    return value.isoformat() if value else None


def _reference(obj, *, with_id=True):
    if obj is None:
        return None
    data = {"id": obj.pk} if with_id else {}
    data.update(code=obj.code, name=obj.name)
    return data


def candidacy_data(candidacy):
    election = _reference(candidacy.election)
    election["date"] = _iso(candidacy.election.date)
    return {
        "id": str(candidacy.key),
        "election": election,
        "body": _reference(candidacy.body),
        "region": _reference(candidacy.region),
        "nomination_type": {
            "code": candidacy.nomination_type,
            "name": str(candidacy.get_nomination_type_display()),
        },
        "party": _reference(candidacy.party),
        "district_number": candidacy.district_number,
        "list_position": candidacy.list_position,
        "status": {"code": candidacy.status, "name": str(candidacy.get_status_display())},
        "source": {"url": candidacy.source_url or None, "date": _iso(candidacy.source_date)},
    }


def candidate_data(candidate, request):
    return {
        "id": str(candidate.translation_key),
        "name": candidate.title,
        "url": candidate.canonical_url(request),
        "birth_year": candidate.birth_year,
        "occupation": candidate.occupation,
        "workplace": candidate.workplace,
        "union": _reference(candidate.union),
        "candidacies": [candidacy_data(c) for c in candidate.matching_candidacies],
    }


def json_response(directory, request, filterset):
    data = {
        "schema_version": SCHEMA_VERSION,
        "language": translation.get_language(),
        "directory": directory.canonical_url(request),
        "filters": filterset.cleaned_values(),
        "count": 0,
        "candidates": [candidate_data(c, request) for c in _candidates(filterset)],
    }
    data["count"] = len(data["candidates"])
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def _csv_rows(candidate, request, language):
    person = {
        "candidate_id": str(candidate.translation_key),
        "name": candidate.title,
        "url": candidate.canonical_url(request),
        "language": language,
        "birth_year": candidate.birth_year or "",
        "occupation": candidate.occupation,
        "workplace": candidate.workplace,
        "union_code": candidate.union.code if candidate.union else "",
        "union": candidate.union.name if candidate.union else "",
    }
    if not candidate.matching_candidacies:
        yield person
    for candidacy in candidate.matching_candidacies:
        yield {
            **person,
            "candidacy_id": str(candidacy.key),
            "election_code": candidacy.election.code,
            "election": candidacy.election.name,
            "election_date": _iso(candidacy.election.date),
            "body_code": candidacy.body.code,
            "body": candidacy.body.name,
            "region_code": candidacy.region.code if candidacy.region else "",
            "region": candidacy.region.name if candidacy.region else "",
            "nomination_type": candidacy.nomination_type,
            "nomination_type_label": candidacy.get_nomination_type_display(),
            "party_code": candidacy.party.code if candidacy.party else "",
            "party": candidacy.party.name if candidacy.party else "",
            "district_number": candidacy.district_number or "",
            "list_position": candidacy.list_position or "",
            "status": candidacy.status,
            "status_label": candidacy.get_status_display(),
            "source_url": candidacy.source_url,
            "source_date": _iso(candidacy.source_date) or "",
        }


def csv_response(directory, request, filterset):
    language = translation.get_language()
    buffer = io.StringIO()
    # The byte order mark makes spreadsheet programs read the file as UTF-8 (Cyrillic).
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, restval="")
    writer.writeheader()
    for candidate in _candidates(filterset):
        writer.writerows(neutralise_row(row) for row in _csv_rows(candidate, request, language))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="candidates-{language}.csv"'
    return response


# file format -> the response builder, each called with (directory, request, filterset)
EXPORTS = {"csv": csv_response, "json": json_response}
