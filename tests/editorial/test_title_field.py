"""A long title is edited in a field that shows all of it: appeals' titles run to about 150
characters, and the one-line field showed 40."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from appeals.models import AppealPage
from tests.editorial_helpers import appeal_index, login

pytestmark = pytest.mark.django_db

LONG_TITLE = (
    "Қазақстан Республикасы Кәсіподақтар Федерациясының Қазақстан Республикасы Парламенті "
    "Мәжілісі мен мәслихаттар депутаттарын сайлау жөніндегі үндеуі"
)


@pytest.mark.parametrize("page_type", ["appeals.appealpage", "news.newspage"])
def test_the_title_is_a_growing_multi_line_field(client, users, page_type):
    from news.models import NewsIndexPage

    login(client, users["editor"])
    parent = (
        appeal_index("kk")
        if page_type == "appeals.appealpage"
        else NewsIndexPage.objects.get(locale__language_code="kk")
    )
    app, model = page_type.split(".")
    html = client.get(reverse("wagtailadmin_pages:add", args=[app, model, parent.pk])).content
    title = BeautifulSoup(html, "html.parser").find(attrs={"name": "title"})
    assert title.name == "textarea"
    controllers = title["data-controller"].split()
    assert "w-autosize" in controllers and "w-sync" in controllers  # grows; fills the slug
    assert title["maxlength"] == "255"


def test_a_line_break_in_the_title_becomes_a_space(client, users):
    login(client, users["editor"])
    parent = appeal_index("kk")
    data = nested_form_data(
        {
            "title": LONG_TITLE.replace(" Парламенті ", " Парламенті\r\n"),
            "slug": "undeu",
            "number": "1",
            "date_adopted": "2023-02-01",
            "body": streamfield([("paragraph", rich_text("<p>Мәтін.</p>"))]),
            "comments": inline_formset([]),
        }
    )
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["appeals", "appealpage", parent.pk]), data
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AppealPage.objects.get(slug="undeu").title == LONG_TITLE
