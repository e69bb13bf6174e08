"""Parse a bilingual appeal text file (a Kazakh half and a Russian half, either order).

Layout of each half, blocks separated by blank lines (whitespace-only lines, NBSP included):
heading (one or more lines) / optional number (a block of digits only) / body (one paragraph
per line; lines starting with a dash or bullet are task-list items) / adoption line(s).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
ITEM_MARKERS = ("−", "–", "—", "-", "•")  # minus sign, en dash, em dash, hyphen, bullet


class AppealFileError(ValueError):
    """The file cannot be imported; the message says why, for a person."""


@dataclass
class Line:
    number: int  # 1-based line number in the file
    text: str


@dataclass
class BodyElement:
    kind: str  # "paragraph" or "item"
    text: str
    line: int


@dataclass
class AppealHalf:
    language: str  # "kk" or "ru"
    heading: list[str]
    number: str
    body: list[BodyElement]
    adoption: list[str]
    first_line: int

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

    @property
    def source(self):
        return self.halves[0]

    @property
    def target(self):
        return self.halves[1]

    def half(self, language):
        return next(h for h in self.halves if h.language == language)

    @property
    def number(self):
        return next((h.number for h in self.halves if h.number), "")


def language_name(code):
    return {"kk": _("Kazakh"), "ru": _("Russian")}.get(code, code)


def is_kazakh(text):
    return any(ch in KAZAKH_LETTERS for ch in text)


def has_cyrillic(text):
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def decode(raw: bytes) -> str:
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


def _split_halves(blocks):
    kazakh = [i for i, block in enumerate(blocks) if any(is_kazakh(ln.text) for ln in block)]
    russian = [
        i
        for i, block in enumerate(blocks)
        if any(has_cyrillic(ln.text) for ln in block) and i not in kazakh
    ]
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
    for language, half in zip(order, (first, second), strict=True):
        stray = [i for i in range(len(half)) if _block_language(half[i]) not in (language, None)]
        if stray:
            line = half[stray[0]][0]
            raise AppealFileError(
                _(
                    "The %(half)s half is interrupted by text in the other language at line "
                    "%(line)d: “%(text)s”."
                )
                % {"half": language_name(language), "line": line.number, "text": line.text[:80]}
            )
    return list(zip(order, (first, second), strict=True))


def _block_language(block):
    if any(is_kazakh(ln.text) for ln in block):
        return "kk"
    if any(has_cyrillic(ln.text) for ln in block):
        return "ru"
    return None


def _parse_half(language, blocks):
    name = language_name(language)
    number_blocks = [b for b in blocks if len(b) == 1 and b[0].text.isdigit()]
    number = number_blocks[0][0].text if number_blocks else ""
    if len(number_blocks) > 1:
        raise AppealFileError(
            _("The %(half)s half has more than one number block (line %(line)d).")
            % {"half": name, "line": number_blocks[1][0].number}
        )
    text_blocks = [b for b in blocks if b not in number_blocks]
    if len(text_blocks) < 3:
        raise AppealFileError(
            _(
                "The %(half)s half (from line %(line)d) needs a heading, a body and an adoption "
                "line, each separated by a blank line; it has %(count)d block(s)."
            )
            % {"half": name, "line": blocks[0][0].number, "count": len(text_blocks)}
        )
    heading, *body_blocks, adoption = text_blocks
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
    )


def _check_alignment(source, target):
    if source.counts() != target.counts():
        (sp, si), (tp, ti) = source.counts(), target.counts()
        first_difference = next(
            ((s, t) for s, t in zip(source.body, target.body, strict=False) if s.kind != t.kind),
            None,
        )
        detail = ""
        if first_difference:
            s, t = first_difference
            detail = " " + _(
                "The first difference: line %(sline)d of the %(shalf)s half is a %(skind)s, "
                "line %(tline)d of the %(thalf)s half is a %(tkind)s."
            ) % {
                "sline": s.line,
                "shalf": language_name(source.language),
                "skind": _kind_name(s.kind),
                "tline": t.line,
                "thalf": language_name(target.language),
                "tkind": _kind_name(t.kind),
            }
        raise AppealFileError(
            _(
                "The halves do not align: the %(shalf)s half has %(sp)d paragraphs and %(si)d "
                "task-list items, the %(thalf)s half has %(tp)d paragraphs and %(ti)d items."
            )
            % {
                "shalf": language_name(source.language),
                "sp": sp,
                "si": si,
                "thalf": language_name(target.language),
                "tp": tp,
                "ti": ti,
            }
            + detail
        )
    for s, t in zip(source.body, target.body, strict=True):
        if s.kind != t.kind:
            raise AppealFileError(
                _(
                    "The halves do not align: line %(sline)d of the %(shalf)s half is a "
                    "%(skind)s but the matching line %(tline)d of the %(thalf)s half is a "
                    "%(tkind)s."
                )
                % {
                    "sline": s.line,
                    "shalf": language_name(source.language),
                    "skind": _kind_name(s.kind),
                    "tline": t.line,
                    "thalf": language_name(target.language),
                    "tkind": _kind_name(t.kind),
                }
            )
    if source.number and target.number and source.number != target.number:
        raise AppealFileError(
            _("The halves carry different numbers: %(a)s and %(b)s.")
            % {"a": source.number, "b": target.number}
        )


def _kind_name(kind):
    return _("paragraph") if kind == "paragraph" else _("task-list item")


def parse_appeal(raw: bytes) -> ParsedAppeal:
    text = decode(raw)
    if not text.strip():
        raise AppealFileError(_("The file is empty."))
    blocks = split_blocks(text)
    halves = [_parse_half(language, half) for language, half in _split_halves(blocks)]
    _check_alignment(*halves)
    return ParsedAppeal(halves)
