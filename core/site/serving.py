"""Serving a public page: routed from the cached site structure, then Wagtail's own serve.

Apart from core/site/structure.py because Wagtail's views module needs the models loaded,
and the structure is read by models.
"""

from django.http import Http404
from wagtail import views as wagtail_views

from core.site.structure import route


def serve(request, path):
    """Wagtail's `serve`, routed through the cached site structure: the home page of the
    reader's language and its sections come from core/site/structure.py, not from three
    queries per request. Wagtail then serves the routed page as usual (its hooks, view
    restrictions and all); paths below no section fall back to Wagtail's own routing. Every
    public page path comes here (federation_site/urls.py), and so do the directory's exports
    (candidates/urls.py)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        try:
            result = route(request, [component for component in path.split("/") if component])
        except Http404:
            result = None
        request._wagtail_route_for_request = result
    return wagtail_views.serve(request, path)
