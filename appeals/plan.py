"""What importing an appeal would do, decided once: the AppealImport the preview shows and the
confirm writes.

An AppealImport is built from the uploaded file(s) (parsed by appeals/parse.py, misaligned
halves allowed so that the preview can show where they diverge): the two halves and their
languages, the file names, and the page an import would update (found by number, else by
slug and title) or None for a new appeal, with the reason that page cannot be updated now (a
language version in review or locked). The admin keeps it in the person's session between the
upload and the confirm (`session_data`, `from_session_data`; the parsed halves only, never the
files), and the confirm hands it to appeals/write.py. It reads the page tree and writes
nothing.

The page is looked up again each time the plan is read back from the session, and once more
by the write inside its transaction: the tree may change in the minutes between upload and
confirm.
"""

import dataclasses
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from wagtail_localize.models import TranslationSource

from core.slugs import SLUG_MAX_LENGTH, ascii_slug

from .lines import AppealFileError
from .models import AppealPage
from .parse import AppealHalf, BodyElement, ParsedAppeal, parse_appeal_files

SLUG_LENGTH = 60


def page_slug(half: AppealHalf, number=""):
    """The slug of the page a half becomes: the appeal's number, then the ASCII heading, cut
    at a word (`-2`, `-3`... when another appeal has it: core/slugs.py)."""
    number = number or half.number
    return ascii_slug(f"{number} {half.title}", SLUG_LENGTH)


def _is_titled(page, half: AppealHalf):
    """The page is this half's appeal: its title is the half's, written the same way as far as
    an address can tell (case, punctuation and Kazakh letters aside), to the last word."""
    titles = {page.title, page.draft_title}
    whole = ascii_slug(half.title, SLUG_MAX_LENGTH)
    return any(ascii_slug(title, SLUG_MAX_LENGTH) == whole for title in titles)


def existing_source_page(parsed: ParsedAppeal):
    """The page an earlier import made, in its source language: by number, else by slug and
    title (a slug keeps only the title's first words, which two appeals may share)."""
    match = None
    if parsed.number:
        match = AppealPage.objects.filter(number=parsed.number).first()
    if match is None:
        for half in parsed.halves:
            same_start = AppealPage.objects.filter(
                slug__startswith=page_slug(half, parsed.number),
                locale__language_code=half.language,
            ).order_by("path")
            match = next((page for page in same_start if _is_titled(page, half)), None)
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


def _person(user):
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


def _when(moment):
    return date_format(localtime(moment), "DATETIME_FORMAT")


def _reviewers(task):
    """The people who may decide the task (its groups' active members), else its groups."""
    groups = list(task.groups.all()) if hasattr(task, "groups") else []
    users = get_user_model().objects.filter(groups__in=groups, is_active=True).distinct()
    names = sorted({_person(user) for user in users})
    return names or sorted(group.name for group in groups)


def _in_review(versions):
    """Which versions are in review, who submitted them when, who decides, what to do."""
    titles = {version.locale.language_code: version.title for version in versions}
    if len(versions) == 2:
        sentences = [
            _(
                "Both versions of this appeal (“%(kazakh_title)s” and “%(russian_title)s”) "
                "are in review."
            )
            % {"kazakh_title": titles.get("kk", ""), "russian_title": titles.get("ru", "")}
        ]
    elif "kk" in titles:
        sentences = [
            _("The Kazakh version of this appeal (“%(title)s”) is in review.")
            % {"title": titles["kk"]}
        ]
    else:
        sentences = [
            _("The Russian version of this appeal (“%(title)s”) is in review.")
            % {"title": titles["ru"]}
        ]
    state = versions[0].current_workflow_state
    submitted = {"person": _person(state.requested_by), "date": _when(state.created_at)}
    if len(versions) == 2:
        sentences.append(_("They were submitted for review by %(person)s (%(date)s).") % submitted)
    else:
        sentences.append(_("It was submitted for review by %(person)s (%(date)s).") % submitted)
    task_state = state.current_task_state
    if task_state is not None:
        task = task_state.task.specific
        sentences.append(
            _("Reviewers (task “%(task)s”): %(reviewers)s.")
            % {"task": task.name, "reviewers": ", ".join(_reviewers(task)) or "—"}
        )
    sentences.append(
        _(
            "Until the review ends, the appeal cannot be updated: wait for the reviewers to "
            "approve it or to request changes, or ask a moderator to cancel the workflow; "
            "then upload the files again."
        )
    )
    return " ".join(sentences)


def _locked(version):
    values = {"title": version.title}
    if version.locale.language_code == "kk":
        sentence = _("The Kazakh version of this appeal (“%(title)s”) is locked.") % values
    else:
        sentence = _("The Russian version of this appeal (“%(title)s”) is locked.") % values
    sentences = [sentence]
    if version.locked_by is not None and version.locked_at is not None:
        sentences.append(
            _("It was locked by %(person)s (%(date)s).")
            % {"person": _person(version.locked_by), "date": _when(version.locked_at)}
        )
    sentences.append(
        _(
            "Ask the person who locked it, or a moderator, to unlock it; then upload the files "
            "again."
        )
    )
    return " ".join(sentences)


def busy_reason(existing):
    """Why `existing` cannot be updated now (a version in review or locked), else "".

    An update never touches a language version under review or locked: it would publish
    over the review or cancel it (WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH). The reason says who
    holds the page and what to do, once."""
    versions = sorted(
        existing.get_translations(inclusive=True).select_related("locale", "locked_by"),
        key=lambda version: version.pk != existing.pk,  # the source first
    )
    in_review = [version for version in versions if version.workflow_in_progress]
    if in_review:
        return _in_review(in_review)
    locked = [version for version in versions if version.locked]
    return _locked(locked[0]) if locked else ""


def refuse_if_busy(existing):
    """AppealFileError when `existing` cannot be updated now (busy_reason)."""
    reason = busy_reason(existing)
    if reason:
        raise AppealFileError(reason)


@dataclass
class AppealImport:
    parsed: ParsedAppeal
    names: list[str] = field(default_factory=list)  # the uploaded files' names
    existing: AppealPage | None = None  # the source page an import updates; None: creates
    busy: str = ""  # why `existing` cannot be updated now, else ""

    @classmethod
    def of(cls, parsed: ParsedAppeal, names=()):
        """The plan for a parsed appeal, with the page it would update looked up now."""
        existing = existing_source_page(parsed)
        busy = busy_reason(existing) if existing is not None else ""
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
