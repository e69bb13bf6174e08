from django.http import Http404, HttpResponse
from wagtail import hooks

from core.site_structure import route

from .models import CandidateIndexPage


def export(request, path, file_format):
    """Find the directory at `path` the way Wagtail's `serve` does, then export its list."""
    components = [component for component in path.split("/") if component]
    page, args, kwargs = route(request, components)
    if not isinstance(page, CandidateIndexPage):
        raise Http404
    # Wagtail's own checks (view restrictions and the like) apply as to the page itself.
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return page.export(request, file_format)
