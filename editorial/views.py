"""Our versions of wagtail-localize 1.14.5's admin views (registered in wagtail_hooks.py).

Each view below answers at the same URL as the wagtail-localize view it replaces: our
`register_admin_urls` hook runs first (order=-1), so Django resolves these paths to our
views while `reverse("wagtail_localize:...")` keeps producing the same URLs. What each one
changes:

| wagtail-localize view (URL name)      | ours                                           |
|---------------------------------------|------------------------------------------------|
| edit_translation (POST on page edit)  | `translation_editor_post`: "Publish" submits   |
|                                       | for review unless the user may publish; never  |
|                                       | publishes with fallback (via before_edit_page) |
| edit_string_translation, edit_override,| `guarded(...)`: also refuses a page locked     |
| upload_pofile, machine_translate       | against the user (lock or review in progress)  |
| stop_translation                      | Editors and Moderators only                    |
| convert_to_alias                      | refused for everyone (gap 8)                   |
| submit_page_translation               | only into languages where the user may create  |
|                                       | the page under an already translated parent;   |
|                                       | translators: into their own language, one page |
| update_translations ("Sync")          | no "Publish immediately"; marks outdated       |
| upload_pofile                         | also 400 (not 500) without a file or a PO file |
|                                       | made by the translation editor                 |
| snippets_api_listing / _detail        | needs a permission on that snippet model       |
| translations_report (+ _results)      | translators see their own languages only       |
| javascript_catalog (localize/jsi18n/) | in the user's admin language, with Wagtail's   |
|                                       | admin strings (its sidebar was in Kazakh)      |

tests/editorial/test_localize_source_tripwire.py fails when the upstream source of anything here (or
copied into editorial/templates) changes, so each upgrade is reviewed.
"""

from functools import wraps

import polib
from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from django.views.i18n import JavaScriptCatalog
from wagtail.admin.localization import get_localized_response
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.pages import workflow as page_workflow
from wagtail.models import TaskState, WorkflowState
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.components import TranslationComponentManager
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import SourceDeletedError, Translation
from wagtail_localize.views import edit_translation as localize_editor
from wagtail_localize.views import report, snippets_api, submit_translations, update_translations
from wagtail_localize.views.edit_translation import apply_machine_translation

from .comment_views import open_segment_comments
from .memory import memory_drafts
from .roles import can_manage_translations, is_editorial_staff, translator_languages
from .terms import warn_missing_terms
from .translations import (
    AlreadyInReview,
    NoWorkflow,
    TranslationIncomplete,
    publish_translation,
    submit_translation_for_review,
    sync_source,
)

EDITOR_ACTIONS = {"publish", "submit"}


def _language(translation):
    return translation.target_locale.get_display_name()


def translation_editor_post(request, translation, page):
    """The translation editor's main action, for a page that is a synced translation."""
    action = request.POST.get("action")
    if action not in EDITOR_ACTIONS:
        return redirect(request.path)
    user = request.user
    context = {"title": page.get_admin_display_title(), "language": _language(translation)}
    try:
        if action == "publish" and page.permissions_for_user(user).can_publish():
            publish_translation(translation, user)
            messages.success(request, _("Published '%(title)s' in %(language)s.") % context)
        else:
            submit_translation_for_review(translation, user)
            messages.success(
                request,
                _(
                    "'%(title)s' in %(language)s was submitted for review. The public page "
                    "does not change until a moderator approves it."
                )
                % context,
            )
            _say_memory_drafts(request, translation)
        warn_missing_terms(request, translation)
    except TranslationIncomplete as err:
        messages.error(
            request,
            ngettext(
                "%(count)d segment is not translated yet. Translate every segment first.",
                "%(count)d segments are not translated yet. Translate every segment first.",
                err.missing,
            )
            % {"count": err.missing},
        )
    except AlreadyInReview:
        messages.warning(
            request, _("'%(title)s' in %(language)s is already awaiting review.") % context
        )
    except NoWorkflow:
        messages.error(request, _("No moderation workflow covers this page."))
    except ValidationError as err:
        messages.error(
            request,
            _("The translation could not be saved: %(errors)s")
            % {"errors": "; ".join(err.messages)},
        )
    except SourceDeletedError:
        messages.error(request, _("The source page of this translation has been deleted."))
    return redirect(request.path)


def _say_memory_drafts(request, translation):
    """The segments that went to review as the translation memory filled them."""
    drafts = memory_drafts(translation)
    if drafts:
        messages.warning(
            request,
            ngettext(
                "%(count)d segment went to review as the translation memory filled it; the "
                "moderator sees which one.",
                "%(count)d segments went to review as the translation memory filled them; the "
                "moderator sees which ones.",
                len(drafts),
            )
            % {"count": len(drafts)},
        )


def check_can_translate(user, translation):
    """Edit permission on the target page, and no lock (or review) held against the user."""
    try:
        target = translation.get_target_instance()
    except ObjectDoesNotExist as err:
        raise Http404 from err
    permissions = target.permissions_for_user(user)
    if not permissions.can_edit() or permissions.page_locked():
        raise PermissionDenied


def guarded(localize_view, *, json=False):
    """Wrap a wagtail-localize string endpoint with `check_can_translate`.

    The editor's JSON endpoints answer a refusal with a JSON 403 (the React editor shows
    it); the others let Wagtail redirect with its "permission denied" message."""

    @wraps(localize_view)
    def view(request, translation_id, *args, **kwargs):
        translation = get_object_or_404(Translation, id=translation_id)
        try:
            check_can_translate(request.user, translation)
        except PermissionDenied:
            if not json:
                raise
            return JsonResponse(
                {"detail": _("This page is locked or you may not translate it.")}, status=403
            )
        return localize_view(request, translation_id, *args, **kwargs)

    view.__module__ = __name__  # wraps() copied wagtail-localize's; this view is ours
    return view


edit_string_translation = guarded(localize_editor.edit_string_translation, json=True)
edit_override = guarded(localize_editor.edit_override, json=True)
machine_translate = guarded(localize_editor.machine_translate)

MAX_PO_FILE_BYTES = 5 * 1024 * 1024


def _po_file_problem(request):
    """Why the upload cannot be a PO file of a translation, or None (wagtail-localize reads
    `request.FILES["file"]` and the TranslationID header unchecked: a 500 for each)."""
    if request.method != "POST":
        return _("Upload a PO file with the form.")
    upload = request.FILES.get("file")
    if upload is None:
        return _("No file was uploaded: choose a PO file first.")
    if upload.size > MAX_PO_FILE_BYTES:
        return _("The PO file is too large (at most 5 MB).")
    content = upload.read()
    upload.seek(0)
    try:
        po = polib.pofile(content.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return _("This is not a valid PO file.")
    if not po.metadata.get("X-WagtailLocalize-TranslationID"):
        return _(
            "This PO file was not made by this site's translation editor (it has no "
            "translation identifier); download the PO file from the editor and translate that."
        )
    return None


@guarded
def upload_pofile(request, translation_id):
    problem = _po_file_problem(request)
    if problem:
        return HttpResponseBadRequest(problem, content_type="text/plain; charset=utf-8")
    return localize_editor.upload_pofile(request, translation_id)


def stop_translation(request, translation_id):
    if request.method != "POST":
        raise Http404
    translation = get_object_or_404(Translation, id=translation_id)
    if not can_manage_translations(request.user):
        raise PermissionDenied
    check_can_translate(request.user, translation)
    return localize_editor.stop_translation(request, translation_id)


def convert_to_alias(request, page_id):
    """Gap 8: an alias in another language serves the original's text. Never allowed."""
    raise PermissionDenied


class SubmitPageTranslationView(submit_translations.SubmitPageTranslationView):
    """Only into languages where the translated parent exists and the user may add pages.

    Issue 21 point 4: a translator starts the translation of a page into their own
    language (from the status report or their dashboard queue), and nothing else: no other
    language, no subtree. Upstream's dispatch checks the global `submit_translation`
    permission (gap 4), which only Editors and Moderators hold; for translators that check
    is replaced by the one on their languages."""

    def dispatch(self, request, *args, **kwargs):
        if can_manage_translations(request.user):
            return super().dispatch(request, *args, **kwargs)
        if not (request.user.is_active and translator_languages(request.user)):
            raise PermissionDenied
        # What upstream's dispatch does after its permission check.
        self.object = self.get_object()
        self.components = TranslationComponentManager.from_request(
            self.request, source_object_instance=self.object
        )
        return TemplateView.dispatch(self, request, *args, **kwargs)

    @cached_property
    def _staff(self):
        return can_manage_translations(self.request.user)

    def _blocked_locales(self, locales):
        parent = self.object.get_parent()
        own = set(translator_languages(self.request.user))
        blocked = []
        for locale in locales:
            translated_parent = None if parent.is_root() else parent.get_translation_or_none(locale)
            if translated_parent is None or translated_parent.alias_of_id:
                blocked.append(locale)
                continue
            permissions = translated_parent.permissions_for_user(self.request.user)
            if self._staff:
                allowed = permissions.can_add_subpage()
            else:
                allowed = locale.language_code in own and permissions.can_edit()
            if not allowed:
                blocked.append(locale)
        return blocked

    def get_form(self):
        form = super().get_form()
        field = form.fields["locales"]
        if not self._staff:
            # Translators: their own languages only (others are not "blocked", just not
            # theirs), and this page alone.
            own = translator_languages(self.request.user)
            field.queryset = field.queryset.filter(language_code__in=own)
            form.fields["include_subtree"] = forms.BooleanField(
                required=False, disabled=True, initial=False, widget=forms.HiddenInput()
            )
        blocked = self._blocked_locales(list(field.queryset))
        if blocked:
            field.queryset = field.queryset.exclude(pk__in=[locale.pk for locale in blocked])
            if self.request.method == "GET":
                messages.warning(
                    self.request,
                    _(
                        "Not offered: %(languages)s. Translate the parent page into that "
                        "language first, or ask someone who may create pages there."
                    )
                    % {"languages": ", ".join(locale.get_display_name() for locale in blocked)},
                )
        return form


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """ "Sync translated pages" without "Publish immediately" (it published source-language
    fallback text without review). Syncing marks the translations outdated when the
    source's text changed; translated pages change only through review."""

    def dispatch(self, request, *args, **kwargs):
        if not can_manage_translations(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self):
        form = super().get_form()
        form.fields.pop("publish_translations", None)
        return form

    @transaction.atomic
    def form_valid(self, form):
        sync_source(self.object)
        enabled = list(self.object.translations.filter(enabled=True).select_related("source"))
        if form.cleaned_data.get("use_machine_translation"):
            translator = get_machine_translator()
            for translation in enabled:
                apply_machine_translation(translation.id, self.request.user, translator)
        for translation in enabled:
            translation.source.update_target_view_restrictions(translation.target_locale)
        self.components.save(self.object, sources_and_translations={self.object: enabled})
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url() or self.get_default_success_url())


# The translation editor loads wagtail-localize's JavaScript catalogue after Wagtail's. Django
# fills every msgid a catalogue lacks in the requested language from LANGUAGE_CODE (Kazakh),
# and LOCALE_PATHS hold our Kazakh catalogue of wagtail.admin: wagtail-localize's Russian
# catalogue, which lacks Wagtail's own strings, overwrote the Russian "Поиск" of the sidebar
# with "Іздеу" ("бұл мәзірде 2 жаңа элемент"). With both packages, Wagtail's strings come in
# the user's language; and, like Wagtail's own catalogue view, in their admin language.
_localize_js_catalog = JavaScriptCatalog.as_view(packages=["wagtail.admin", "wagtail_localize"])


def javascript_catalog(request, *args, **kwargs):
    return get_localized_response(_localize_js_catalog, request, *args, **kwargs)


class SnippetViewSet(snippets_api.SnippetViewSet):
    """The translation editor's snippet chooser API, for people who may see those snippets
    (wagtail-localize's own lists any registered snippet to anyone with admin access)."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        model = self.get_model()
        actions = ("add", "change", "delete", "view")
        if not any(request.user.has_perm(get_permission_name(a, model)) for a in actions):
            raise PermissionDenied


TRANSLATION_JOBS_TITLE = gettext_lazy("Translation jobs")


class TranslationJobsPaginator(WagtailPaginator):
    """wagtail-localize's Translation model has no verbose name: the count under the report
    read "6 translations" in every admin language."""

    @cached_property
    def items_count_label(self):
        return ngettext("%(count)s translation job", "%(count)s translation jobs", self.count) % {
            "count": self.count
        }


class TranslationJobsFilterSet(report.TranslationsReportFilterSet):
    """Upstream's two language filters have no label: django-filter made "Source locale" and
    "Target locale" from the field names, in English in every admin language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["source_locale"].label = gettext_lazy("Source language")
        self.filters["target_locale"].label = gettext_lazy("Target language")


class TranslationsReportView(report.TranslationsReportView):
    """wagtail-localize's "Translations" report, named "Translation jobs" (it lists one row
    per source and target language; our status report lists pages): translators see
    translations into their own languages only; Editors and Moderators see all."""

    page_title = TRANSLATION_JOBS_TITLE
    paginator_class = TranslationJobsPaginator
    filterset_class = TranslationJobsFilterSet

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if not is_editorial_staff(user):
            queryset = queryset.filter(target_locale__language_code__in=translator_languages(user))
        return queryset


class ReviewActionView(page_workflow.WorkflowActionView):
    """Wagtail's workflow action (Approve, Request changes) as the dashboard and the page
    listings post it, followed by a message that says what happened: Wagtail's own view
    redirects back to the dashboard in silence, and the row just disappears.

    Served at Wagtail's URL (federation_site/urls.py routes it ahead of the admin's)."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        self.task_state.refresh_from_db()
        if self.task_state.status == TaskState.STATUS_IN_PROGRESS:
            return response  # nothing happened (a form with errors)
        title = self.object.get_admin_display_title()
        if self.task_state.status == TaskState.STATUS_REJECTED:
            messages.success(
                request, _("“%(title)s” is sent back to its author for changes.") % {"title": title}
            )
            open_comments = open_segment_comments(self.object)
            if open_comments:
                messages.info(
                    request,
                    ngettext(
                        "%(count)d comment on a segment goes with it to the translator.",
                        "%(count)d comments on segments go with it to the translator.",
                        open_comments,
                    )
                    % {"count": open_comments},
                )
        elif self.task_state.status == TaskState.STATUS_APPROVED:
            workflow_state = self.task_state.workflow_state
            workflow_state.refresh_from_db()
            following = workflow_state.current_task_state
            if workflow_state.status == WorkflowState.STATUS_IN_PROGRESS and following:
                messages.success(
                    request,
                    _("“%(title)s” is approved here; it goes on to “%(task)s”.")
                    % {"title": title, "task": following.task.name},
                )
            elif self.object.specific_deferred.live:
                messages.success(
                    request, _("“%(title)s” is approved and published.") % {"title": title}
                )
            else:
                messages.success(request, _("“%(title)s” is approved.") % {"title": title})
        return response
