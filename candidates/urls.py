"""<directory URL>export.csv and export.json, the directory's exports.

They are routes of the directory page (`CandidateIndexPage.export`, RoutablePageMixin), which
Wagtail routes as `<directory path>export.csv/`; but Wagtail's page URLs are slash-terminated
words, and the exports' public URLs end in `.csv` and `.json`. So this pattern, inside
`i18n_patterns` before the serve route, hands them to the same serve as every page, with the
path the directory routes (candidates/views.py).
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
