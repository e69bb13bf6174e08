"""One sitemap per content language; every URL lists its translations as alternates."""

from collections import defaultdict
from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from core.site.addresses import public_url
from core.site.visibility import public_pages


class LanguageSitemap(Sitemap):
    def __init__(self, language_code, request=None):
        super().__init__(request)
        self.language_code = language_code

    def _site_pages(self):
        """Live public pages of this site, in every language (site root translations)."""
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        under_a_root = reduce(or_, (Q(path__startswith=root.path) for root in roots))
        return (
            public_pages(Page.objects.filter(under_a_root))
            .select_related("locale")
            .defer_streamfields()
            .order_by("path")
        )

    def items(self):
        self._translations = defaultdict(dict)
        pages = []
        for page in self._site_pages():
            self._translations[page.translation_key][page.locale.language_code] = page
            if page.locale.language_code == self.language_code:
                pages.append(page)
        return pages

    def _absolute(self, page):
        return public_url(page.get_url(self.request))

    def _alternates(self, page):
        versions = self._translations[page.translation_key]
        if len(versions) < 2:
            return []
        alternates = [
            {"lang_code": code, "location": self._absolute(versions[code])}
            for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
            if code in versions
        ]
        default = versions.get(settings.LANGUAGE_CODE) or versions[alternates[0]["lang_code"]]
        alternates.append({"lang_code": "x-default", "location": self._absolute(default)})
        return alternates

    def _urls(self, page, protocol, domain):
        urls = []
        for item in self.paginator.page(page).object_list:
            urls.append(
                {
                    "item": item,
                    "location": self._absolute(item),
                    # When readers last got a new version of the page.
                    "lastmod": item.last_published_at or item.latest_revision_created_at,
                    "alternates": self._alternates(item),
                }
            )
        return urls


def language_sitemaps(request):
    return {
        code: LanguageSitemap(code, request) for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    }
