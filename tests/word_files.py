"""Real .docx files for the importer tests, built with python-docx the way Word lays them
out: a Heading 1 title, the number, body paragraphs, Word bullet lists, the adoption line."""

import io
import zipfile

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from appeals.parse import parse_appeal
from tests.conftest import SEED


def seed_halves():
    """The seed appeal's two halves (Kazakh first), as the text importer reads them."""
    return parse_appeal(SEED.read_bytes()).halves


def add_half(document, half, *, bold_first_paragraph=False, spaced=False):
    """`spaced`: an empty paragraph after the heading, the number and the body, as people
    who type a text file's blank lines into Word do."""

    def space():
        if spaced:
            document.add_paragraph()

    document.add_paragraph(half.title, style="Heading 1")
    space()
    if half.number:
        document.add_paragraph(half.number)
        space()
    first = True
    for element in half.body:
        if element.kind == "item":
            document.add_paragraph(element.text, style="List Bullet")
            continue
        paragraph = document.add_paragraph()
        if first and bold_first_paragraph:
            words = element.text.split(" ", 2)
            paragraph.add_run(words[0] + " ").bold = True
            paragraph.add_run(words[1] + " ").italic = True
            paragraph.add_run(words[2] if len(words) > 2 else "")
        else:
            paragraph.add_run(element.text)
        first = False
    space()
    # The adoption line: one paragraph, its lines broken with Shift+Enter.
    adoption = document.add_paragraph()
    for index, line in enumerate(half.adoption):
        run = adoption.add_run(line)
        if index < len(half.adoption) - 1:
            run.add_break()


def word_file(*halves, bold=False, extra=None, spaced=False):
    """A .docx with the given halves in order; `extra(document)` may add more."""
    document = docx.Document()
    for half in halves:
        add_half(document, half, bold_first_paragraph=bold, spaced=spaced)
    if extra is not None:
        extra(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def paragraphs_file(*texts):
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def tracked_insertion(document):
    """A paragraph with an insertion tracked by Word (<w:ins> around a run)."""
    paragraph = document.paragraphs[2]
    insertion = OxmlElement("w:ins")
    insertion.set(qn("w:id"), "1")
    insertion.set(qn("w:author"), "Editor")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = " қосылған"
    run.append(text)
    insertion.append(run)
    paragraph._p.append(insertion)


def field(document):
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), "PAGE")
    document.paragraphs[2]._p.append(simple)


def macro_enabled(raw):
    """The same package with a VBA project, as Word saves a .docm."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"wordprocessingml.document.main+xml",
                    b"ms-word.document.macroEnabled.main+xml",
                )
            target.writestr(item, data)
        target.writestr("word/vbaProject.bin", b"\x00" * 64)
    return buffer.getvalue()
