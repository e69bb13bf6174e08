from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Shared site parts")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from wagtail.models import PageViewRestriction

        from core.admin_labels import (
            install_language_names,
            install_localized_translation_dates,
            install_root_page_title,
        )
        from core.caching import invalidation
        from core.operations.spreadsheets import install_safe_wagtail_csv_exports

        install_safe_wagtail_csv_exports()
        install_root_page_title()
        install_localized_translation_dates()
        install_language_names()
        invalidation.connect()
        _check_kazakh_dictionary()

        post_save.connect(
            _restriction_changed, sender=PageViewRestriction, dispatch_uid="core_restriction_saved"
        )
        post_delete.connect(
            _restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid="core_restriction_deleted",
        )
        m2m_changed.connect(
            _restriction_groups_changed,
            sender=PageViewRestriction.groups.through,
            dispatch_uid="core_restriction_groups",
        )


def _check_kazakh_dictionary():
    """One warning at start when Kazakh search has to do without stems (core/search/kazakh.py)."""
    import logging

    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Locale

    from core.search import kazakh, stems

    reason = kazakh.missing_reason()
    if reason is not None:
        logging.getLogger("core.search.kazakh").warning(
            "Kazakh search without word stems (inflected words find only themselves): %s. "
            "Set KAZAKH_HUNSPELL_DICTIONARY or install spylls.",
            reason,
        )
    for signal in (post_save, post_delete):
        signal.connect(stems.forget_locales, sender=Locale, dispatch_uid=f"stems_{signal}")


def _restriction_changed(sender, instance, raw=False, **kwargs):
    from django.db import transaction
    from wagtail.models import Page

    from core.caching.invalidation import (
        paths_for_pages,
        purge_after_commit,
        purge_all,
        shown_on_every_page,
    )
    from core.site.visibility import forget_restrictions, sync_view_restrictions

    if raw:
        return
    forget_restrictions()
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        sync_view_restrictions(page)
        # Its public copies (and every listing that showed it) must go at once; a home or
        # section also leaves every page's navigation.
        if shown_on_every_page([page]):
            transaction.on_commit(purge_all)
        purge_after_commit(paths_for_pages([page]))


def _restriction_groups_changed(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    from wagtail.models import PageViewRestriction

    if action not in ("post_add", "post_remove", "post_clear"):
        return
    # group.pageviewrestriction_set.add(...) names the restrictions in pk_set.
    restrictions = (
        PageViewRestriction.objects.filter(pk__in=pk_set or ()) if reverse else [instance]
    )
    for restriction in restrictions:
        _restriction_changed(sender, restriction)
