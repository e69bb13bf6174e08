"""The directory's filters: the same query string selects the same people in every language.

Every filter but the name search compares synchronised facts (reference data ids, choice
values), never translated text. Candidacy filters apply to one and the same candidacy: "region X and
status elected" means elected in X, not elected somewhere and a candidate in X.

The directory page (candidates/models.py) imports this module and candidates/exports.py, so
the imports run one way: the models are named here, not imported (`_model`, from Django's app
registry, as a ForeignKey names "wagtailimages.Image"), and looked up only when a filter is
made or run, once the app registry is ready.
"""

import functools
import re
from urllib.parse import urlencode

import django_filters
from django import forms
from django.apps import apps
from django.conf import settings
from django.db import connections
from django.db.models import Prefetch
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.caching.fragments import card_key_only, render_cards
from core.localized import sort_key
from core.markup import text

from .cards import CARD, as_rows, card_rows, prepare_cards


def _model(name):
    """A model of this app by name (see the module docstring)."""
    return apps.get_model("candidates", name)


def sorted_by_name(objects):
    """Reference rows in the alphabetical order of the active language."""
    return sorted(objects, key=lambda obj: sort_key(obj.name))


# Letters a reader may type for one another: Kazakh letters typed on a Russian keyboard, ё/е.
_LETTER_GROUPS = ["аә", "гғ", "иі", "кқ", "нң", "оө", "уұү", "хһ", "её"]
_VARIANTS = {letter: group for group in _LETTER_GROUPS for letter in group}


def _letter_class(char):
    if not char.isalpha():
        return re.escape(char)
    letters = set(_VARIANTS.get(char.lower(), char.lower()))
    letters |= {letter.upper() for letter in letters}
    return "[" + "".join(sorted(letters)) + "]"


def name_patterns(query):
    """One regular expression per word of `query`; a name matches when it matches them all.

    Case-insensitive by construction (both cases are in each class), so it behaves the same
    on SQLite, whose LIKE folds only ASCII, and on PostgreSQL whatever its collation.
    """
    return ["".join(_letter_class(char) for char in word) for word in query.split()]


# filter name -> Candidacy field it compares
CANDIDACY_FILTERS = {
    "election": "election_id",
    "body": "body_id",
    "region": "region_id",
    "nomination": "nomination_type",
    "status": "status",
}


class Select(forms.Select):
    """Django's select written out directly, with the same markup: Django renders every option
    through a template of its own, which was a fifth of the directory's render time (the
    region filter alone has 21 options)."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = self.format_value(value)[:1]  # one choice, as the widget's own template
        options = "".join(
            f'<option value="{text(key)}"'
            f"{' selected' if str(key) in selected else ''}>{text(label)}</option>"
            for key, label in self.choices
        )
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, attrs, mark_safe(options))  # noqa: S308


class SearchInput(forms.TextInput):
    """Django's text input written out directly (see `Select`)."""

    input_type = "search"

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, {"type": self.input_type, "name": name, **attrs})
        if value not in (None, ""):
            attrs["value"] = self.format_value(value)
        return format_html("<input{}>", flatatt(attrs))


def _choices(rows):
    return [(str(row.pk), row.name) for row in rows()]


# The filters' reference data: (filter, model, its fields but the id and names). Every field
# is read, so the objects are whole; ordered as each model's Meta.ordering.
REFERENCE_TABLES = (
    ("election", "Election", ("code", "date")),
    ("body", "ElectoralBody", ("code", "sort_order")),
    ("region", "Region", ("code", "kind")),
    ("union", "MemberUnion", ("code", "website")),
)


def reference_data():
    """{filter name: its model's rows, in the model's order} for the four reference tables,
    in one query: four querysets cost four times the ORM's work for a few dozen short rows,
    on every render of the directory with nothing kept."""
    columns = list(
        dict.fromkeys(field for _name, _model_name, fields in REFERENCE_TABLES for field in fields)
    )
    models = [_model(model_name) for _name, model_name, _fields in REFERENCE_TABLES]
    connection = connections[models[0].objects.db]
    quote = connection.ops.quote_name
    selects = []
    for number, ((_name, _model_name, fields), model) in enumerate(
        zip(REFERENCE_TABLES, models, strict=True)
    ):
        values = [
            quote(model._meta.get_field(column).column) if column in fields else "NULL"
            for column in columns
        ]
        pk, names = quote(model._meta.pk.column), quote(model._meta.get_field("names").column)
        selects.append(
            f"SELECT {number}, {pk}, {names}, {', '.join(values)} "
            f"FROM {quote(model._meta.db_table)}"
        )
    # Each model's Meta.ordering: elections by date (newest first) then code, bodies by their
    # sort order, regions by kind, unions by code; the columns of the other tables are NULL.
    position = {column: 4 + index for index, column in enumerate(columns)}
    order = ", ".join(
        ["1", f"{position['date']} DESC", str(position["sort_order"]), str(position["kind"])]
        + [str(position["code"])]
    )
    rows = {name: [] for name, _model_name, _fields in REFERENCE_TABLES}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects) + f" ORDER BY {order}")
        for number, pk, names, *values in cursor.fetchall():
            name, _model_name, fields = REFERENCE_TABLES[number]
            model = models[number]
            names = model._meta.get_field("names").from_db_value(names, None, connection)
            data = dict(zip(columns, values, strict=True))
            field_values = [model._meta.get_field(field).to_python(data[field]) for field in fields]
            rows[name].append(
                model.from_db(
                    connection.alias, ["id", "names", *fields], [pk, names, *field_values]
                )
            )
    return rows


class CandidateFilter(django_filters.FilterSet):
    """Filters are applied together in `filter_queryset`, not one by one."""

    q = django_filters.CharFilter(
        label=pgettext_lazy("person", "Name"),
        max_length=100,
        widget=SearchInput(attrs={"autocomplete": "off"}),
    )
    election = django_filters.ChoiceFilter(
        label=_("Election"), empty_label=_("All elections"), widget=Select
    )
    body = django_filters.ChoiceFilter(label=_("Body"), empty_label=_("All bodies"), widget=Select)
    region = django_filters.ChoiceFilter(
        label=_("Region"), empty_label=_("All regions"), widget=Select
    )
    union = django_filters.ChoiceFilter(
        label=_("Trade union"), empty_label=_("All trade unions"), widget=Select
    )
    nomination = django_filters.ChoiceFilter(
        label=_("Nomination"),
        empty_label=_("All nominations"),
        choices=lambda: _model("Candidacy").Nomination.choices,
        widget=Select,
    )
    status = django_filters.ChoiceFilter(
        label=pgettext_lazy("candidacy", "Status"),
        empty_label=_("All statuses"),
        choices=lambda: _model("Candidacy").Status.choices,
        widget=Select,
    )

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self._regions = None
        # One query for all the reference data, labels in the active language; made when the
        # form is validated or shown, or the map drawn (a directory page whose form and map
        # are kept asks for none).
        self.reference_data = functools.cache(reference_data)
        references = {
            "election": lambda: self.reference_data()["election"],
            "body": lambda: self.reference_data()["body"],
            "region": self.regions,
            "union": lambda: sorted_by_name(self.reference_data()["union"]),
        }
        for name, rows in references.items():
            self.filters[name].extra["choices"] = functools.cache(functools.partial(_choices, rows))
        self.candidacy_lookups = {}

    def regions(self):
        """Every region in display order, read once (the form and the map both show them)."""
        if self._regions is None:
            self._regions = _model("Region").in_display_order(self.reference_data()["region"])
        return self._regions

    def cleaned_values(self):
        """The valid, non-empty filter values, in the order of the form."""
        if not self.is_bound:
            return {}
        self.form.is_valid()  # validates; invalid fields are left out of cleaned_data
        data = self.form.cleaned_data
        return {name: data[name] for name in self.filters if data.get(name)}

    def filter_queryset(self, queryset):
        values = self.cleaned_values()
        lookups = {
            field: int(values[name]) if field.endswith("_id") else values[name]
            for name, field in CANDIDACY_FILTERS.items()
            if name in values
        }
        self.candidacy_lookups = lookups
        if lookups:
            candidacies = _model("Candidacy").objects.filter(**lookups)
            queryset = queryset.filter(pk__in=candidacies.values("page_id"))
        if "union" in values:
            queryset = queryset.filter(union_id=int(values["union"]))
        for pattern in name_patterns(values.get("q", "")):
            queryset = queryset.filter(title__regex=pattern)
        return queryset

    def query_string(self):
        """The canonical query string of the valid filters (for pagination and exports)."""
        return urlencode(list(self.cleaned_values().items()))

    @property
    def is_filtered(self):
        return bool(self.cleaned_values())


def _candidacies(queryset=None):
    queryset = _model("Candidacy").objects.all() if queryset is None else queryset
    return queryset.select_related("election", "body", "region", "party")


def for_listing(queryset):
    """What the directory paginates: with cards kept (core/caching/fragments.py), the pages
    with only what a card's key needs, and the rows of the cards to render are read by
    `rendered_cards`; else the cards' rows themselves (candidates/cards.py)."""
    if settings.FRAGMENT_CACHE_ENABLED:
        return card_key_only(queryset)
    return card_rows(queryset)


def rendered_cards(request, candidates, directory, filterset):
    """The cards of `candidates` (a page of `for_listing`, made `as_rows`), children of
    `directory`; the bodies' and regions' names from `filterset`'s reference data."""

    def load(pks):
        return as_rows(card_rows(_model("CandidatePage").objects.filter(pk__in=pks)))

    def prepare(rows):
        prepare_cards(rows, filterset.reference_data())

    where = (directory.url_path, directory.get_url(request))
    return render_cards(request, CARD, candidates, "candidate", prepare, load, directory=where)


def for_export(queryset, candidacy_lookups):
    """Candidates with only the candidacies that match the filters, as `matching_candidacies`."""
    return queryset.select_related("union").prefetch_related(
        Prefetch(
            "candidacies",
            queryset=_candidacies(_model("Candidacy").objects.filter(**candidacy_lookups)),
            to_attr="matching_candidacies",
        )
    )
