import datetime

from django.template import Context, Template
from django.utils import translation


def render_date(language, value):
    with translation.override(language):
        return Template("{{ value|date }}").render(Context({"value": value}))


def test_kazakh_dates_are_written_the_kazakh_way():
    assert render_date("kk", datetime.date(2023, 3, 19)) == "2023 жылғы 19 наурыз"
    assert render_date("kk", datetime.date(2024, 12, 1)) == "2024 жылғы 1 желтоқсан"


def test_russian_dates_use_the_genitive():
    assert render_date("ru", datetime.date(2023, 3, 19)) == "19 марта 2023 г."


def test_kazakh_input_formats_are_day_first():
    from django import forms

    with translation.override("kk"):
        field = forms.DateField(localize=True)
        assert field.clean("19.03.2023") == datetime.date(2023, 3, 19)
