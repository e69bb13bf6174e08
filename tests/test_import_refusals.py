"""A file that cannot be imported is refused with a clear message and writes nothing."""

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.utils import translation

from tests.conftest import SEED

pytestmark = pytest.mark.django_db


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"wagtailcore", "wagtail_localize", "appeals", "home", "wagtailsearch"}
    }


def seed_text():
    return SEED.read_text(encoding="utf-8")


def refuse(tmp_path, content: bytes, *expected_fragments, language="en"):
    path = tmp_path / "appeal.txt"
    path.write_bytes(content)
    before = row_counts()
    with pytest.raises(CommandError) as error, translation.override(language):
        call_command("import_appeal", str(path), "--publish")
    message = str(error.value)
    for fragment in expected_fragments:
        assert fragment in message, message
    assert row_counts() == before
    return message


def test_not_utf8(tmp_path, site_structure):
    refuse(tmp_path, seed_text().encode("cp1251", errors="replace"), "not UTF-8")


def test_empty_file(tmp_path, site_structure):
    refuse(tmp_path, b"", "empty")
    refuse(tmp_path, " \n\xa0\n\n".encode(), "empty")


def test_only_kazakh(tmp_path, site_structure):
    kazakh_half = seed_text().split("ОБРАЩЕНИЕ")[0]
    refuse(tmp_path, kazakh_half.encode(), "Only Kazakh text", "Russian half")


def test_only_russian(tmp_path, site_structure):
    russian_half = "ОБРАЩЕНИЕ" + seed_text().split("ОБРАЩЕНИЕ")[1]
    refuse(tmp_path, russian_half.encode(), "Only Russian text", "Kazakh half")


def test_a_missing_paragraph_is_named(tmp_path, site_structure):
    lines = seed_text().split("\n")
    del lines[40]  # a Russian body paragraph
    message = refuse(
        tmp_path,
        "\n".join(lines).encode(),
        "do not align",
        "Kazakh half has 14 paragraphs and 4 task-list items",
        "Russian half has 13 paragraphs and 4 items",
    )
    assert "line" in message


def test_a_paragraph_turned_into_an_item_is_named(tmp_path, site_structure):
    lines = seed_text().split("\n")
    lines[44] = "− " + lines[44]  # the Russian paragraph before the task list
    refuse(
        tmp_path,
        "\n".join(lines).encode(),
        "do not align",
        "Russian half has 13 paragraphs and 5 items",
        "line 45",
    )


def test_refusal_changes_nothing_after_a_successful_import(tmp_path, seed_appeal):
    refuse(tmp_path, b"\xff\xfe broken", "not UTF-8")


def test_missing_file(tmp_path, site_structure):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_appeal", str(tmp_path / "missing.txt"))


def test_messages_speak_the_operators_language(tmp_path, site_structure):
    kazakh_half = seed_text().split("ОБРАЩЕНИЕ")[0].encode()
    refuse(tmp_path, kazakh_half, "Найден только казахский текст", language="ru")
    refuse(tmp_path, kazakh_half, "Тек қазақша мәтін табылды", language="kk")
