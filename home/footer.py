"""The site's footer, edited by editors in the admin (Settings → Footer) and shown on every page.

Why a `BaseGenericSetting` (one row for the whole installation) and not a `BaseSiteSetting`:
the site has one Wagtail Site whose root is the Kazakh home; the Russian home is its
translation under the same Site, so a per-Site setting would still need a value per language
and would only add a Site lookup. The words that differ by language (the address) are kept
as {language code: text}, entered once with one input per content language
(`core.localized.LocalizedNamesField`, as the reference data are): a new language in
WAGTAIL_CONTENT_LANGUAGES is a settings change, not a migration. What is the same in every
language (phone, e-mail, social links) is entered once; the About page is chosen once and
shown in the reader's language (its translation, by translation key).

Every page shows the footer, and the page cache keeps whole pages: saving the setting starts
a new page-cache epoch (`core.caching.invalidation.purge_all`), and so does publishing,
unpublishing or deleting the About page in any language (`about_page_changed`). The footer's
values are kept under the epoch (`footer_for_request`): no query on a warm page.
"""

from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page

from core.caching.invalidation import purge_all, unless_paused
from core.caching.page_cache import page_cache, request_epoch
from core.localized import LocalizedNamesField, localized
from core.site.visibility import public_pages

LIFETIME = 60 * 60


class SocialLinkBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        label=_("Network"), max_length=40, help_text=_("For example: Telegram, Facebook")
    )
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "link"
        label = _("Social network")


@register_setting(icon="list-ul")
class FooterSettings(BaseGenericSetting):
    address = LocalizedNamesField(
        _("address"), blank=True, help_text=_("The Federation's postal address in each language.")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    social_links = StreamField(
        [("link", SocialLinkBlock())], verbose_name=_("social networks"), blank=True
    )
    about_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("About page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked in the footer, in the reader's language."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("Contacts"),
        ),
        FieldPanel("social_links"),
        PageChooserPanel("about_page"),
    ]

    class Meta:
        verbose_name = _("footer")
        verbose_name_plural = _("footer")


@dataclass
class Footer:
    """The footer's values, the same for every page (kept under the page-cache epoch)."""

    address: dict = field(default_factory=dict)
    phone: str = ""
    email: str = ""
    social_links: list = field(default_factory=list)  # [(name, url)]
    about: dict = field(default_factory=dict)  # {language code: (title, url)}

    def for_language(self, language=None):
        about = self.about.get(language) if language else None
        return {
            "address": localized(self.address, language),
            "phone": self.phone,
            "phone_href": "tel:" + "".join(c for c in self.phone if c.isdigit() or c == "+"),
            "email": self.email,
            "social_links": self.social_links,
            "about": about,
        }


def load_footer(request=None):
    setting = FooterSettings.load(request_or_site=request)
    footer = Footer(
        address=dict(setting.address or {}),
        phone=setting.phone,
        email=setting.email,
        social_links=[(link.value["name"], link.value["url"]) for link in setting.social_links],
    )
    if setting.about_page_id:
        key = Page.objects.filter(pk=setting.about_page_id).values("translation_key")
        versions = public_pages(Page.objects.filter(translation_key=models.Subquery(key)))
        for page in versions.select_related("locale"):
            url = page.get_url(request)
            if url:
                footer.about[page.locale.language_code] = (page.title, url)
    return footer


# This process's copy: (epoch, footer), good while the epoch is the same.
_in_process = {}


def footer_for_request(request):
    """The footer's values, read once per page-cache epoch and shared by every process; in
    this process, no cache round trip of its own: the epoch is read once per request
    (`request_epoch`), for the site structure too (core/site/structure.py)."""
    cached = getattr(request, "_site_footer", None)
    if cached is not None:
        return cached
    epoch = request_epoch(request)
    held = _in_process.get("footer")
    if epoch is not None and held is not None and held[0] == epoch:
        footer = held[1]
    else:
        key = f"site-footer:{epoch or 'none'}"
        footer = page_cache().get(key)
        if not isinstance(footer, Footer):
            footer = load_footer(request)
            page_cache().set(key, footer, LIFETIME)
        if epoch is not None:
            _in_process["footer"] = (epoch, footer)
    if request is not None:
        request._site_footer = footer
    return footer


@unless_paused
def footer_saved(sender, instance=None, created=False, **kwargs):
    # Wagtail's settings create their empty row on first use (`load`), during the render of a
    # page: nothing a reader sees changed, and purging there would retire the very response
    # being stored (the next request would miss).
    if created and _is_blank(instance):
        return
    transaction.on_commit(purge_all)


def _is_blank(footer):
    return footer is not None and not any(
        getattr(footer, field.attname)
        for field in footer._meta.concrete_fields
        if not field.primary_key
    )


@unless_paused
def about_page_changed(sender, instance, **kwargs):
    """The About page (any language version) published, unpublished or deleted: its title
    and address are in every page's footer."""
    chosen = FooterSettings.objects.filter(about_page__isnull=False).values_list(
        "about_page__translation_key", flat=True
    )
    if getattr(instance, "translation_key", None) in set(chosen):
        transaction.on_commit(purge_all)


def connect():
    from django.db.models.signals import post_delete, post_save, pre_delete
    from wagtail.signals import page_published, page_unpublished

    for signal in (post_save, post_delete):
        signal.connect(footer_saved, sender=FooterSettings, dispatch_uid=f"footer_saved_{signal}")
    page_published.connect(about_page_changed, dispatch_uid="footer_about_published")
    page_unpublished.connect(about_page_changed, dispatch_uid="footer_about_unpublished")
    pre_delete.connect(about_page_changed, sender=Page, dispatch_uid="footer_about_deleted")
