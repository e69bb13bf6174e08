"""Signal receivers, connected in EditorialConfig.ready()."""

from django.contrib.auth.models import Permission
from django.db.models.signals import post_migrate, post_save, pre_save
from wagtail.models import Page
from wagtail.signals import page_published

from core.site.tree import HOME_DEPTH

from . import setup, translations


def keep_cross_language_aliases_offline(sender, instance, raw=False, **kwargs):
    """Measured gap 8: an alias in another language's tree serves the original's text.

    wagtail-localize makes such aliases for untranslated parents, and Wagtail republishes
    every alias when its original is published; this keeps them unpublished on each save."""
    if raw or not isinstance(instance, Page) or not instance.alias_of_id:
        return
    original_locale_id = (
        Page.objects.filter(pk=instance.alias_of_id).values_list("locale_id", flat=True).first()
    )
    if original_locale_id is None:
        return
    # The alias's own locale, and the language of the tree it stands in (an alias copied
    # into the other language's tree keeps its original's locale).
    if original_locale_id != instance.locale_id or (
        original_locale_id != setup.tree_locale_id(instance)
    ):
        instance.live = False
        instance.has_unpublished_changes = True


def set_up_new_home(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    """A new language's home page gets its groups, permissions and workflow at once."""
    if (
        raw
        or not isinstance(instance, Page)
        or instance.depth != HOME_DEPTH
        or instance.alias_of_id
    ):
        return
    if created or (update_fields and "alias_of_id" in update_fields):
        setup.setup_home(instance)


def track_translations_on_publish(sender, instance, revision=None, **kwargs):
    if kwargs.get("alias") or instance.alias_of_id:
        return
    translations.source_published(instance, revision)
    translations.target_published(instance, revision)


def set_up_after_migrate(sender, **kwargs):
    try:
        setup.setup_editorial()
    except Permission.DoesNotExist:
        # Migrating to a state before wagtailadmin/wagtail_localize's permissions exist.
        return


def connect(app_config):
    pre_save.connect(keep_cross_language_aliases_offline, dispatch_uid="editorial_alias_offline")
    post_save.connect(set_up_new_home, dispatch_uid="editorial_new_home")
    page_published.connect(track_translations_on_publish, dispatch_uid="editorial_published")
    post_migrate.connect(set_up_after_migrate, sender=app_config, dispatch_uid="editorial_setup")
