"""Admin labels that upstream takes from data written in English once, for everybody.

The tree's root page is titled "Root" by Wagtail's first migration; the explorer, breadcrumbs
and choosers show that title. Staff read it in their own admin language instead. The
upstream methods are fingerprinted by tests/editorial/test_localize_source_tripwire.py."""

from django.utils.translation import gettext
from django.utils.translation import gettext as upstream_gettext  # msgids in upstream catalogues

from core.site.tree import ROOT_DEPTH


def install_root_page_title():
    from wagtail.models import Page

    original = Page.get_admin_display_title
    if getattr(original, "root_title_installed", False):
        return

    def get_admin_display_title(self):
        if self.depth == ROOT_DEPTH:
            return gettext("All sites")
        return original(self)

    get_admin_display_title.root_title_installed = True
    get_admin_display_title.__doc__ = original.__doc__
    Page.get_admin_display_title = get_admin_display_title


# The comment of a segment filled by one of our own tools, by its tool name: a function of
# the date (the translation memory's drafts register theirs in editorial/apps.py).
TOOL_COMMENTS = {}


def install_localized_translation_dates():
    """wagtail-localize dates each translated segment ("Translated manually on {date}") with
    strftime("%-d %B %Y"): English month names in every admin language, and the UTC day.
    The same sentences, with the date in the admin language and Asia/Almaty time."""
    from django.utils.formats import date_format
    from django.utils.timezone import localtime
    from wagtail_localize.models import StringTranslation

    if getattr(StringTranslation.get_comment, "localized_dates_installed", False):
        return

    def get_comment(self):
        date = date_format(localtime(self.updated_at), "DATE_FORMAT")
        if self.tool_name in TOOL_COMMENTS:
            return TOOL_COMMENTS[self.tool_name](date)
        if self.tool_name:
            return upstream_gettext("Translated with {tool_name} on {date}").format(
                tool_name=self.tool_name, date=date
            )
        if self.translation_type == self.TRANSLATION_TYPE_MANUAL:
            return upstream_gettext("Translated manually on {date}").format(date=date)
        if self.translation_type == self.TRANSLATION_TYPE_MACHINE:
            return upstream_gettext("Machine translated on {date}").format(date=date)
        return None

    get_comment.localized_dates_installed = True
    StringTranslation.get_comment = get_comment


def install_language_names():
    """The admin's language menu names each language by Django's LANG_INFO "name_local":
    "Қазақ" (the people) where Kazakh speakers say Қазақша (the language), as the site's
    language switcher and wagtail-localize (settings.LANGUAGES) already do."""
    from django.conf import settings
    from django.conf.locale import LANG_INFO

    LANG_INFO["kk"]["name_local"] = dict(settings.LANGUAGES)["kk"]
