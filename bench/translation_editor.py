"""Server time and queries of the translation editor for a 36- and a 360-segment page.

Run by `make bench` after the site runs (against the bench database, which holds the demo):
builds a Kazakh appeal of N paragraphs, submits it for translation into Russian, translates
every segment, and opens wagtail-localize's editor as a Russian translator through the real
admin view (the Django test client, signed in with the second step production requires, no
network), best of five.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "federation_site.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402

from core.site.setup import ensure_site_structure  # noqa: E402
from editorial.roles import translators_group_name  # noqa: E402
from editorial.setup import setup_editorial  # noqa: E402
from tests.editorial_helpers import (  # noqa: E402
    create_appeal,
    edit_url,
    fill_strings,
    make_user,
    submit_for_translation,
    target_page,
)
from tests.signing_in import sign_in  # noqa: E402


def main():
    ensure_site_structure()
    setup_editorial()
    tag = get_random_string(6).lower()
    translator = make_user(f"bench-translator-{tag}", translators_group_name("ru"))
    client = Client(HTTP_HOST="127.0.0.1")
    sign_in(client, translator)  # with the second step production asks of the admin's users
    for paragraphs in (36, 360):
        texts = [f"Сөйлем {n}: кәсіподақ мүшелерінің еңбегін қорғау." for n in range(paragraphs)]
        page = create_appeal("kk", f"Bench {tag} {paragraphs}", *texts)
        translation = submit_for_translation(page, "ru")
        fill_strings(translation, user=translator)
        url = edit_url(target_page(translation))
        client.get(url, secure=True)
        times = []
        for _ in range(5):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url, secure=True)
                times.append(time.perf_counter() - start)
            assert response.status_code == 200, response.status_code
        print(
            f"translation editor, {paragraphs:>3} paragraphs "
            f"({translation.source.stringsegment_set.count()} segments): "
            f"{min(times) * 1000:.0f} ms best of 5, {len(queries)} queries"
        )


if __name__ == "__main__":
    main()
