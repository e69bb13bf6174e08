"""Render public URLs and count rows in whatever database the environment names; prints JSON.

Used by tests/operations/test_backup_restore.py on the restored copy of a site:
`python tests/render_pages.py URL...` with DJANGO_SETTINGS_MODULE and DATABASE_URL set.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from django.test import Client  # noqa: E402

COUNTED = [
    "wagtailcore.Page",
    "wagtailcore.Revision",
    "wagtailcore.WorkflowState",
    "wagtailcore.TaskState",
    "wagtail_localize.TranslationSource",
    "wagtail_localize.StringTranslation",
    "wagtail_localize.Translation",
    "wagtailimages.Image",
    "wagtailimages.Rendition",
    "wagtaildocs.Document",
    "auth.User",
]


def main(urls):
    client = Client(HTTP_HOST="testserver")
    pages = {}
    for url in urls:
        response = client.get(url)
        pages[url] = {"status": response.status_code, "html": response.content.decode()}
    counts = {label: apps.get_model(label).objects.count() for label in COUNTED}
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    files = [image.file.name for image in get_image_model().objects.all()]
    files += [document.file.name for document in get_document_model().objects.all()]
    missing = [name for name in files if not default_storage.exists(name)]
    print(json.dumps({"pages": pages, "counts": counts, "missing_files": missing}))


if __name__ == "__main__":
    main(sys.argv[1:])
