"""The site's URLs plus a view that fails, under each language prefix (for 500 tests)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from federation_site.urls import handler404, handler500, urlpatterns  # noqa: F401


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = i18n_patterns(path("broken/", broken), prefix_default_language=True) + urlpatterns
