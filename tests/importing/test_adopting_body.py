"""An imported appeal names the council that adopted it, from its adoption line, in each
language, and its page shows that body and a date (issue 22: "appeals show their date and
adopting body")."""

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from appeals.bodies import adopting_body

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("line", "language", "expected"),
    [
        ("Бас кеңесінің шешімімен қабылданған", "kk", "Бас кеңес"),
        ("Принято решением Генерального Совета Федерации профсоюзов РК", "ru", "Генеральный совет"),
        ("Атқару комитетінің қаулысымен қабылданды", "kk", "Атқару комитеті"),
        ("Принято постановлением Исполнительного комитета", "ru", "Исполнительный комитет"),
        ("Принято на собрании", "ru", ""),
    ],
)
def test_the_body_named_by_the_adoption_line(line, language, expected):
    assert adopting_body(line, language) == expected


def test_the_seed_appeal_says_who_adopted_it_and_when(client, seed_appeal, caches_off):
    kk, ru = seed_appeal
    assert kk.adopting_body == "Бас кеңес"
    assert ru.adopting_body == "Генеральный совет"
    for page, language, published in (
        (kk, "kk", "жарияланған"),
        (ru, "ru", "опубликовано"),
    ):
        soup = BeautifulSoup(client.get(page.url).content, "html.parser")
        meta = soup.select_one(".appeal__meta").get_text(" ", strip=True)
        with override(language):
            day = date_format(timezone.localdate(page.first_published_at))
        assert meta.startswith(page.adopting_body + ",")
        assert day in meta and published in meta
