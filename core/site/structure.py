"""The site's fixed structure, read once and shared: the Site, each language's home page and
its live, public section pages (the navigation).

Every public page needs these (routing, the language switcher, the navigation); reading them
from the database each time cost most of a page's queries. They change only when a home or
section page is published, moved or deleted, a Site or Locale changes (all of which start a
new page-cache epoch, core/caching/invalidation.py: the key below moves with it). They are
kept in the shared cache, so every process sees the change. Which pages are restricted is not
kept here (core/site/visibility.py decides it from the database).
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404
from wagtail.models import Page, Site

from core.caching.page_cache import page_cache, request_epoch
from core.site.tree import SECTION_DEPTH
from core.site.visibility import public_pages

LIFETIME = 60 * 60


@dataclass
class SiteStructure:
    site: Site
    # language code -> the live home page of that language (specific)
    homes: dict = field(default_factory=dict)
    # home page id -> its live, public children in tree order (specific)
    sections: dict = field(default_factory=dict)

    def home_for(self, language_code):
        return self.homes.get(language_code)


def _build(site):
    structure = SiteStructure(site=site)
    homes = (
        site.root_page.get_translations(inclusive=True).live().select_related("locale").specific()
    )
    for home in homes:
        structure.homes[home.locale.language_code] = home
        structure.sections[home.pk] = []
    by_path = {home.path: home for home in structure.homes.values()}
    under_a_home = Q(pk__in=[])
    for path in by_path:
        under_a_home |= Q(path__startswith=path)
    children = public_pages(Page.objects.filter(under_a_home, depth=SECTION_DEPTH)).order_by("path")
    for section in children.specific():
        home = by_path.get(section.path[: -section.steplen])
        if home is not None:
            section._cached_parent_obj = home
            structure.sections[home.pk].append(section)
    return structure


# (host, port) -> (epoch, structure): this process's copy, good while the epoch is the same.
_in_process = {}


def site_for_request(request):
    """The Site and its structure for this request (cached on the request; in this process
    and in the shared cache for the current page-cache epoch; else read from the database).
    One cache round trip (the epoch, read once per request: `request_epoch`) when this
    process already holds the structure."""
    cached = getattr(request, "_site_structure", None)
    if cached is not None:
        return cached
    host, port = request.get_host().split(":")[0], request.get_port()
    epoch = request_epoch(request)
    held = _in_process.get((host, port))
    if epoch is not None and held is not None and held[0] == epoch:
        structure = held[1]
    else:
        key = f"site-structure:{epoch or 'none'}:{host}:{port}"
        structure = page_cache().get(key)
        if structure is None:
            site = Site.find_for_request(request)
            if site is None:
                return None
            structure = _build(site)
            page_cache().set(key, structure, LIFETIME)
        if epoch is not None:  # without a reachable cache, nothing is held
            _in_process[(host, port)] = (epoch, structure)
    request._site_structure = structure
    # Wagtail's own lookups (Site.find_for_request) find it here instead of the database.
    request._wagtail_site = structure.site
    return structure


def route(request, path_components):
    """Route a public path as Wagtail would from the home page of the active language, with
    the home and its sections from the cached structure. Raises Http404; returns Wagtail's
    RouteResult. Falls back to Wagtail's own routing for a language without a home."""
    from django.utils import translation

    structure = site_for_request(request)
    if structure is None:
        raise Http404
    home = structure.home_for(translation.get_language())
    if home is None:
        return structure.site.root_page.localized.specific.route(request, path_components)
    sections = structure.sections.get(home.pk, [])
    first = path_components[0] if path_components else None
    section = next((s for s in sections if first is not None and s.slug == first), None)
    if section is not None:
        return section.route(request, path_components[1:])
    return home.route(request, path_components)
