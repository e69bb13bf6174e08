"""Appeals from Word: real .docx files built with python-docx, in both layouts (one file
with both halves, one file per language) and both orders; lists, bold and italic, what is
reported as not imported, and every kind of bad input with its message."""

import io
import zipfile

import docx
import pytest
from django.utils import translation

from appeals.lines import MAX_PARAGRAPHS, AppealFileError
from appeals.parse import parse_appeal, parse_appeal_files
from tests.word_files import (
    field,
    macro_enabled,
    paragraphs_file,
    seed_halves,
    tracked_insertion,
    word_file,
)


@pytest.fixture(scope="module")
def halves():
    return seed_halves()


def same_content(parsed, kazakh, russian):
    assert parsed.number == "677"
    for expected in (kazakh, russian):
        half = parsed.half(expected.language)
        assert half.title == expected.title
        assert half.number == expected.number
        assert [(e.kind, e.text) for e in half.body] == [(e.kind, e.text) for e in expected.body]
        assert half.adoption == expected.adoption


@pytest.mark.parametrize("order", ["kk-ru", "ru-kk"])
def test_one_word_file_with_both_halves(halves, order):
    kazakh, russian = halves
    first, second = (kazakh, russian) if order == "kk-ru" else (russian, kazakh)
    parsed = parse_appeal(word_file(first, second), "undeu.docx")
    assert [half.language for half in parsed.halves] == [first.language, second.language]
    same_content(parsed, kazakh, russian)
    assert parsed.misalignment == "" and parsed.not_imported == []


@pytest.mark.parametrize("order", ["kk-ru", "ru-kk"])
def test_two_word_files_one_per_language(halves, order):
    kazakh, russian = halves
    files = [("kk.docx", word_file(kazakh)), ("ru.docx", word_file(russian))]
    if order == "ru-kk":
        files.reverse()
    parsed = parse_appeal_files(files)
    same_content(parsed, kazakh, russian)


def test_a_word_file_and_a_text_file(halves, tmp_path):
    from tests.conftest import SEED

    kazakh, russian = halves
    text = SEED.read_text(encoding="utf-8")
    russian_text = "ОБРАЩЕНИЕ" + text.split("ОБРАЩЕНИЕ")[1]
    parsed = parse_appeal_files([("kk.docx", word_file(kazakh)), ("ru.txt", russian_text.encode())])
    same_content(parsed, kazakh, russian)


def test_word_lists_become_task_list_items_and_bold_italic_are_kept(halves):
    kazakh, russian = halves
    assert any(element.kind == "item" for element in kazakh.body)  # the seed has a list
    parsed = parse_appeal(word_file(kazakh, russian, bold=True), "undeu.docx")
    first = parsed.half("kk").body[0]
    assert first.html.startswith("<b>2022 </b><i>жылдан </i>бастап")
    items = [e for e in parsed.half("ru").body if e.kind == "item"]
    assert len(items) == 4 and not items[0].text.startswith("−")


def test_what_cannot_be_imported_is_reported(halves, tmp_path):
    kazakh, russian = halves
    png = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (8, 8), "red").save(png, format="PNG")

    def extras(document):
        document.add_picture(io.BytesIO(png.getvalue()))
        document.add_table(rows=2, cols=2)
        document.add_comment(document.paragraphs[3].runs, text="Тексеру керек", author="Ред")
        tracked_insertion(document)
        field(document)

    with translation.override("en"):
        parsed = parse_appeal(word_file(kazakh, russian, extra=extras), "undeu.docx")
    assert set(parsed.not_imported) == {
        "1 image",
        "1 table",
        "1 comment",
        "1 tracked change",
        "1 field",
    }
    # The rest is imported all the same.
    same_content(parsed, kazakh, russian)


def test_a_misaligned_pair_is_named_with_the_counts(halves):
    kazakh, russian = halves
    russian.body.pop(3)
    with translation.override("en"):
        parsed = parse_appeal(word_file(kazakh, russian), "undeu.docx", allow_misaligned=True)
        assert "14 paragraphs" in parsed.misalignment
        assert "13 paragraphs" in parsed.misalignment
        with pytest.raises(AppealFileError, match="do not align"):
            parse_appeal(word_file(kazakh, russian), "undeu.docx")


def refused(files, *fragments, language="en"):
    with translation.override(language), pytest.raises(AppealFileError) as error:
        parse_appeal_files(files)
    message = str(error.value)
    for fragment in fragments:
        assert fragment in message, message
    return message


def test_bad_word_files_are_refused_with_a_clear_message(halves):
    kazakh, russian = halves
    good = word_file(kazakh, russian)
    refused([("a.docx", b"PK\x03\x04 not really a zip")], "not a valid Word (.docx) file")
    refused([("a.docx", b"plain text, not Word")], "not a valid Word (.docx) file")
    without_document = io.BytesIO()
    with zipfile.ZipFile(without_document, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    refused([("a.docx", without_document.getvalue())], "not a valid Word (.docx) file")
    encrypted = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024
    refused([("a.docx", encrypted)], "password-protected")
    refused([("a.docm", macro_enabled(good))], "macros")
    refused([("a.docx", paragraphs_file())], "The document is empty")
    refused([("a.docx", paragraphs_file("", "   "))], "The document is empty")
    refused([("a.docx", word_file(kazakh))], "Only Kazakh text")
    refused([("a.docx", word_file(russian))], "Only Russian text")
    refused(
        [("a.docx", paragraphs_file("Appeal", "An English text.", "Adopted"))],
        "no Kazakh or Russian text",
    )
    refused([("a.docx", good + b"\x00" * (2 * 1024 * 1024))], "at most 2048 KB")
    many = docx.Document()
    for number in range(MAX_PARAGRAPHS + 1):
        many.add_paragraph(f"Абзац {number}")
    buffer = io.BytesIO()
    many.save(buffer)
    refused([("a.docx", buffer.getvalue())], f"at most {MAX_PARAGRAPHS}")


def test_two_files_must_be_one_language_each(halves):
    kazakh, russian = halves
    refused(
        [("kk.docx", word_file(kazakh)), ("kk2.docx", word_file(kazakh))],
        "Both files are in Kazakh",
    )
    refused(
        [("both.docx", word_file(kazakh, russian)), ("ru.docx", word_file(russian))],
        "“both.docx” holds both Kazakh and Russian text",
    )
    refused(
        [("kk.docx", word_file(kazakh)), ("en.docx", paragraphs_file("Hello", "World", "End"))],
        "“en.docx” holds no Kazakh or Russian text",
    )
    refused(
        [("kk.docx", word_file(kazakh)), ("bad.docx", b"nonsense")],
        "“bad.docx”",
        "not a valid Word",
    )


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_messages_are_in_the_users_language(halves, language):
    kazakh, _russian = halves
    message = refused([("a.docx", word_file(kazakh))], language=language)
    english = refused([("a.docx", word_file(kazakh))], language="en")
    assert message != english
    assert any("\u0400" <= char <= "\u04ff" for char in message)
