"""CSV and JSON exports of the directory honour its filters, with stable columns and ids."""

import csv
import io
import json

import pytest

from candidates.exports import CSV_COLUMNS, SCHEMA_VERSION
from tests import candidates_factories as make

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(site_structure):
    return make.four_people()


def export(client, index, kind, query=""):
    response = client.get(index.url + f"export.{kind}" + query)
    assert response.status_code == 200
    return response


def csv_rows(response):
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte order mark"
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_csv_is_utf8_with_bom_and_stable_header(client, people):
    response = export(client, people.ru, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="candidates-ru.csv"' in response["Content-Disposition"]
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.split(",") == CSV_COLUMNS
    # Written out: journalists' scripts depend on these names and this order.
    assert (
        CSV_COLUMNS
        == (
            "candidate_id name url language birth_year occupation workplace union_code union "
            "candidacy_id election_code election election_date body_code body region_code region "
            "nomination_type nomination_type_label party_code party district_number list_position "
            "status status_label source_url source_date"
        ).split()
    )


def test_csv_rows_honour_the_filters_and_name_things_in_the_reader_language(client, people):
    query = f"?region={people.ids['KZ-75']}&status=elected"
    rows = csv_rows(export(client, people.ru, "csv", query))
    # Nurlanov is elected in a Almaty district; his (not elected) Almaty list row is left out.
    assert len(rows) == 1
    row = rows[0]
    assert row["candidate_id"] == str(people.keys["nurlanov"])
    assert row["name"] == "Нурланов Нурлан Канатович"
    assert row["language"] == "ru"
    assert row["union_code"] == "energy" and row["union"] == "Профсоюз энергетиков"
    assert (row["body_code"], row["body"]) == (
        "district-maslikhat",
        "Районный (городской) маслихат",
    )
    assert (row["region_code"], row["region"]) == ("KZ-75", "город Алматы")
    assert (row["status"], row["status_label"]) == ("elected", "Избран")
    assert row["nomination_type"] == "party-district"
    assert (row["party_code"], row["district_number"], row["list_position"]) == ("beta", "5", "")
    assert row["election_date"] == "2023-03-19"
    assert row["url"].startswith("http") and "/ru/" in row["url"]


def test_csv_without_filters_has_one_row_per_candidacy(client, people):
    rows = csv_rows(export(client, people.kk, "csv"))
    assert len(rows) == 5  # four people, one of them with two candidacies
    assert {row["candidate_id"] for row in rows} == {str(key) for key in people.keys.values()}
    assert "Нұрланов Нұрлан Қанатұлы" in {row["name"] for row in rows}


def test_ids_are_the_same_in_both_languages(client, people):
    kk = csv_rows(export(client, people.kk, "csv"))
    ru = csv_rows(export(client, people.ru, "csv"))
    ids = ["candidate_id", "candidacy_id", "election_code", "body_code", "region_code"]

    def key(row):
        return [row[column] for column in ids]

    assert sorted(map(key, kk)) == sorted(map(key, ru))
    assert {row["name"] for row in kk}.isdisjoint({row["name"] for row in ru})


def test_json_follows_the_documented_schema(client, people):
    response = export(client, people.ru, "json", f"?body={people.ids['district-maslikhat']}")
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert set(data) == {
        "schema_version",
        "language",
        "directory",
        "filters",
        "count",
        "candidates",
    }
    assert data["schema_version"] == SCHEMA_VERSION == 1
    assert data["language"] == "ru"
    # At the public address (WAGTAILADMIN_BASE_URL), not the Site record's localhost.
    assert data["directory"] == f"http://testserver{people.ru.url}"
    assert data["filters"] == {"body": str(people.ids["district-maslikhat"])}
    assert data["count"] == len(data["candidates"]) == 2
    by_id = {person["id"]: person for person in data["candidates"]}
    assert set(by_id) == {str(people.keys["nurlanov"]), str(people.keys["ospanov"])}
    person = by_id[str(people.keys["nurlanov"])]
    assert set(person) == {
        "id",
        "name",
        "url",
        "birth_year",
        "occupation",
        "workplace",
        "union",
        "candidacies",
    }
    assert person["name"] == "Нурланов Нурлан Канатович"
    assert person["union"] == {
        "id": people.ids["energy"],
        "code": "energy",
        "name": "Профсоюз энергетиков",
    }
    assert len(person["candidacies"]) == 1  # only the candidacy that matches the filter
    candidacy = person["candidacies"][0]
    assert set(candidacy) == {
        "id",
        "election",
        "body",
        "region",
        "nomination_type",
        "party",
        "district_number",
        "list_position",
        "status",
        "source",
    }
    assert set(candidacy["election"]) == {"id", "code", "name", "date"}
    assert candidacy["election"]["date"] == "2023-03-19"
    assert candidacy["body"] == {
        "id": people.ids["district-maslikhat"],
        "code": "district-maslikhat",
        "name": "Районный (городской) маслихат",
    }
    assert candidacy["region"]["name"] == "город Алматы"
    assert candidacy["nomination_type"]["code"] == "party-district"
    assert candidacy["party"]["name"] == "Партия Бета"
    assert (candidacy["district_number"], candidacy["list_position"]) == (5, None)
    assert candidacy["status"] == {"code": "elected", "name": "Избран"}
    assert candidacy["source"] == {"url": None, "date": None}
    assert by_id[str(people.keys["ospanov"])]["union"] is None


def test_exports_return_the_same_people_as_the_directory(client, people):
    for query in ("", f"?union={people.ids['energy']}", "?nomination=party-list&q=ов"):
        listed = {
            str(c.translation_key) for c in client.get(people.kk.url + query).context["candidates"]
        }
        in_csv = {row["candidate_id"] for row in csv_rows(export(client, people.kk, "csv", query))}
        in_json = {
            c["id"]
            for c in json.loads(export(client, people.kk, "json", query).content)["candidates"]
        }
        assert listed == in_csv == in_json, query


def test_directory_links_to_the_exports_with_its_filters(client, people):
    html = client.get(people.ru.url, {"status": "elected", "page": "1"}).content.decode()
    assert f'href="{people.ru.url}export.csv?status=elected"' in html
    assert f'href="{people.ru.url}export.json?status=elected"' in html
