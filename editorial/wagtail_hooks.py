"""Admin hooks of the editorial workflow.

What is overridden in wagtail-localize 1.14.5 (revisit on every upgrade; the tests in
tests/editorial/test_editorial_overrides.py fail when one of these stops taking effect):

- URL routes: `register_admin_urls` (order=-1, before wagtail-localize's) serves these
  paths with the views in editorial/views.py, keeping wagtail-localize's URL names:
  localize/translate/<id>/strings/<id>/edit/, .../overrides/<id>/edit/,
  .../pofile/upload/, .../machine_translate/, .../disable/ (stop translation),
  localize/page/<id>/convert_to_alias/, localize/submit/page/<id>/,
  localize/update/<id>/ (sync), localize/reports/translations/ (+ results/),
  localize/api/snippets/<app>/<model>/ (+ <pk>/), localize/jsi18n/ (the editor's
  JavaScript catalogue).
- `before_edit_page` (order=-1, before wagtail-localize's): POSTs to a synced
  translation's edit view (the translation editor's "Publish") go to
  `views.translation_editor_post`; "Start Synced translation" needs Editors/Moderators;
  "Convert to alias page" is refused. GETs fall through to wagtail-localize's editor.
- Template `wagtail_localize/admin/edit_translation.html` (editorial/templates): props
  of the React editor adjusted, "Publish" relabelled "Submit for review".
- `Translation.save_target` replaced in EditorialConfig.ready (editorial/apps.py).
- Settings: WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False and
  WAGTAILLOCALIZE_DISABLE_ON_DELETE = True (base settings).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages as admin_messages
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.staticfiles import versioned_static
from wagtail.models import Locale, Page
from wagtail_localize.views import edit_translation as localize_editor

from core.site.tree import ROOT_DEPTH

from . import releases, terms_admin, views  # noqa: F401 (terms_admin registers the term base)
from .editor_queries import batched_editor_queries
from .permissions import user_may_delete
from .release_views import cancel_release
from .report import REPORT_TITLE, TranslationStatusPanel, TranslationStatusReportView
from .roles import (
    can_manage_translations,
    can_see_translation_status,
    is_editorial_staff,
    translator_languages,
)
from .translations import enabled_translation_for
from .translator_queue import DueDateView, TranslationQueuePanel, queue_shown_to

LOCALIZE_OVERRIDES = [
    path(
        "localize/jsi18n/",
        views.javascript_catalog,
        name="editorial_javascript_catalog",
    ),
    path(
        "localize/translate/<int:translation_id>/strings/<int:string_segment_id>/edit/",
        views.edit_string_translation,
        name="editorial_edit_string_translation",
    ),
    path(
        "localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
        views.edit_override,
        name="editorial_edit_override",
    ),
    path(
        "localize/translate/<int:translation_id>/pofile/upload/",
        views.upload_pofile,
        name="editorial_upload_pofile",
    ),
    path(
        "localize/translate/<int:translation_id>/machine_translate/",
        views.machine_translate,
        name="editorial_machine_translate",
    ),
    path(
        "localize/translate/<int:translation_id>/disable/",
        views.stop_translation,
        name="editorial_stop_translation",
    ),
    path(
        "localize/page/<int:page_id>/convert_to_alias/",
        views.convert_to_alias,
        name="editorial_convert_to_alias",
    ),
    path(
        "localize/submit/page/<int:page_id>/",
        views.SubmitPageTranslationView.as_view(),
        name="editorial_submit_page_translation",
    ),
    path(
        "localize/update/<int:translation_source_id>/",
        views.UpdateTranslationsView.as_view(),
        name="editorial_update_translations",
    ),
    path(
        "localize/reports/translations/",
        views.TranslationsReportView.as_view(),
        name="editorial_translations_report",
    ),
    path(
        "localize/reports/translations/results/",
        views.TranslationsReportView.as_view(results_only=True),
        name="editorial_translations_report_results",
    ),
    path(
        "localize/api/snippets/<slug:app_label>/<slug:model_name>/",
        views.SnippetViewSet.as_view({"get": "list"}),
        name="editorial_snippets_api_listing",
    ),
    path(
        "localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/",
        views.SnippetViewSet.as_view({"get": "retrieve"}),
        name="editorial_snippets_api_detail",
    ),
]

EDITORIAL_URLS = [
    path(
        "translation-status/",
        TranslationStatusReportView.as_view(),
        name="translation_status",
    ),
    path(
        "translation-status/results/",
        TranslationStatusReportView.as_view(results_only=True),
        name="translation_status_results",
    ),
    path(
        "translation-status/due/<int:page_id>/<str:language_code>/",
        DueDateView.as_view(),
        name="translation_due_date",
    ),
    path("releases/<int:pk>/cancel/", cancel_release, name="cancel_release"),
]


@hooks.register("register_admin_urls", order=-1)
def register_admin_urls():
    return LOCALIZE_OVERRIDES + [
        path("editorial/", include((EDITORIAL_URLS, "editorial"), namespace="editorial"))
    ]


@hooks.register("before_edit_page", order=-1)
def guard_translation_editor(request, page):
    if request.method == "POST":
        if "localize-convert-to-alias" in request.POST:
            raise PermissionDenied
        if "localize-restart-translation" in request.POST and not can_manage_translations(
            request.user
        ):
            raise PermissionDenied
    if page.alias_of_id:
        return None
    translation = enabled_translation_for(page)
    if translation is None:
        return None
    if request.method == "POST":
        return views.translation_editor_post(request, translation, page.specific)
    fill_translation_from_memory(request, translation, page)
    # wagtail-localize's editor, as its own before_edit_page hook would open it, in a fixed
    # number of queries (editorial/editor_queries.py).
    with batched_editor_queries():
        return localize_editor.edit_translation(request, translation, page)


def fill_translation_from_memory(request, translation, page):
    """Opening the translation editor fills each untranslated segment that the memory knows
    exactly, as a draft marked "from the translation memory" (never while the page is
    locked against this user or in review)."""
    from .memory import fill_drafts

    permissions = page.permissions_for_user(request.user)
    if permissions.can_edit() and not permissions.page_locked() and not page.workflow_in_progress:
        fill_drafts(translation)


@hooks.register("before_delete_page")
def guard_delete(request, page):
    if not user_may_delete(request.user, page):
        raise PermissionDenied


@hooks.register("before_bulk_action")
def guard_bulk_actions(request, action_type, objects, action_class_instance):
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if action_type == "delete" and not all(user_may_delete(request.user, p) for p in pages):
        raise PermissionDenied
    if action_type == "publish":
        synced = [page for page in pages if enabled_translation_for(page) is not None]
        if synced:
            # Their latest revision may hold source-language fallback text; complete
            # translations are published from the translation editor.
            messages.error(
                request,
                _(
                    "Translations are published from the translation editor, not in bulk: "
                    "%(titles)s."
                )
                % {"titles": ", ".join(page.get_admin_display_title() for page in synced)},
            )
            return redirect(request.META.get("HTTP_REFERER") or reverse("wagtailadmin_home"))
    return None


@hooks.register("construct_page_action_menu")
def hide_actions(menu_items, request, context):
    page = context.get("page")
    hidden = {"localize-convert-to-alias"}
    if not can_manage_translations(request.user):
        hidden.add("localize-restart-translation")
    if page is not None and page.pk and not user_may_delete(request.user, page):
        hidden.add("action-delete")
    menu_items[:] = [item for item in menu_items if item.name not in hidden]


class InReviewMenuItem(ActionMenuItem):
    name = "editorial-in-review"
    template_name = "editorial/action_menu/in_review.html"


@hooks.register("construct_page_action_menu")
def in_review_first(menu_items, request, context):
    """While a page is in review, Wagtail makes "Cancel workflow" the main button of everyone
    who may not act on the review (the editor who just submitted it): one habitual click
    throws the review away. The main button says "In review" instead; cancelling stays in
    the menu."""
    if menu_items and menu_items[0].name == "action-cancel-workflow":
        menu_items[:] = [InReviewMenuItem(order=0)] + [
            item for item in menu_items if item.name != "action-page-locked"
        ]


@hooks.register("construct_page_listing_buttons")
def hide_delete_button(buttons, page, user, context=None):
    if user_may_delete(user, page):
        return
    delete_url = reverse("wagtailadmin_pages:delete", args=[page.pk])
    for button in buttons:
        dropdown = getattr(button, "dropdown_buttons", None)
        if dropdown:
            dropdown[:] = [b for b in dropdown if not (b.url or "").startswith(delete_url)]


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_translation_status(request.user)


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        REPORT_TITLE,
        reverse("editorial:translation_status"),
        icon_name="wagtail-localize-language",
        order=8900,
    )


@hooks.register("construct_homepage_panels")
def add_translation_status_panel(request, panels):
    if queue_shown_to(request.user):
        panels.append(TranslationQueuePanel(request.user))
    if can_see_translation_status(request.user):
        panels.append(TranslationStatusPanel(request.user))


@hooks.register("construct_reports_menu")
def name_the_translation_jobs_report(request, menu_items):
    """wagtail-localize's report lists translation jobs (source, target, progress): named so
    that it is not taken for our status report."""
    for item in menu_items:
        if item.url == reverse("wagtail_localize:translations_report"):
            item.label = views.TRANSLATION_JOBS_TITLE


@hooks.register("construct_help_menu")
def no_guides_only_in_english(request, menu_items):
    """Wagtail's "What's new" and "Editor Guide" open guide.wagtail.org, which is in English
    only: editors read the admin in Kazakh or Russian. The keyboard shortcuts stay."""
    menu_items[:] = [
        item
        for item in menu_items
        if item.name != "editor-guide" and not item.name.startswith("whats-new-in-wagtail-")
    ]


@hooks.register("construct_page_chooser_queryset")
def translators_choose_in_their_languages(pages, request):
    """A translator's page chooser (a link in a rich text, a related page) browses and
    searches only the tree of the languages they translate into: the other languages' pages,
    drafts included, are not theirs to see or link to. Editors and Moderators see every
    language."""
    user = request.user
    languages = translator_languages(user)
    if is_editorial_staff(user) or not languages:
        return pages
    # By locale id: the chooser's search filters on indexed fields only (Page.locale is one).
    locales = list(Locale.objects.filter(language_code__in=languages).values_list("pk", flat=True))
    return pages.filter(Q(depth=ROOT_DEPTH) | Q(locale__in=locales))


# --- Publishing a page together with its translations (editorial/releases.py) -----------


class ReleaseTogetherMenuItem(ActionMenuItem):
    name = "editorial-release-together"
    label = gettext_lazy("Submit, to go live with its translations")
    template_name = "editorial/action_menu/release_together.html"
    order = 15

    def is_shown(self, context):
        page = context.get("page")
        if context.get("view") != "edit" or page is None or context.get("locked_for_user"):
            return False
        if enabled_translation_for(page) is not None or releases.source_of(page) is None:
            return False
        if releases.waiting_release(page.translation_key) is not None:
            return False
        perms = self.get_user_page_permissions_tester(context)
        return perms.can_submit_for_moderation()


@hooks.register("register_page_action_menu_item")
def register_release_together_menu_item():
    return ReleaseTogetherMenuItem()


@hooks.register("after_edit_page")
def start_joint_release(request, page):
    if request.POST.get("action-submit") != "release-together":
        return None
    if releases.source_of(page) is None:
        return None
    releases.request_release(page, request.user)
    messages.info(
        request,
        _(
            "“%(title)s” and its translations will go live together, once every translation "
            "is approved."
        )
        % {"title": page.get_admin_display_title()},
    )
    return None


@hooks.register("before_edit_page", order=-2)
def joint_release_notice(request, page):
    """On every page of a waiting joint release: what it waits for."""
    if request.method != "GET":
        return None
    release = releases.waiting_release(page.translation_key)
    if release is None:
        return None
    waiting = releases.missing(release)
    names = ", ".join(
        _("the source page") if reason == "source" else p.locale.get_display_name()
        for p, reason in waiting
    )
    if release.go_live_at and not waiting:
        text = _("This page goes live with its translations at %(time)s.") % {
            "time": date_format(localtime(release.go_live_at), "DATETIME_FORMAT")
        }
    else:
        text = _(
            "This page goes live together with its translations. Still waiting for approval: "
            "%(waiting)s."
        ) % {"waiting": names}
    buttons = []
    if is_editorial_staff(request.user):
        url = reverse("editorial:cancel_release", args=[release.pk])
        buttons.append(admin_messages.button(url, _("Stop waiting")))
    admin_messages.info(request, text, buttons=buttons)
    return None


@hooks.register("register_log_actions")
def register_release_log_actions(actions):
    actions.register_action(
        "editorial.release_requested",
        gettext_lazy("Publish together with translations: requested"),
        gettext_lazy("Publish together with translations: requested"),
    )
    actions.register_action(
        "editorial.release_held",
        gettext_lazy("Approved; waits for the translations"),
        gettext_lazy("Approved; waits for the translations"),
    )
    actions.register_action(
        "editorial.released",
        gettext_lazy("Published together with its translations"),
        gettext_lazy("Published together with its translations"),
    )
    actions.register_action(
        "editorial.release_cancelled",
        gettext_lazy("Publish together with translations: cancelled"),
        gettext_lazy("Publish together with translations: cancelled"),
    )


# Comments on segments (issue 21, point 6): editorial/comment_views.py.


@hooks.register("register_admin_urls")
def register_segment_comment_urls():
    from . import comment_views

    return [
        path(
            "editorial/segment-comments/",
            include((comment_views.urls, "editorial_comments"), namespace="editorial_comments"),
        )
    ]


# --- Translation memory (editorial/memory.py) -------------------------------------------


@hooks.register("register_admin_urls")
def register_translation_memory_urls():
    from . import memory_views

    return [
        path(
            "translation-memory/suggest/",
            memory_views.suggest,
            name="editorial_memory_suggest",
        )
    ]


@hooks.register("register_log_actions")
def register_segment_comment_log_actions(actions):
    from . import comment_views

    comment_views.register_log_actions(actions)


@hooks.register("insert_editor_js")
def autosave_guard():
    """A button pressed while Wagtail's autosave is on its way waits for it, so that a page
    being created is created once (editorial/static/editorial/autosave_guard.js)."""
    return format_html(
        '<script src="{}" defer></script>', versioned_static("editorial/autosave_guard.js")
    )
