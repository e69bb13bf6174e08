"""Concurrent admin-like writers on one SQLite file, as `make run` meets them: an editor's
autosave (a new revision), the editing-session ping, and "Submit for review" (a revision and
a workflow in one transaction), each from its own process (runserver's threads and gunicorn's
workers are separate connections). Prints a JSON summary: operations done, errors seen.

Run by tests/operations/test_sqlite_concurrency.py as `python tests/sqlite_hammer.py` with
DJANGO_SETTINGS_MODULE and DATABASE_URL set to a migrated SQLite file.
"""

import json
import multiprocessing
import os
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connections, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.admin.models import EditingSession  # noqa: E402
from wagtail.models import Page, Workflow, WorkflowState  # noqa: E402

ROUNDS = int(os.environ.get("HAMMER_ROUNDS", "25"))


def setup():
    from core.site.setup import ensure_site_structure
    from editorial.setup import setup_editorial

    sections = ensure_site_structure()
    setup_editorial()
    user, _ = get_user_model().objects.get_or_create(username="hammer", is_superuser=True)
    index = sections["news.NewsIndexPage"]
    from news.models import NewsPage

    pages = []
    for number in range(3):
        page = NewsPage(title=f"Hammer {number}", slug=f"hammer-{number}", lead="L", body=[])
        index.add_child(instance=page)
        pages.append(page.pk)
    session = EditingSession.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(Page),
        object_id=str(pages[0]),
        last_seen_at=timezone.now(),
    )
    return user.pk, pages, session.pk


def autosave(user_id, page_id, round_number):
    with transaction.atomic():
        page = Page.objects.get(pk=page_id).specific
        page.title = f"Autosaved {round_number}"
        page.save_revision(user=get_user_model().objects.get(pk=user_id))


def ping(user_id, session_id, round_number):
    with transaction.atomic():
        session = EditingSession.objects.get(pk=session_id)
        session.last_seen_at = timezone.now()
        session.is_editing = bool(round_number % 2)
        session.save()


def submit(user_id, page_id, round_number):
    user = get_user_model().objects.get(pk=user_id)
    with transaction.atomic():
        page = Page.objects.get(pk=page_id).specific
        page.save_revision(user=user)
        state = page.current_workflow_state
        if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
            state.cancel(user=user)
        Workflow.objects.get(active=True).start(page, user)


def worker(kind, args, queue):
    connections.close_all()  # each process opens its own connection
    done, errors = 0, []
    action = {"autosave": autosave, "ping": ping, "submit": submit}[kind]
    for round_number in range(ROUNDS):
        try:
            action(*args, round_number)
            done += 1
        except Exception as error:  # noqa: BLE001  (every error is the result)
            errors.append(f"{kind}: {type(error).__name__}: {error}")
            errors.append(traceback.format_exc(limit=2))
    queue.put((done, errors))


def main():
    user_id, pages, session_id = setup()
    connections.close_all()
    queue = multiprocessing.get_context("fork").Queue()
    plan = [
        ("autosave", (user_id, pages[0])),
        ("autosave", (user_id, pages[1])),
        ("ping", (user_id, session_id)),
        ("ping", (user_id, session_id)),
        ("submit", (user_id, pages[2])),
        ("submit", (user_id, pages[0])),
    ]
    processes = [
        multiprocessing.get_context("fork").Process(target=worker, args=(kind, args, queue))
        for kind, args in plan
    ]
    for process in processes:
        process.start()
    results = [queue.get(timeout=600) for _ in processes]
    for process in processes:
        process.join()
    print(
        json.dumps(
            {
                "operations": sum(done for done, _ in results),
                "errors": [error for _, errors in results for error in errors],
            }
        )
    )


if __name__ == "__main__":
    main()
