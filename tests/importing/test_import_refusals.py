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
    del lines[40]  # line 41, the Russian half's ninth paragraph
    refuse(
        tmp_path,
        "\n".join(lines).encode(),
        "do not align",
        "the Kazakh half has 14 paragraphs and 4 list items, the Russian half has 13 "
        "paragraphs and 4 list items.",
        "Kazakh paragraph 9 (line 13: “Кәсіподақтар федерациясы қызметінің негізгі бағдары "
        "–…”) has no Russian counterpart; its Russian text belongs after line 40 (“Наша цель "
        "— построение справедливого социального…”).",
    )


def test_a_paragraph_turned_into_an_item_is_named(tmp_path, site_structure):
    lines = seed_text().split("\n")
    lines[44] = "− " + lines[44]  # the Russian paragraph before the task list
    refuse(
        tmp_path,
        "\n".join(lines).encode(),
        "do not align",
        "the Russian half has 13 paragraphs and 5 list items",
        "Kazakh paragraph 13 (line 17: “Сондықтан Қазақстан Республикасы Кәсіподақтар",
        "faces Russian list item 1 (line 45: “Поэтому профсоюзным организациям, входящим в "
        "состав…”)",
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


# --- Robustness (hardening): odd bytes, long lines, big files, reviews in progress ----------


def seed_lines():
    return seed_text().split("\n")


def with_line(number, text):
    """The seed file with its line `number` (1-based) replaced."""
    lines = seed_lines()
    lines[number - 1] = text
    return "\n".join(lines).encode()


def line_of(text):
    return next(i for i, line in enumerate(seed_lines(), start=1) if line.strip() == text)


@pytest.mark.parametrize("character,code", [("\x00", 0), ("\x1b", 27), ("\x07", 7)])
def test_control_characters_are_refused_with_half_and_line(
    tmp_path, site_structure, character, code
):
    number = line_of("677") + 2  # a Kazakh body paragraph
    text = seed_lines()[number - 1]
    content = with_line(number, text[:10] + character + text[10:])
    refuse(
        tmp_path,
        content,
        "Kazakh half holds a control character",
        f"code {code}",
        f"line {number}: “{text[:10]}",
    )


def test_a_number_in_superscript_digits_is_refused(tmp_path, site_structure):
    number = line_of("677")
    refuse(tmp_path, with_line(number, "⁶⁷⁷"), "Kazakh half", f"line {number}", "digits 0-9")


def test_an_over_long_number_is_refused(tmp_path, site_structure):
    number = line_of("677")
    refuse(tmp_path, with_line(number, "1" * 40), "Kazakh half", "40 digits", "at most 32")


def test_an_over_long_heading_is_refused(tmp_path, site_structure):
    refuse(tmp_path, with_line(1, "ҮНДЕУ " * 60), "heading of the Kazakh half", "line 1", "255")


def test_a_word_files_refusal_names_the_word_paragraph(tmp_path, site_structure):
    """In a Word file a "line" is nothing the editor can find: the message names the Word
    paragraph (numbered as a reader counts them) and quotes its first words."""
    from dataclasses import replace

    from tests.word_files import seed_halves, word_file

    kazakh, russian = seed_halves()
    long_heading = replace(russian, heading=["ОБРАЩЕНИЕ " * 30])
    path = tmp_path / "appeal.docx"
    path.write_bytes(word_file(kazakh, long_heading))
    before = row_counts()
    with pytest.raises(CommandError) as error, translation.override("en"):
        call_command("import_appeal", str(path), "--publish")
    message = str(error.value)
    paragraph = 1 + 1 + len(kazakh.body) + 1 + 1  # the Russian heading, after the Kazakh half
    assert "heading of the Russian half" in message, message
    assert f"Word paragraph {paragraph}: “ОБРАЩЕНИЕ ОБРАЩЕНИЕ" in message, message
    assert "line" not in message, message
    assert row_counts() == before


def test_a_file_over_the_size_limit_is_refused(tmp_path, site_structure):
    from appeals.lines import MAX_FILE_BYTES

    padding = ("Қосымша азат жол.\n" * (MAX_FILE_BYTES // 20)).encode()
    refuse(tmp_path, seed_text().encode() + padding, "at most 2048 KB")


def appeal_file(paragraphs):
    """A well-formed appeal file with `paragraphs` paragraphs per half, each its own block."""
    kk = "\n\n".join(f"Қазақша азат жол {n}." for n in range(paragraphs))
    ru = "\n\n".join(f"Русский абзац {n}." for n in range(paragraphs))
    return (
        f"ҮНДЕУ\n\n677\n\n{kk}\n\nБас кеңестің қаулысымен қабылданды\n\n"
        f"ОБРАЩЕНИЕ\n\n677\n\n{ru}\n\nПринято постановлением"
    ).encode()


def test_parsing_work_grows_linearly_with_the_file():
    """Counted in function calls, not seconds (timings are in `make bench`, which parses a
    10,000-paragraph file): ten times the paragraphs, about ten times the work."""
    import cProfile
    import pstats

    from appeals.parse import parse_appeal

    def calls(paragraphs):
        profile = cProfile.Profile()
        parsed = profile.runcall(parse_appeal, appeal_file(paragraphs))
        assert len(parsed.halves[0].body) == paragraphs
        return pstats.Stats(profile).total_calls

    assert calls(10_000) < calls(1_000) * 11


def test_reimporting_while_the_translation_is_in_review_is_refused(
    tmp_path, seed_appeal, django_user_model
):
    """--publish would publish over the review, or cancel it; the import refuses instead."""
    from wagtail.models import WorkflowState

    from editorial.setup import setup_editorial

    setup_editorial()
    _kk, ru = seed_appeal
    moderator = django_user_model.objects.create_user("mod", password="x")
    ru.save_revision(user=moderator)
    ru.get_workflow().start(ru, moderator)
    changed = seed_text().replace("Принято", "Принято окончательно")
    message = refuse(tmp_path, changed.encode(), "Russian version", "in review")
    assert "moderator" in message
    state = WorkflowState.objects.get(object_id=str(ru.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_reimporting_a_locked_appeal_is_refused(tmp_path, seed_appeal):
    kk, _ru = seed_appeal
    kk.locked = True
    kk.save()
    refuse(tmp_path, seed_text().encode(), "Kazakh version", "locked")
