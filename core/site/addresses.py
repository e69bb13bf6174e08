"""The site's public address, and absolute URLs on it.

Canonical links, hreflang alternates, Open Graph, structured data, sitemaps and feeds name
pages by absolute URLs. They are built on the one public address the deployment declares
(`WAGTAILADMIN_BASE_URL`, which the frontend-cache purge and Wagtail's notification e-mails
use too), never on the host a request happened to arrive on: a page reached through another
name of the server (an IP address, `localhost`, a second domain) still names its canonical
address, and Wagtail's `Site` record (`localhost:80` as `setup_site` makes it) is not asked.
"""

from django.conf import settings

from core.site.i18n import same_site_path


def public_root():
    """`https://example.kz`: the public address without a trailing slash."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def public_url(path):
    """`path` (a site-relative URL) as an absolute URL at the public address; a URL that is
    already absolute (media on another host) is returned as it is."""
    if path.startswith(("http://", "https://")):
        return path
    return public_root() + same_site_path(path)
