"""What both appeal readers share: the error they raise, the line they yield, the limits.

The text parser (appeals/parse.py) and the Word reader (appeals/parse_word.py) both turn a
file into numbered lines and both refuse a file with an AppealFileError whose message is
meant for the person who uploaded it. Those pieces live here, below both readers, so that
the imports go one way: parse → parse_word → lines.

The limits are the ones stated to the people who import (README, "Importing an appeal");
the upload page shows them too.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_HEADING_LENGTH = 255  # a page title
MAX_NUMBER_LENGTH = 32  # AppealPage.number
# Word files: what the document may unpack to, and how many non-empty paragraphs it may have.
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_PARAGRAPHS = 2000


class AppealFileError(ValueError):
    """The file cannot be imported; the message says why, for a person."""


@dataclass
class Line:
    # 1-based line number in a text file; in a Word file, the paragraph's number counting
    # only the paragraphs with text (empty ones are spacing to a reader, not paragraphs).
    number: int
    text: str


def check_size(raw: bytes):
    if len(raw) > MAX_FILE_BYTES:
        raise AppealFileError(
            _("The file is %(size)d KB; an appeal file may be at most %(limit)d KB.")
            % {"size": len(raw) // 1024, "limit": MAX_FILE_BYTES // 1024}
        )
