"""Serving a page under a view restriction: decided once per request, and never kept; and
the `share` image operation (core/share_images.py).

Wagtail's own `check_view_restrictions` (an `on_serve_page` hook) asks the page for its
restrictions and answers with the password form or the sign-in redirect. This hook runs around
it (registered first, so it is the outer one): it asks once (core/site/visibility.py, from the
database by page id), lets Wagtail's check reuse that answer, and marks the request so that
neither the page cache nor the kept fragments store anything from it (core/caching/page_cache.py
`response_is_cacheable`): not the password form, and not the page itself as served to a reader
who has passed the restriction.
"""

from wagtail import hooks

from core.share_images import ShareCardOperation


@hooks.register("register_image_operations")
def share_card_operation():
    return [("share", ShareCardOperation)]


@hooks.register("on_serve_page", order=-100)
def restricted_pages_are_never_kept(serve):
    def inner(page, request, serve_args, serve_kwargs):
        restrictions = list(page.get_view_restrictions())
        if restrictions:
            request.page_cache_forbidden = True
        page._view_restrictions_this_request = restrictions
        try:
            return serve(page, request, serve_args, serve_kwargs)
        finally:
            del page._view_restrictions_this_request

    return inner
