"""Reference data of the candidate directory, edited once in the admin as snippets."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Election, ElectoralBody, MemberUnion, Party, Region

NAME = Column("name", label=pgettext_lazy("reference data", "name"))


class ElectionViewSet(SnippetViewSet):
    model = Election
    icon = "date"
    list_display = [NAME, "date", "code"]


class ElectoralBodyViewSet(SnippetViewSet):
    model = ElectoralBody
    icon = "group"
    list_display = [NAME, "code"]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    list_display = [NAME, "code", "kind"]
    list_filter = ["kind"]


class PartyViewSet(SnippetViewSet):
    model = Party
    icon = "tag"
    list_display = [NAME, "code"]


class MemberUnionViewSet(SnippetViewSet):
    model = MemberUnion
    icon = "group"
    list_display = [NAME, "code", "website"]


class ElectionDataGroup(SnippetViewSetGroup):
    menu_label = _("Election data")
    menu_icon = "list-ul"
    menu_order = 250
    items = (
        ElectionViewSet,
        ElectoralBodyViewSet,
        RegionViewSet,
        PartyViewSet,
        MemberUnionViewSet,
    )


register_snippet(ElectionDataGroup)
