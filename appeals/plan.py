"""What importing an appeal would do, decided once: the AppealImport the preview shows and the
confirm writes.

An AppealImport is built from the uploaded file(s) (parsed by appeals/parse.py, misaligned
halves allowed so that the preview can show where they diverge): the two halves and their
languages, the file names, and the page an import would update (found by number, else by
slug) or None for a new appeal, with the reason that page cannot be updated now (a language
version in review or locked). The admin keeps it in the person's session between the upload
and the confirm (`session_data`, `from_session_data`; the parsed halves only, never the
files), and the confirm hands it to appeals/write.py. It reads the page tree and writes
nothing.

The page is looked up again each time the plan is read back from the session, and once more
by the write inside its transaction: the tree may change in the minutes between upload and
confirm.
"""

import dataclasses
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from wagtail_localize.models import TranslationSource

from core.slugs import ascii_slug

from .lines import AppealFileError
from .models import AppealPage
from .parse import AppealHalf, BodyElement, ParsedAppeal, language_name, parse_appeal_files

SLUG_LENGTH = 60


def page_slug(half: AppealHalf, number=""):
    """The slug of the page a half becomes: the appeal's number, then the ASCII heading."""
    base = ascii_slug(half.title, SLUG_LENGTH)
    number = number or half.number
    return f"{number}-{base}"[:SLUG_LENGTH].strip("-") if number else base


def existing_source_page(parsed: ParsedAppeal):
    """The page an earlier import made (by number, else by slug), in its source language."""
    match = None
    if parsed.number:
        match = AppealPage.objects.filter(number=parsed.number).first()
    if match is None:
        for half in parsed.halves:
            match = AppealPage.objects.filter(
                slug=page_slug(half, parsed.number), locale__language_code=half.language
            ).first()
            if match:
                break
    if match is None:
        return None
    source = (
        TranslationSource.objects.filter(object_id=match.translation_key)
        .select_related("locale")
        .first()
    )
    if source is None:
        return match
    return match.get_translation(source.locale)


def refuse_if_busy(existing):
    """An update never touches a language version under review or locked: it would publish
    over the review or cancel it (WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH)."""
    for version in existing.get_translations(inclusive=True).select_related("locale"):
        name = language_name(version.locale.language_code)
        if version.workflow_in_progress:
            raise AppealFileError(
                _(
                    "The %(half)s version of this appeal (“%(title)s”) is in review; it cannot "
                    "be updated until a moderator approves or rejects it."
                )
                % {"half": name, "title": version.title}
            )
        if version.locked:
            raise AppealFileError(
                _(
                    "The %(half)s version of this appeal (“%(title)s”) is locked; ask the person "
                    "who locked it, or a moderator, to unlock it first."
                )
                % {"half": name, "title": version.title}
            )


@dataclass
class AppealImport:
    parsed: ParsedAppeal
    names: list[str] = field(default_factory=list)  # the uploaded files' names
    existing: AppealPage | None = None  # the source page an import updates; None: creates
    busy: str = ""  # why `existing` cannot be updated now, else ""

    @classmethod
    def of(cls, parsed: ParsedAppeal, names=()):
        """The plan for a parsed appeal, with the page it would update looked up now."""
        existing, busy = existing_source_page(parsed), ""
        if existing is not None:
            try:
                refuse_if_busy(existing)
            except AppealFileError as error:
                busy = str(error)
        return cls(parsed, list(names), existing, busy)

    @classmethod
    def from_files(cls, files):
        """Parse the upload, [(name, raw), ...], and plan it; AppealFileError if unreadable."""
        parsed = parse_appeal_files(files, allow_misaligned=True)
        return cls.of(parsed, [name for name, _raw in files])

    @property
    def problem(self):
        """Why the confirm is refused (halves that do not align, a page in review or
        locked), else ""."""
        return self.parsed.misalignment or self.busy

    def session_data(self):
        """What the session keeps: the parsed halves and the file names (JSON-serialisable)."""
        return {"names": self.names, "parsed": dataclasses.asdict(self.parsed)}

    @classmethod
    def from_session_data(cls, data):
        parsed = data["parsed"]
        halves = [
            AppealHalf(**{**half, "body": [BodyElement(**element) for element in half["body"]]})
            for half in parsed["halves"]
        ]
        return cls.of(
            ParsedAppeal(halves, parsed["not_imported"], parsed["misalignment"]), data["names"]
        )
