import datetime

import pytest

from tests import candidates_factories as make
from tests.news_factories import news_index, publish_news, tiny_image, translate_news


@pytest.fixture
def every_page_type(seed_appeal):
    """{kind: (kk page, ru page)} for every kind of indexable page: the home, the three section
    indexes, the seed appeal, a news item with a picture, and a candidate's profile."""
    kk_appeal, ru_appeal = seed_appeal
    kk_home, ru_home = kk_appeal.get_parent().get_parent(), ru_appeal.get_parent().get_parent()
    news = publish_news(
        news_index("kk"),
        "Сайлау туралы жаңалық",
        date=datetime.date(2023, 3, 1),
        main_image=tiny_image(size=(960, 540)),
        image_alt="Жиналыс залы",
    )
    kk_directory, ru_directory = make.indexes()
    person = make.candidate(
        kk_directory,
        "Ахметов Ерлан Серікұлы",
        [make.candidacy(district_number=7)],
        photo=make.photo(colour="#c03030"),
        occupation="электр монтері",
        workplace="«Демо Энерго» АҚ",
    )
    return {
        "home": (kk_home.specific, ru_home.specific),
        "appeal index": (kk_appeal.get_parent().specific, ru_appeal.get_parent().specific),
        "appeal": (kk_appeal, ru_appeal),
        "news index": (news_index("kk"), news_index("ru")),
        "news": (news, translate_news(news)),
        "candidate directory": (kk_directory, ru_directory),
        "candidate": (person, make.translate(person, "Ахметов Ерлан Серикович")),
    }
