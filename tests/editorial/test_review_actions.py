"""What an editor and a Moderator see around a review: after submitting, the editor's main
button says the page is in review (cancelling the workflow stays in the menu, not as the
button they press by habit); approving or asking for changes from the dashboard says what
happened."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.editorial.test_editorial_permission_matrix import page_form
from tests.editorial_helpers import (
    admin_text,
    create_appeal,
    current_task_state,
    edit_url,
    login,
)

pytestmark = pytest.mark.django_db


def footer_actions(client, page):
    """(the main button's text, the names of the other actions) of the edit view's footer."""
    soup = BeautifulSoup(client.get(edit_url(page)).content, "html.parser")
    footer = soup.select_one("footer.footer")
    main = footer.select_one(".w-dropdown-button > button, .w-dropdown-button > a")
    if main is None:  # a single action, no dropdown
        main = footer.find(["button", "a"])
    others = [
        item.get("name") or item.get_text(" ", strip=True)
        for item in footer.select(".w-dropdown__content button, .w-dropdown__content a")
    ]
    return " ".join(main.get_text(" ", strip=True).split()), main, others


def submitted_by(client, user, page):
    login(client, user)
    response = client.post(
        edit_url(page), page_form(page.title, slug=page.slug, **{"action-submit": "1"})
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_after_submitting_the_main_button_says_in_review(client, users, language):
    page = create_appeal(language, "Тексерудегі үндеу", "Мәтін.", publish=False)
    submitted_by(client, users["editor"], page)
    text, main, others = footer_actions(client, page)
    assert text == admin_text("In review")
    assert main.has_attr("disabled")
    cancel = admin_text("Cancel workflow ").strip()
    assert cancel not in text
    assert any(cancel in other or other == "action-cancel-workflow" for other in others)


@pytest.mark.parametrize(
    "action, expected",
    [
        ("approve", "“%(title)s” is approved and published."),
        ("reject", "“%(title)s” is sent back to its author for changes."),
    ],
)
def test_a_review_from_the_dashboard_says_what_happened(client, users, action, expected):
    page = create_appeal("kk", "Қаралатын үндеу", "Мәтін.", publish=False)
    submitted_by(client, users["editor"], page)
    client.logout()
    login(client, users["moderator"])
    dashboard = reverse("wagtailadmin_home")
    task_state = current_task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    data = {"comment": "Түзетіңіз"} if action == "reject" else {}
    response = client.post(f"{url}?next={dashboard}", data)
    assert response.status_code == 302
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert admin_text(expected, title="Қаралатын үндеу") in shown


def test_wagtail_workflow_action_url_is_served_by_ours():
    """federation_site/urls.py routes Wagtail's URL to our view; should Wagtail move the
    URL, this fails instead of the messages silently disappearing."""
    from django.urls import resolve

    from editorial.views import ReviewActionView

    url = reverse("wagtailadmin_pages:workflow_action", args=[1, "approve", 1])
    assert resolve(url).func.view_class is ReviewActionView
