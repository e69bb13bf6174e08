"""The admin's "Import appeal": upload, preview side by side, confirm into the workflow.

The flow, one step after the other: `upload` reads the file(s) into an AppealImport
(appeals/plan.py, which parses them with appeals/parse.py) and keeps it in the person's
session; `preview` reads it back and renders it; its confirm hands it to
appeals/write.py (`confirm_import`). Upload: one file with both halves or one file per
language, UTF-8 text or Word (.docx). Nothing is written before the confirm: the plan waits
in the session for PREVIEW_SECONDS (the files themselves are never stored). Confirm writes
the source page and its wagtail-localize translation as drafts and submits both to
moderation, or, for a Moderator who ticks "Publish now", publishes both: one transaction,
the parser and writer of `manage.py import_appeal`.
"""

import secrets
import time
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy, pgettext
from django.utils.translation import gettext as _

from .align import list_items, pair_up, paragraphs
from .lines import MAX_FILE_BYTES, MAX_PARAGRAPHS, AppealFileError
from .models import AppealIndexPage
from .plan import AppealImport
from .write import confirm_import

PREVIEW_SECONDS = 30 * 60
SESSION_KEY = "appeal_imports"
EXTENSIONS = (".txt", ".docx")


def can_import(user):
    """Editors and Moderators (editorial/setup.py grants them the permission); checked on
    every admin page for the menu, from the permissions Django has already loaded."""
    return user.is_active and user.has_perm("appeals.import_appeal")


def can_publish_now(user):
    """Whoever may publish appeals in every language (Moderators) may skip moderation."""
    indexes = list(AppealIndexPage.objects.all())
    return (
        user.is_active
        and bool(indexes)
        and all(index.permissions_for_user(user).can_publish_subpage() for index in indexes)
    )


def _check_file(upload):
    if upload is None:
        return None
    if not upload.name.lower().endswith(EXTENSIONS):
        raise forms.ValidationError(
            _("“%(name)s” is neither a text (.txt) nor a Word (.docx) file.")
            % {"name": upload.name}
        )
    if upload.size > MAX_FILE_BYTES:
        raise forms.ValidationError(
            _("“%(name)s” is %(size)d KB; an appeal file may be at most %(limit)d KB.")
            % {"name": upload.name, "size": upload.size // 1024, "limit": MAX_FILE_BYTES // 1024}
        )
    return upload


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Appeal file"),
        help_text=gettext_lazy(
            "One file with both halves (Kazakh and Russian, in either order), or the file of "
            "one language with the other language's file below."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx"}),
    )
    second_file = forms.FileField(
        label=gettext_lazy("File in the other language (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx"}),
    )

    def clean_file(self):
        return _check_file(self.cleaned_data.get("file"))

    def clean_second_file(self):
        return _check_file(self.cleaned_data.get("second_file"))

    def clean(self):
        cleaned = super().clean()
        uploads = [cleaned.get(name) for name in ("file", "second_file")]
        uploads = [upload for upload in uploads if upload is not None]
        if self.errors or not uploads:
            return cleaned
        try:
            files = [(upload.name, upload.read()) for upload in uploads]
            cleaned["plan"] = AppealImport.from_files(files)
        except AppealFileError as error:
            raise forms.ValidationError(str(error)) from error
        return cleaned


# --- The session's copy of the plan ---------------------------------------------------------


def _store(request, plan):
    imports = _fresh_imports(request)
    token = secrets.token_urlsafe(16)
    imports[token] = {"created": time.time(), **plan.session_data()}
    request.session[SESSION_KEY] = imports
    return token


def _fresh_imports(request):
    """The session's pending imports, without the expired ones (dropped here)."""
    now = time.time()
    imports = {
        token: entry
        for token, entry in request.session.get(SESSION_KEY, {}).items()
        if now - entry.get("created", 0) < PREVIEW_SECONDS
    }
    if imports != request.session.get(SESSION_KEY, {}):
        request.session[SESSION_KEY] = imports
    return imports


def _load(request, token):
    """The plan kept under `token`, or None when it expired or never existed."""
    entry = _fresh_imports(request).get(token)
    return None if entry is None else AppealImport.from_session_data(entry)


def _forget(request, token):
    imports = _fresh_imports(request)
    imports.pop(token, None)
    request.session[SESSION_KEY] = imports


# --- What the preview shows ---------------------------------------------------------------


@dataclass
class Row:
    """A row of the side-by-side table: its label, the Kazakh and Russian cells, whether the
    pair differs (an element without a partner, or a paragraph facing a list item), and
    which side, if any, has no element ("kk" or "ru")."""

    label: str
    kazakh: str
    russian: str
    differs: bool = False
    missing: str = ""
    first: bool = False  # the first row that differs (the misalignment message names it)


def _label(place):
    if place.element.kind == "paragraph":
        return _("Paragraph %(number)d") % {"number": place.number}
    return _("List item %(number)d") % {"number": place.number}


def _row(pair):
    labels = [_label(place) for place in (pair.kazakh, pair.russian) if place is not None]
    label = labels[0] if len(set(labels)) == 1 else " / ".join(labels)
    missing = "kk" if pair.kazakh is None else "ru" if pair.russian is None else ""
    return Row(
        label,
        _element_html(pair.kazakh),
        _element_html(pair.russian),
        differs=pair.differs,
        missing=missing,
    )


def preview_rows(parsed):
    """Rows of the side-by-side table, Kazakh on the left, the bodies paired as
    appeals/align.py pairs them (the same pairing the misalignment message describes)."""
    kazakh, russian = parsed.half("kk"), parsed.half("ru")
    body = [_row(pair) for pair in pair_up(kazakh.body, russian.body)]
    first = next((row for row in body if row.differs), None)
    if first is not None:
        first.first = True
    return [
        Row(pgettext("appeal", "Number"), kazakh.number, russian.number),
        Row(_("Heading"), kazakh.title, russian.title),
        *body,
        Row(_("Adoption line"), kazakh.adoption_line, russian.adoption_line),
    ]


def _element_html(place):
    if place is None:
        return ""
    element = place.element
    prefix = "− " if element.kind == "item" else ""
    return mark_safe(prefix + (element.html or escape(element.text)))  # noqa: S308


def _detected(half):
    """What the preview says it found in a half: its language and counts."""
    paragraph_count, item_count = half.counts()
    values = {"paragraphs": paragraphs(paragraph_count), "items": list_items(item_count)}
    if half.language == "kk":
        return _("Kazakh text: %(paragraphs)s and %(items)s.") % values
    return _("Russian text: %(paragraphs)s and %(items)s.") % values


# --- Views --------------------------------------------------------------------------------


def _require(request):
    if not can_import(request.user):
        raise PermissionDenied


def appeals_section(request):
    """The appeals section of the page tree, in the person's admin language if it is a
    content language (the sidebar's "All appeals")."""
    indexes = AppealIndexPage.objects.order_by("pk")
    index = indexes.filter(locale__language_code=get_language()).first() or indexes.first()
    if index is None:
        return redirect("wagtailadmin_explore_root")
    return redirect("wagtailadmin_explore", index.pk)


def upload(request):
    _require(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        token = _store(request, form.cleaned_data["plan"])
        return redirect("appeals_import_preview", token=token)
    return TemplateResponse(
        request,
        "appeals/admin/import_upload.html",
        {
            "form": form,
            "max_kb": MAX_FILE_BYTES // 1024,
            "max_paragraphs": MAX_PARAGRAPHS,
            "preview_minutes": PREVIEW_SECONDS // 60,
        },
    )


def preview(request, token):
    _require(request)
    plan = _load(request, token)
    if plan is None:
        messages.error(
            request, _("This preview has expired or does not exist; upload the file again.")
        )
        return redirect("appeals_import")
    source_language = request.POST.get("source", "kk")
    if source_language not in ("kk", "ru"):
        source_language = "kk"
    if request.method == "POST" and "confirm" in request.POST and not plan.problem:
        publish = can_publish_now(request.user) and bool(request.POST.get("publish_now"))
        try:
            result = confirm_import(
                plan, source_language=source_language, publish=publish, user=request.user
            )
        except AppealFileError as error:
            # The tree changed since the plan was read (a review started, a page locked):
            # read it again, so that the preview below says why, once.
            plan = _load(request, token) or plan
            if str(error) != plan.problem:
                messages.error(request, str(error))
        else:
            _forget(request, token)
            if publish:
                text = _("The appeal “%(title)s” is published in both languages.")
            else:
                text = _(
                    "The appeal “%(title)s” is saved in both languages and submitted to moderation."
                )
            messages.success(request, text % {"title": result.source.title})
            return redirect("wagtailadmin_pages:edit", result.source.pk)
    parsed = plan.parsed
    return TemplateResponse(
        request,
        "appeals/admin/import_preview.html",
        {
            "token": token,
            "names": plan.names,
            "parsed": parsed,
            "halves": [
                {"language": half.language, "detected": _detected(half)}
                for half in sorted(parsed.halves, key=lambda half: half.language != "kk")
            ],
            "rows": preview_rows(parsed),
            "source_language": source_language,
            "existing": plan.existing,
            "busy": plan.busy,
            "can_publish_now": can_publish_now(request.user),
            "can_confirm": not plan.problem,
            "upload_url": reverse("appeals_import"),
        },
    )
