"""Reference data named in every content language, entered once (the candidates' elections,
bodies, regions, parties and member unions; news categories).

Why a JSON field keyed by language code ({"kk": "...", "ru": "..."}) and not one column per
language or a TranslatableMixin snippet:

- a TranslatableMixin snippet makes one row per language, and the candidacies copied onto a
  translated page by wagtail-localize keep pointing at the source language's row (foreign keys
  on inline models are not localised, wagtail-localize #710), so a Russian profile would name
  its region in Kazakh;
- one column per language would make adding a language (en) a model change and a migration;
  with a JSON field it is a settings change: the admin form grows an input for every language
  in WAGTAIL_CONTENT_LANGUAGES, and a missing name falls back to the default language.
"""

import functools

from django import forms
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.site.i18n import content_languages


def localized(names, language=None):
    """The name in `language` (default: the active one), else the default language's, else any."""
    if not names:
        return ""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return names.get(language) or names.get(settings.LANGUAGE_CODE) or next(iter(names.values()))


# Alphabetical order as each language has it; code point order puts the Kazakh letters
# (Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, Һ, І) after Я.
ALPHABETS = {
    "kk": "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
}


@functools.cache
def _alphabet_order(language):
    return {letter: position for position, letter in enumerate(ALPHABETS.get(language, ""))}


def sort_key(text, language=None):
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return _sort_key(str(text), language)


@functools.lru_cache(maxsize=4096)
def _sort_key(text, language):
    """A pure function of the text and the language: kept per process (the directory's
    filters sort the same few dozen names on every render)."""
    order = _alphabet_order(language)
    return tuple(order.get(char, 100 + ord(char)) for char in text.casefold())


class UnicodeJSONEncoder(DjangoJSONEncoder):
    """Stores Cyrillic as is (readable in the database, searchable with LIKE on SQLite)."""

    def __init__(self, *args, **kwargs):
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


class LocalizedNamesWidget(forms.MultiWidget):
    """One labelled text input per content language (inputs carry `lang`)."""

    template_name = "core/widgets/localized_names.html"

    def __init__(self, attrs=None):
        self.languages = content_languages()
        widgets = {code: forms.TextInput(attrs={"lang": code}) for code, _name in self.languages}
        super().__init__(widgets, attrs)

    def decompress(self, value):
        value = value or {}
        return [value.get(code, "") for code, _name in self.languages]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, (_code, language_name) in zip(
            context["widget"]["subwidgets"], self.languages, strict=True
        ):
            subwidget["language_name"] = language_name
        return context

    def id_for_label(self, id_):
        # The field's own label points at the first language's input.
        return f"{id_}_0" if id_ else id_


class LocalizedNamesFormField(forms.MultiValueField):
    def __init__(self, *, max_length=255, **kwargs):
        self.languages = content_languages()
        fields = [
            forms.CharField(
                max_length=max_length,
                error_messages={
                    "incomplete": _("Enter the name in every language (missing: %(language)s).")
                    % {"language": language_name}
                },
            )
            for _code, language_name in self.languages
        ]
        kwargs.setdefault("widget", LocalizedNamesWidget())
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        return {
            code: value.strip()
            for (code, _name), value in zip(self.languages, data_list, strict=False)
            if value and value.strip()
        }


class LocalizedNamesField(models.JSONField):
    """{language code: name}; edited as one text input per content language."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("encoder", UnicodeJSONEncoder)
        kwargs.setdefault("default", dict)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        # Skip JSONField.formfield (a JSON textarea): one input per language instead.
        return models.Field.formfield(self, form_class=LocalizedNamesFormField, **kwargs)


class LocalizedNamesMixin(models.Model):
    names = LocalizedNamesField(
        pgettext_lazy("reference data", "name"), help_text=_("The name in each language.")
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self):
        return localized(self.names)
