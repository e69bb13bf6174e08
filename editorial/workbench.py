"""What changed, shown where the translator works (issue 21, point 1).

When a source page is published with changed text, `editorial.translations.sync_source`
records each changed segment (`OutdatedSegment`: the previous source text, its translation,
when and by whom the source changed). Here, for wagtail-localize's translation editor:

- `word_diff` marks the words that changed between the previous and the new source text
  (rich-text tags such as `<a id="a1">` count as one word each, as the editor shows them);
- `prefill` gives each changed segment that has no translation yet the previous translation
  as its starting point, in the editor's props only: it is never saved as a
  `StringTranslation`, so it is not counted as translated, and the translation cannot be
  submitted or published until the translator saves each such segment. The editor shows it
  with an error comment ("needs review"), which its own save replaces;
- `editor_data` is what our companion script (editorial/static/editorial/workbench.js) puts
  on each changed segment, and the header's notice with the count of segments that need
  work.
"""

import difflib
import re

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.utils import get_user_display_name
from wagtail_localize.models import StringSegment

from .models import OutdatedSegment, OutdatedTranslation

# A rich-text tag, a word (letters and digits of any script: Kazakh әғқңөұүһі included), a run
# of spaces, or any other single character (punctuation).
TOKEN = re.compile(r"<[^<>]*>|\w+|\s+|[^\w\s]", re.UNICODE)


def tokens(text):
    return TOKEN.findall(text or "")


def word_diff(old, new):
    """(old parts, new parts): each a list of [text, changed], where `changed` marks the words
    of `old` that are gone and the words of `new` that are new. Joining the texts of each
    side gives back `old` and `new`."""
    a, b = tokens(old), tokens(new)
    old_parts, new_parts = [], []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old_parts.extend([token, tag != "equal"] for token in a[i1:i2])
        new_parts.extend([token, tag != "equal"] for token in b[j1:j2])
    return _joined(old_parts), _joined(new_parts)


def _joined(parts):
    """One mark over "two words" rather than one on each: a space between two changed words
    is part of the change, and spaces at the edges of a change stay outside its mark. Then
    neighbours with the same mark become one part."""
    for index in range(1, len(parts) - 1):
        text, changed = parts[index]
        if not changed and text.isspace() and parts[index - 1][1] and parts[index + 1][1]:
            parts[index][1] = True
    trimmed = []
    for text, changed in _coalesced(parts):
        core = text.strip() if changed else text
        if changed and core:
            start = text.index(core)
            trimmed += [[text[:start], False], [core, True], [text[start + len(core) :], False]]
        else:
            trimmed.append([text, False])
    return _coalesced(part for part in trimmed if part[0])


def _coalesced(parts):
    joined = []
    for text, changed in parts:
        if joined and joined[-1][1] == changed:
            joined[-1][0] += text
        else:
            joined.append([text, changed])
    return joined


def when(moment):
    return date_format(localtime(moment), "DATETIME_FORMAT")


def changed_label(record):
    if record.changed_by is not None:
        return _("Changed since the translation on %(date)s by %(user)s.") % {
            "date": when(record.changed_at),
            "user": get_user_display_name(record.changed_by),
        }
    return _("Changed since the translation on %(date)s.") % {"date": when(record.changed_at)}


def needs_review_comment():
    return _(
        "Needs review: this is the translation of the previous text. Check it against the new "
        "text and save it."
    )


class Workbench:
    """The changes of one translation, as its editor shows them (built once per request)."""

    def __init__(self, translation, props):
        self.translation = translation
        self.outdated = (
            OutdatedTranslation.objects.filter(translation=translation)
            .select_related("translation__source__locale")
            .first()
        )
        string_ids = [s["id"] for s in props["segments"] if s["type"] == "string"]
        self.segment_ids = string_ids
        initial = props["initialStringTranslations"]
        # Open: no translation, or one with an error (neither counts as translated).
        translated = {t["segment_id"] for t in initial if not t.get("error")}
        self.open_ids = [pk for pk in string_ids if pk not in translated]
        self.unstarted = set(string_ids) - {t["segment_id"] for t in initial}
        self.records = {}
        if self.outdated is None:
            return
        by_place = {
            (r.context_id, r.string_id): r
            for r in OutdatedSegment.objects.filter(outdated=self.outdated).select_related(
                "changed_by"
            )
        }
        places = StringSegment.objects.filter(pk__in=string_ids).values_list(
            "pk", "context_id", "string_id"
        )
        for pk, context_id, string_id in places:
            record = by_place.get((context_id, string_id))
            if record is not None:
                self.records[pk] = record

    def prefill(self, props):
        """Changed segments without a translation start from the previous translation, shown
        with a "needs review" error until the translator saves them. Props only."""
        for pk in self.open_ids:
            record = self.records.get(pk)
            if record is None or not record.old_translation or pk not in self.unstarted:
                continue
            props["initialStringTranslations"].append(
                {
                    "segment_id": pk,
                    "data": record.old_translation,
                    "error": needs_review_comment(),
                    "comment": needs_review_comment(),
                    "last_translated_by": None,
                }
            )
        return props

    def segments_data(self, segments_by_id):
        data = {}
        for pk, record in self.records.items():
            old_parts, new_parts = word_diff(record.old_source, segments_by_id[pk]["source"])
            data[str(pk)] = {
                "label": changed_label(record),
                "old": old_parts,
                "new": new_parts,
                "prefilled": pk in self.unstarted and bool(record.old_translation),
            }
        return data

    def notice(self):
        """The header's sentence, and the count sentence for every count the editor may
        reach (the script shows the one for the segments still open)."""
        if self.outdated is None:
            return None
        source = self.outdated.translation.source
        return {
            "text": _("This translation is out of date: the %(language)s text changed on %(date)s.")
            % {"language": source.locale.get_display_name(), "date": when(self.outdated.since)},
            "open": len(self.open_ids),
            "current": count_sentence(len(self.open_ids)),
            "counts": [count_sentence(n) for n in range(len(self.segment_ids) + 1)],
        }


def count_sentence(count):
    if count == 0:
        return _(
            "No segment needs work now: submit the translation for review or publish it to bring "
            "the page up to date."
        )
    return ngettext("%(count)s segment needs work.", "%(count)s segments need work.", count) % {
        "count": count
    }


def editor_data(workbench, props):
    """The JSON for workbench.js: changed segments and the words the script says."""
    segments_by_id = {s["id"]: s for s in props["segments"] if s["type"] == "string"}
    return {
        "segments": workbench.segments_data(segments_by_id),
        "notice": workbench.notice(),
        "sourceLanguage": workbench.translation.source.locale.language_code,
        "words": {
            "needsReview": _("Needs review"),
            "previous": _("Previous text"),
            "new": _("New text"),
            "deleted": _("deleted:"),
            "inserted": _("inserted:"),
            "end": _("end of change"),
        },
    }
