"""Word (.docx) appeals, read with python-docx into the blocks the text parser reads.

Called by appeals/parse.py only; it yields numbered lines (appeals/lines.py) grouped in
blocks, as a text file gives, so one parser handles both kinds of file.

What is imported: the document's paragraphs in order, each a block of its own (consecutive
Heading/Title paragraphs form one heading block), Word bullet and numbered lists as
task-list items, bold and italic inside paragraphs. What is not (reported in the preview,
never silently dropped): images, tables, comments, tracked changes, fields, footnotes and
text boxes. Refused with a message: files that are not .docx (a password-protected file
is an encrypted container, not a zip), macro-enabled documents, documents that unpack to
more than MAX_UNPACKED_BYTES, more than MAX_PARAGRAPHS paragraphs.
"""

import io
import zipfile
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .lines import MAX_PARAGRAPHS, MAX_UNPACKED_BYTES, AppealFileError, Line, check_size

ZIP_MAGIC = b"PK\x03\x04"
# Encrypted Office files (and the old .doc format) are OLE compound files.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class WordDocument:
    blocks: list[list[Line]]
    html: dict[int, str] = field(default_factory=dict)  # paragraph number → paragraph HTML
    not_imported: list[str] = field(default_factory=list)


def looks_like_word(raw: bytes, name: str = "") -> bool:
    return raw.startswith((ZIP_MAGIC, OLE_MAGIC)) or name.lower().endswith(
        (".docx", ".docm", ".doc")
    )


def _invalid():
    return AppealFileError(
        _("This is not a valid Word (.docx) file: open it in Word and save it as .docx again.")
    )


def _open(raw: bytes):
    check_size(raw)
    if raw.startswith(OLE_MAGIC):
        raise AppealFileError(
            _(
                "This Word file is password-protected or in the old .doc format: save it as "
                ".docx without a password."
            )
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
        content_types = (
            archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
        )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, ValueError) as error:
        raise _invalid() from error
    if "word/document.xml" not in names:
        raise _invalid()
    if "word/vbaProject.bin" in names or b"macroEnabled" in content_types:
        raise AppealFileError(
            _(
                "This Word file contains macros (.docm); save it as a plain Word document "
                "(.docx) first."
            )
        )
    if unpacked > MAX_UNPACKED_BYTES:
        raise AppealFileError(
            _("This Word file unpacks to %(size)d MB; at most %(limit)d MB.")
            % {"size": unpacked // 2**20, "limit": MAX_UNPACKED_BYTES // 2**20}
        )
    import docx

    try:
        return docx.Document(io.BytesIO(raw))
    except Exception as error:  # python-docx raises several kinds on a damaged package
        raise _invalid() from error


def _count(element, *tags):
    return sum(len(element.findall(f".//{W}{tag}")) for tag in tags)


def _not_imported(document):
    body = document.element.body
    found = [
        (
            _count(body, "drawing", "pict", "object"),
            lambda n: ngettext("%(count)d image", "%(count)d images", n),
        ),
        (
            len(body.findall(f"{W}tbl")),
            lambda n: ngettext("%(count)d table", "%(count)d tables", n),
        ),
        (
            _count(body, "commentReference"),
            lambda n: ngettext("%(count)d comment", "%(count)d comments", n),
        ),
        (
            _count(body, "ins", "del", "moveFrom", "moveTo"),
            lambda n: ngettext("%(count)d tracked change", "%(count)d tracked changes", n),
        ),
        (
            _count(body, "fldSimple")
            + len(body.findall(f".//{W}fldChar[@{W}fldCharType='begin']")),
            lambda n: ngettext("%(count)d field", "%(count)d fields", n),
        ),
        (
            _count(body, "footnoteReference", "endnoteReference"),
            lambda n: ngettext("%(count)d footnote", "%(count)d footnotes", n),
        ),
        (
            _count(body, "txbxContent"),
            lambda n: ngettext("%(count)d text box", "%(count)d text boxes", n),
        ),
    ]
    return [message(count) % {"count": count} for count, message in found if count]


def _is_heading(paragraph):
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    return name.startswith(("Heading", "Title"))


def _is_list_item(paragraph):
    properties = paragraph._p.pPr
    if properties is not None and properties.numPr is not None:
        return True
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    return name.startswith("List")


def _html(paragraph):
    """The paragraph with its bold and italic runs marked, or "" when it has none."""
    pieces, formatted = [], False
    for run in paragraph.runs:
        text = escape(run.text)
        if not text:
            continue
        if run.italic:
            text, formatted = f"<i>{text}</i>", True
        if run.bold:
            text, formatted = f"<b>{text}</b>", True
        pieces.append(text)
    html = "".join(pieces).replace("</b><b>", "").replace("</i><i>", "")
    return html.strip() if formatted else ""


def read_word(raw: bytes) -> WordDocument:
    document = _open(raw)
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    if len(paragraphs) > MAX_PARAGRAPHS:
        raise AppealFileError(
            _("The document has %(count)d paragraphs; an appeal may have at most %(limit)d.")
            % {"count": len(paragraphs), "limit": MAX_PARAGRAPHS}
        )
    blocks, html = [], {}
    previous_heading = False
    number = 0  # the paragraph's place among those with text, as a reader counts them
    for paragraph in document.paragraphs:
        # A line break inside a paragraph (Shift+Enter: an adoption line of two lines)
        # makes lines of one block, as in a text file.
        lines = [" ".join(part.split()) for part in paragraph.text.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            previous_heading = False
            continue
        number += 1
        heading = _is_heading(paragraph)
        if _is_list_item(paragraph) and not heading:
            lines = ["− " + line for line in lines]
        if heading and previous_heading:
            blocks[-1].extend(Line(number, line) for line in lines)
        else:
            blocks.append([Line(number, line) for line in lines])
        previous_heading = heading
        marked = _html(paragraph)
        if marked and not heading and len(lines) == 1:
            html[number] = marked
    return WordDocument(blocks, html, _not_imported(document))
