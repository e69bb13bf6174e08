"""A translator's queue (issue 21 point 4): the pages missing, outdated or in progress in
their languages, with the segments to do, since when, and the due date an editor set.

Shown on the dashboard (`TranslationQueuePanel`); the due dates are set by Editors and
Moderators from the status report (`DueDateView`) and kept in `TranslationAssignment`.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from .models import TranslationAssignment
from .roles import is_editorial_staff, translator_languages
from .status import IN_PROGRESS, MISSING, OUTDATED, collect_statuses, content_languages

QUEUE_STATES = (OUTDATED, MISSING, IN_PROGRESS)
QUEUE_TITLE = gettext_lazy("Your translation queue")
QUEUE_LIMIT = 25


# --- Due dates ----------------------------------------------------------------------


def report_url(**params):
    """The translation status report, filtered by `params` (language, state)."""
    url = reverse("editorial:translation_status")
    return f"{url}?{urlencode(params)}" if params else url


def attach_due_dates(statuses):
    """Set `due_date` on each status that has a current one (one query). A due date set
    before the source changed again (outdated since later) no longer applies."""
    keys = {status.page.translation_key for status in statuses}
    if not keys:
        return statuses
    assignments = {
        (row.translation_key, row.locale.language_code): row
        for row in TranslationAssignment.objects.filter(translation_key__in=keys).select_related(
            "locale"
        )
    }
    for status in statuses:
        row = assignments.get((status.page.translation_key, status.language_code))
        if row is None:
            continue
        if (
            status.state == OUTDATED
            and status.outdated_since
            and row.set_at < (status.outdated_since)
        ):
            continue
        status.due_date = row.due_date
    return statuses


def due_date_url(status):
    return reverse("editorial:translation_due_date", args=[status.page.pk, status.language_code])


class DueDateForm(forms.Form):
    due_date = forms.DateField(label=gettext_lazy("Due date"), widget=AdminDateInput)


class DueDateView:
    """Editors and Moderators set (or remove) the due date of a page's translation into one
    language."""

    template_name = "editorial/due_date.html"

    @classmethod
    def as_view(cls):
        def view(request, page_id, language_code):
            return cls().dispatch(request, page_id, language_code)

        return view

    def dispatch(self, request, page_id, language_code):
        if not is_editorial_staff(request.user):
            raise PermissionDenied
        page = get_object_or_404(Page, pk=page_id)
        names = dict(content_languages())
        if language_code not in names or language_code == page.locale.language_code:
            raise Http404
        locale = get_object_or_404(Locale, language_code=language_code)
        assignment = TranslationAssignment.objects.filter(
            translation_key=page.translation_key, locale=locale
        ).first()
        next_url = request.POST.get("next") or request.GET.get("next") or ""
        if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
            next_url = ""
        next_url = next_url or reverse("editorial:translation_status")
        if request.method == "POST":
            if "remove" in request.POST:
                if assignment is not None:
                    assignment.delete()
                messages.success(request, _("The due date was removed."))
                return redirect(next_url)
            form = DueDateForm(request.POST)
            if form.is_valid():
                TranslationAssignment.objects.update_or_create(
                    translation_key=page.translation_key,
                    locale=locale,
                    defaults={"due_date": form.cleaned_data["due_date"], "set_by": request.user},
                )
                messages.success(
                    request,
                    _("The translation of “%(title)s” into %(language)s is due on %(date)s.")
                    % {
                        "title": page.get_admin_display_title(),
                        "language": names[language_code],
                        "date": form.cleaned_data["due_date"].strftime("%d.%m.%Y"),
                    },
                )
                return redirect(next_url)
        else:
            form = DueDateForm(initial={"due_date": assignment.due_date if assignment else None})
        return TemplateResponse(
            request,
            self.template_name,
            {
                "form": form,
                "page_title": _("Due date of a translation"),
                "subtitle": f"{page.get_admin_display_title()} → {names[language_code]}",
                "assignment": assignment,
                "next_url": next_url,
            },
        )


# --- The queue ----------------------------------------------------------------------


@dataclass
class QueueItem:
    status: object
    segments: int | None
    since: datetime | None

    @property
    def due_date(self):
        return self.status.due_date

    @property
    def overdue(self):
        return self.due_date is not None and self.due_date < date.today()

    @property
    def action_url(self):
        return self.status.edit_url or self.status.translate_url

    def sort_key(self):
        never = timezone.now()
        return (
            self.due_date is None,
            self.due_date or date.max,
            self.since or never,
            self.status.title,
        )


def _missing_segment_counts(statuses):
    """{page pk: string segments} of pages not translated yet: from their TranslationSource
    when one exists (one query), else extracted from the page as wagtail-localize would."""
    pages = {status.page.pk: status.page for status in statuses}
    if not pages:
        return {}
    counts = {}
    keys = {page.translation_key: page for page in pages.values()}
    sources = (
        TranslationSource.objects.filter(object_id__in=keys)
        .annotate(strings=Count("stringsegment"))
        .values_list("object_id", "locale_id", "strings")
    )
    for key, locale_id, strings in sources:
        page = keys.get(key)
        if page is not None and page.locale_id == locale_id:
            counts[page.pk] = strings
    for pk in set(pages) - set(counts):
        specific = Page.objects.get(pk=pk).specific
        counts[pk] = sum(
            isinstance(segment, StringSegmentValue) for segment in extract_segments(specific)
        )
    return counts


def translator_queue(user, limit=QUEUE_LIMIT):
    """(items, total): the user's queue, soonest due first, then oldest first."""
    languages = translator_languages(user)
    if not languages:
        return [], 0
    statuses = [s for s in collect_statuses(languages) if s.state in QUEUE_STATES]
    attach_due_dates(statuses)
    started = dict(
        Translation.objects.filter(
            id__in=[s.translation_id for s in statuses if s.translation_id]
        ).values_list("id", "created_at")
    )
    items = []
    for status in statuses:
        if status.state == MISSING:
            since = status.page.first_published_at
        elif status.state == OUTDATED:
            since = status.outdated_since
        else:
            since = started.get(status.translation_id) or status.target.latest_revision_created_at
        segments = status.total - status.done if status.translation_id else None
        items.append(QueueItem(status=status, segments=segments, since=since))
    items.sort(key=QueueItem.sort_key)
    shown = items[:limit]
    counts = _missing_segment_counts([i.status for i in shown if i.segments is None])
    for item in shown:
        if item.segments is None:
            item.segments = counts.get(item.status.page.pk)
    return shown, len(items)


class TranslationQueuePanel(Component):
    """Dashboard: the translator's own queue, and a notice of the source pages they
    translate that were published with changes."""

    name = "translation_queue"
    order = 225  # before the summary by language (230)
    template_name = "editorial/panels/translation_queue.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        items, total = translator_queue(self.user)
        languages = translator_languages(self.user)
        return {
            "title": QUEUE_TITLE,
            "items": items,
            "total": total,
            "changed": [item for item in items if item.status.state == OUTDATED],
            "report_url": report_url(**({"language": languages[0]} if len(languages) == 1 else {})),
        }


def queue_shown_to(user):
    return bool(translator_languages(user)) and not is_editorial_staff(user)
