"""Parse a bilingual appeal (a Kazakh half and a Russian half, either order) into a ParsedAppeal.

The first step of the import, shared by the admin's upload and `manage.py import_appeal`;
it reads files and writes nothing. A text file is split here; a Word (.docx) file is read by
appeals/parse_word.py into the same numbered lines, so both go through one parser; whether
the halves' bodies pair up, and what to say where they do not, is appeals/align.py. What an
import of the result would do is appeals/plan.py; writing it is appeals/write.py.

Layout of each half, blocks separated by blank lines (whitespace-only lines, NBSP included):
heading (one or more lines) / optional number (a block of digits only) / body (one paragraph
per line; lines starting with a dash or bullet are task-list items) / adoption line(s).
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .align import first_words, misalignment
from .lines import (
    MAX_HEADING_LENGTH,
    MAX_NUMBER_LENGTH,
    AppealFileError,
    Line,
    check_size,
)
from .parse_word import looks_like_word, read_word

KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
ITEM_MARKERS = ("−", "–", "—", "-", "•")  # minus sign, en dash, em dash, hyphen, bullet

# The number line: ASCII digits only (superscripts and other scripts' digits are refused).
NUMBER = re.compile(r"[0-9]+")
# Control characters other than tab, line feed and carriage return (NUL, ESC, ...).
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class BodyElement:
    kind: str  # "paragraph" or "item"
    text: str
    line: int
    html: str = ""  # the paragraph with bold and italic marked (Word files), else ""


@dataclass
class AppealHalf:
    language: str  # "kk" or "ru"
    heading: list[str]
    number: str
    body: list[BodyElement]
    adoption: list[str]
    first_line: int
    word: bool = False  # read from a Word file: its lines are paragraphs

    @property
    def title(self):
        return " ".join(self.heading)

    @property
    def adoption_line(self):
        return "\n".join(self.adoption)

    def counts(self):
        paragraphs = sum(1 for e in self.body if e.kind == "paragraph")
        return paragraphs, len(self.body) - paragraphs


@dataclass
class ParsedAppeal:
    halves: list[AppealHalf] = field(default_factory=list)
    # What a Word file held that is not imported ("2 images", "1 table"), for the preview.
    not_imported: list[str] = field(default_factory=list)
    # Why the halves do not align (only when parsed with allow_misaligned), else "".
    misalignment: str = ""

    @property
    def source(self):
        return self.halves[0]

    @property
    def target(self):
        return self.halves[1]

    def half(self, language):
        return next(h for h in self.halves if h.language == language)

    def with_source(self, language):
        """The same appeal with the half in `language` as the source page."""
        halves = sorted(self.halves, key=lambda half: half.language != language)
        return ParsedAppeal(halves, self.not_imported, self.misalignment)

    @property
    def number(self):
        return next((h.number for h in self.halves if h.number), "")


def for_half(language, kazakh, russian):
    """The message about the Kazakh or the Russian half: one whole sentence per language,
    never a language name put into a sentence (Kazakh and Russian inflect it differently in
    every slot: "қазақ бөлімі", "в казахской части")."""
    return kazakh if language == "kk" else russian


def is_kazakh(text):
    return any(ch in KAZAKH_LETTERS for ch in text)


def has_cyrillic(text):
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def decode(raw: bytes) -> str:
    check_size(raw)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AppealFileError(
            _("The file is not UTF-8 text (invalid byte 0x%(byte)02x at offset %(offset)d).")
            % {"byte": raw[error.start], "offset": error.start}
        ) from error
    return text


def split_blocks(text):
    """Blocks of consecutive non-blank lines, with their line numbers."""
    blocks, current = [], []
    for number, raw_line in enumerate(text.splitlines(), start=1):
        stripped = raw_line.strip()  # str.strip() also removes NBSP
        if not stripped:
            if current:
                blocks.append(current)
                current = []
            continue
        current.append(Line(number, stripped))
    if current:
        blocks.append(current)
    return blocks


def at(line, word):
    """Where a line is, in the editor's terms: the Word paragraph (numbered as a reader
    counts them) or the text file's line, with its first words."""
    values = {"number": line.number, "text": first_words(line.text)}
    if word:
        return _("Word paragraph %(number)d: “%(text)s”") % values
    return _("line %(number)d: “%(text)s”") % values


def _split_halves(blocks, word=False):
    languages = [_block_language(block) for block in blocks]
    kazakh = [i for i, language in enumerate(languages) if language == "kk"]
    russian = [i for i, language in enumerate(languages) if language == "ru"]
    if not kazakh and not russian:
        raise AppealFileError(_("The file holds no Kazakh or Russian text."))
    if not russian:
        raise AppealFileError(
            _("Only Kazakh text was found; the file needs a Kazakh half and a Russian half.")
        )
    if not kazakh:
        raise AppealFileError(
            _("Only Russian text was found; the file needs a Kazakh half and a Russian half.")
        )
    if kazakh[0] < russian[0]:
        # Kazakh first: the Russian half starts after the last block with Kazakh letters.
        boundary = kazakh[-1] + 1
        order = ("kk", "ru")
    else:
        boundary = kazakh[0]
        order = ("ru", "kk")
    first, second = blocks[:boundary], blocks[boundary:]
    halves_languages = (languages[:boundary], languages[boundary:])
    for language, half, half_languages in zip(
        order, (first, second), halves_languages, strict=True
    ):
        stray = [i for i, found in enumerate(half_languages) if found not in (language, None)]
        if stray:
            line = half[stray[0]][0]
            raise AppealFileError(
                for_half(
                    language,
                    _("The Kazakh half is interrupted by text in the other language (%(where)s)."),
                    _("The Russian half is interrupted by text in the other language (%(where)s)."),
                )
                % {"where": at(line, word)}
            )
    return list(zip(order, (first, second), strict=True))


def _block_language(block):
    if any(is_kazakh(ln.text) for ln in block):
        return "kk"
    if any(has_cyrillic(ln.text) for ln in block):
        return "ru"
    return None


def _is_number_block(block):
    """A block of one line of digits (of any script: those that are not 0-9 are refused)."""
    return len(block) == 1 and block[0].text.isdigit()


def _parse_half(language, blocks, word=False):
    for line in (line for block in blocks for line in block):
        control = CONTROL_CHARACTER.search(line.text)
        if control:
            raise AppealFileError(
                for_half(
                    language,
                    _(
                        "The Kazakh half holds a control character (code %(code)d) in "
                        "%(where)s; remove it."
                    ),
                    _(
                        "The Russian half holds a control character (code %(code)d) in "
                        "%(where)s; remove it."
                    ),
                )
                % {"where": at(line, word), "code": ord(control.group())}
            )
    number_blocks = [b for b in blocks if _is_number_block(b)]
    number = number_blocks[0][0].text if number_blocks else ""
    if len(number_blocks) > 1:
        raise AppealFileError(
            for_half(
                language,
                _("The Kazakh half has more than one number block (%(where)s)."),
                _("The Russian half has more than one number block (%(where)s)."),
            )
            % {"where": at(number_blocks[1][0], word)}
        )
    if number and not NUMBER.fullmatch(number):
        raise AppealFileError(
            for_half(
                language,
                _("The number of the Kazakh half must be written with the digits 0-9 (%(where)s)."),
                _(
                    "The number of the Russian half must be written with the digits 0-9 "
                    "(%(where)s)."
                ),
            )
            % {"where": at(number_blocks[0][0], word)}
        )
    if len(number) > MAX_NUMBER_LENGTH:
        raise AppealFileError(
            for_half(
                language,
                _(
                    "The number of the Kazakh half is %(length)d digits long; at most "
                    "%(limit)d (%(where)s)."
                ),
                _(
                    "The number of the Russian half is %(length)d digits long; at most "
                    "%(limit)d (%(where)s)."
                ),
            )
            % {
                "where": at(number_blocks[0][0], word),
                "length": len(number),
                "limit": MAX_NUMBER_LENGTH,
            }
        )
    text_blocks = [b for b in blocks if not _is_number_block(b)]
    if len(text_blocks) < 3:
        raise AppealFileError(
            for_half(
                language,
                _(
                    "The Kazakh half needs a heading, a body and an adoption line, each "
                    "separated by a blank line; it has %(count)d block(s), starting at "
                    "%(where)s."
                ),
                _(
                    "The Russian half needs a heading, a body and an adoption line, each "
                    "separated by a blank line; it has %(count)d block(s), starting at "
                    "%(where)s."
                ),
            )
            % {"where": at(blocks[0][0], word), "count": len(text_blocks)}
        )
    heading, *body_blocks, adoption = text_blocks
    title = " ".join(ln.text for ln in heading)
    if len(title) > MAX_HEADING_LENGTH:
        raise AppealFileError(
            for_half(
                language,
                _(
                    "The heading of the Kazakh half is %(length)d characters long; a heading "
                    "may have at most %(limit)d (%(where)s)."
                ),
                _(
                    "The heading of the Russian half is %(length)d characters long; a heading "
                    "may have at most %(limit)d (%(where)s)."
                ),
            )
            % {
                "where": at(heading[0], word),
                "length": len(title),
                "limit": MAX_HEADING_LENGTH,
            }
        )
    body = []
    for block in body_blocks:
        for line in block:
            if line.text.startswith(ITEM_MARKERS):
                text = line.text.lstrip("".join(ITEM_MARKERS)).strip()
                if text:
                    body.append(BodyElement("item", text, line.number))
            else:
                body.append(BodyElement("paragraph", line.text, line.number))
    return AppealHalf(
        language=language,
        heading=[ln.text for ln in heading],
        number=number,
        body=body,
        adoption=[ln.text for ln in adoption],
        first_line=blocks[0][0].number,
        word=word,
    )


def _check_alignment(source, target):
    message = misalignment(*sorted((source, target), key=lambda half: half.language != "kk"))
    if message:
        raise AppealFileError(message)
    if source.number and target.number and source.number != target.number:
        raise AppealFileError(
            _("The halves carry different numbers: %(a)s and %(b)s.")
            % {"a": source.number, "b": target.number}
        )


def _read(raw: bytes, name: str = ""):
    """(blocks, paragraph HTML by line, not imported, is Word) of a text or Word file."""
    if looks_like_word(raw, name):
        document = read_word(raw)
        if not document.blocks:
            raise AppealFileError(_("The document is empty."))
        return document.blocks, document.html, document.not_imported, True
    text = decode(raw)
    if not text.strip():
        raise AppealFileError(_("The file is empty."))
    return split_blocks(text), {}, [], False


def _with_html(half, html):
    for element in half.body:
        if element.kind == "paragraph":
            element.html = html.get(element.line, "")
    return half


def _aligned(halves, not_imported, allow_misaligned):
    parsed = ParsedAppeal(halves, not_imported)
    try:
        _check_alignment(*halves)
    except AppealFileError as error:
        if not allow_misaligned:
            raise
        parsed.misalignment = str(error)
    return parsed


def parse_appeal(raw: bytes, name: str = "", *, allow_misaligned=False) -> ParsedAppeal:
    """One file (UTF-8 text or Word) holding both halves, in either order."""
    blocks, html, not_imported, word = _read(raw, name)
    halves = [
        _with_html(_parse_half(language, half, word), html)
        for language, half in _split_halves(blocks, word)
    ]
    return _aligned(halves, not_imported, allow_misaligned)


def _file_language(name, blocks):
    languages = {_block_language(block) for block in blocks} - {None}
    if languages == {"kk", "ru"}:
        raise AppealFileError(
            _(
                "“%(name)s” holds both Kazakh and Russian text: upload it alone (one file with "
                "both halves), or one file per language."
            )
            % {"name": name}
        )
    if not languages:
        raise AppealFileError(_("“%(name)s” holds no Kazakh or Russian text.") % {"name": name})
    return languages.pop()


def parse_appeal_files(files, *, allow_misaligned=False) -> ParsedAppeal:
    """One file with both halves, or two files with one language each: [(name, raw), ...]."""
    if len(files) == 1:
        name, raw = files[0]
        return parse_appeal(raw, name, allow_misaligned=allow_misaligned)
    halves, not_imported = [], []
    for name, raw in files:
        try:
            blocks, html, missing, word = _read(raw, name)
        except AppealFileError as error:
            raise AppealFileError(f"“{name}”: {error}") from error
        language = _file_language(name, blocks)
        halves.append(_with_html(_parse_half(language, blocks, word), html))
        not_imported += [f"“{name}”: {item}" for item in missing]
    if halves[0].language == halves[1].language:
        raise AppealFileError(
            for_half(
                halves[0].language,
                _("Both files are in Kazakh; one must be Kazakh and the other Russian."),
                _("Both files are in Russian; one must be Kazakh and the other Russian."),
            )
        )
    return _aligned(halves, not_imported, allow_misaligned)
