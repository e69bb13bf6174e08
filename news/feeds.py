"""RSS 2.0 and Atom feeds of one news index: one language, absolute links at the site's
public address, the Federation as author (RFC 4287 wants one for every Atom entry)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from core.site.addresses import public_url
from core.structured_data import site_name

FEED_LENGTH = 20


class _LastChange:
    """A feed's date (RSS lastBuildDate, Atom updated) is its newest item's; Django's
    generator says "now" when no item has a date (an empty feed), so that two renders a
    second apart differ and a kept copy never matches. Then: the index's last change."""

    def latest_post_date(self):
        if any(item.get("updateddate") or item.get("pubdate") for item in self.items):
            return super().latest_post_date()
        return self.feed["last_change"]


class _Rss(_LastChange, Rss201rev2Feed):
    pass


class _Atom(_LastChange, Atom1Feed):
    pass


class NewsRssFeed(Feed):
    feed_type = _Rss
    route_name = "rss_feed"

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def _absolute(self, url):
        return public_url(url)

    def title(self, index_page):
        return f"{index_page.title} · {site_name()}"

    def author_name(self, index_page):
        return site_name()

    def author_link(self, index_page):
        home = index_page.get_parent()
        return self._absolute(home.get_url(self.request))

    # Each entry names its author too: feed readers show an entry on its own.
    def item_author_name(self, item):
        return site_name()

    def item_author_link(self, item):
        return self.author_link(self.index_page)

    def link(self, index_page):
        return self._absolute(index_page.get_url(self.request))

    def feed_url(self, index_page):
        return self._absolute(
            index_page.get_url(self.request) + index_page.reverse_subpage(self.route_name)
        )

    def description(self, index_page):
        return index_page.intro or self.title(index_page)

    subtitle = description

    def feed_extra_kwargs(self, index_page):
        return {
            "last_change": index_page.last_published_at
            or index_page.first_published_at
            or datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
        }

    # `language` stays unset: Django then uses the active language, the index's own.

    def items(self, index_page):
        return index_page.news()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return self._absolute(item.get_url(self.request))

    def item_guid(self, item):
        return self.item_link(item)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.published_at

    def item_categories(self, item):
        return [item.category.name] if item.category else []


class NewsAtomFeed(NewsRssFeed):
    feed_type = _Atom
    route_name = "atom_feed"
