"""<directory URL>export.csv and export.json.

Wagtail's page URLs are slash-terminated words (no dots), so these two cannot be page routes;
this pattern goes inside `i18n_patterns`, before Wagtail's catch-all.
"""

from django.urls import re_path

from . import views

urlpatterns = [
    re_path(
        r"^(?P<path>(?:[\w\-]+/)+)export\.(?P<file_format>csv|json)$",
        views.export,
        name="candidates_export",
    ),
]
