from django.http import Http404

from core.site.structure import route
from core.wagtail_hooks import serve_with_hooks

from .models import CandidateIndexPage


def export(request, path, file_format):
    """Find the directory at `path` the way Wagtail's `serve` does, then export its list."""
    components = [component for component in path.split("/") if component]
    page, args, kwargs = route(request, components)
    if not isinstance(page, CandidateIndexPage):
        raise Http404
    # Wagtail's own checks (view restrictions and the like) apply as to the page itself.
    return serve_with_hooks(
        page, request, args, kwargs, lambda page, request: page.export(request, file_format)
    )
