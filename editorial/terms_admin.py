"""The term base in the admin: a snippet Moderators edit (add, change, delete) and every
editorial role may read (editorial/setup.py grants the permissions)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Term


class TermViewSet(SnippetViewSet):
    model = Term
    icon = "doc-full"
    menu_label = _("Term base")
    list_display = ["kk", "ru", "note"]
    search_fields = ["kk", "ru", "note"]
    search_backend_name = None
    ordering = ["kk"]
    add_to_admin_menu = False


register_snippet(TermViewSet)
