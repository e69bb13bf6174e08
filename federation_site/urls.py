from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core.site import serving
from editorial.views import ReviewActionView

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("sitemap-<str:section>.xml", views.sitemap_language, name="sitemap_language"),
    # Wagtail's workflow action, with a message saying what it did (editorial.views).
    path(
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        ReviewActionView.as_view(),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page lives under its language: /kk/..., /ru/...; "/" redirects by the
# visitor's cookie or Accept-Language (LocaleMiddleware).
urlpatterns += i18n_patterns(
    # Before Wagtail's catch-all, which would otherwise look for a page called "search".
    path("search/", views.search, name="search"),
    # The directory's export.csv / export.json, routes of the directory page whose URLs end
    # without a slash: handed to the same serve as every page (candidates/urls.py).
    path("", include("candidates.urls")),
    # Wagtail's serve, routed through the cached site structure (core.site.serving.serve);
    # Wagtail's own routes under _util/ (a page's password form, the readers' sign-in) come
    # after it.
    re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", serving.serve, name="serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "federation_site.views.page_not_found"
handler500 = "federation_site.views.server_error"
