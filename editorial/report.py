"""The translation status report and its dashboard panel (Wagtail's own listing components)."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from .roles import can_see_translation_status, is_editorial_staff, may_start_translation
from .roles import translator_languages as user_translator_languages
from .status import (
    IN_PROGRESS,
    IN_REVIEW,
    MISSING,
    OUTDATED,
    STATE_CHOICES,
    collect_statuses,
    content_languages,
    count_by_state,
)
from .translator_queue import QUEUE_STATES, attach_due_dates, due_date_url, report_url


def visible_languages(user):
    """Editors and Moderators see every language; translators see their own."""
    if is_editorial_staff(user):
        return None
    return user_translator_languages(user)


class TranslationStatusFilterSet(WagtailFilterSet):
    q = django_filters.CharFilter(label=_("Title contains"), method="by_title")
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=content_languages, empty_label=_("All languages")
    )
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=STATE_CHOICES, empty_label=_("Any state")
    )

    def by_title(self, rows, name, value):  # applied to the rows in filter_queryset
        return rows


class TranslationStateColumn(Column):
    cell_template_name = "editorial/tables/translation_state_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        user = getattr(request, "user", None)
        context["row"] = instance
        context["can_translate"] = user is not None and may_start_translation(
            user, instance.language_code
        )
        if user is not None and is_editorial_staff(user) and instance.state in QUEUE_STATES:
            back = urlencode({"next": request.get_full_path()})
            context["due_date_url"] = f"{due_date_url(instance)}?{back}"
        return context


class PageTitleColumn(TitleColumn):
    """The page, linked to what this user can open: Editors and Moderators the source page;
    a translator (who may not edit the source) the translation, or starting it."""

    def get_link_url(self, instance, parent_context):
        request = parent_context.get("request")
        user = getattr(request, "user", None)
        if user is not None and is_editorial_staff(user):
            return instance.source_edit_url
        if instance.edit_url:
            return instance.edit_url
        if user is not None and may_start_translation(user, instance.language_code):
            return instance.translate_url
        return None


# Three things about translations, named apart: this report ("by page"), the dashboard's
# summary ("by language"), and wagtail-localize's list of translation jobs (views.py).
REPORT_TITLE = _("Translation status by page")
PANEL_TITLE = _("Translation summary by language")


class TranslationStatusReportView(ReportView):
    page_title = REPORT_TITLE
    header_icon = "wagtail-localize-language"
    index_url_name = "editorial:translation_status"
    index_results_url_name = "editorial:translation_status_results"
    filterset_class = TranslationStatusFilterSet
    paginate_by = 50
    columns = [
        PageTitleColumn("title", label=_("Page")),
        Column("source_language_name", label=_("Written in")),
        Column("language_name", label=_("Language")),
        TranslationStateColumn("state_label", label=_("State")),
    ]
    list_export = [
        "title",
        "source_language_name",
        "language_name",
        "state",
        "done",
        "total",
        "outdated_since",
        "due_date",
    ]
    export_headings = {
        "title": _("Page"),
        "source_language_name": _("Written in"),
        "language_name": _("Language"),
        "state": _("State"),
        "done": _("Translated segments"),
        "total": _("Segments"),
        "outdated_since": _("Outdated since"),
        "due_date": _("Due date"),
    }
    export_filename = "translation-status"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_translation_status(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "queryset": Page.objects.none()}

    def get_queryset(self):
        return attach_due_dates(collect_statuses(visible_languages(self.request.user)))

    def filter_queryset(self, rows):
        if not (self.filters and self.filters.is_valid()):
            return rows
        language = self.filters.form.cleaned_data.get("language")
        state = self.filters.form.cleaned_data.get("state")
        words = (self.filters.form.cleaned_data.get("q") or "").casefold().split()
        return [
            row
            for row in rows
            if (not language or row.language_code == language)
            and (not state or row.state == state)
            and all(word in row.title.casefold() for word in words)
        ]


class TranslationStatusPanel(Component):
    """Dashboard: what waits, in the languages that concern this user."""

    name = "translation_status"
    order = 230  # after "Your pages in workflow" (210) and "Awaiting your review" (220)
    template_name = "editorial/panels/translation_status.html"
    shown_states = [OUTDATED, IN_PROGRESS, IN_REVIEW, MISSING]

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        languages = visible_languages(self.user)
        statuses = collect_statuses(languages)
        labels = dict(STATE_CHOICES)
        rows = []
        for code, name in content_languages():
            if languages is not None and code not in languages:
                continue
            counts = count_by_state(status for status in statuses if status.language_code == code)
            rows.append(
                {
                    "language": name,
                    "cells": [
                        {
                            "label": labels[state],
                            "count": counts[state],
                            "url": report_url(language=code, state=state),
                        }
                        for state in self.shown_states
                    ],
                }
            )
        return {
            "title": PANEL_TITLE,
            "report_title": REPORT_TITLE,
            "rows": rows,
            "headings": [labels[state] for state in self.shown_states],
            "report_url": report_url(),
        }
