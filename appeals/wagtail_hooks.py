"""The admin's Appeals menu and the appeals index's "Import appeal" action."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.widgets import Button

from . import admin_import
from .models import AppealIndexPage


@hooks.register("register_admin_urls")
def import_urls():
    return [
        path("appeals/import/", admin_import.upload, name="appeals_import"),
        path("appeals/import/<str:token>/", admin_import.preview, name="appeals_import_preview"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_import.can_import(request.user)


class AppealsMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return admin_import.can_import(request.user)


class AllAppealsMenuItem(MenuItem):
    """The appeals section of the tree, in the person's admin language when there is one."""

    def render_component(self, request):
        from django.utils.translation import get_language
        from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent

        indexes = AppealIndexPage.objects.order_by("pk")
        index = indexes.filter(locale__language_code=get_language()).first() or indexes.first()
        url = reverse("wagtailadmin_explore", args=[index.pk]) if index else self.url
        return LinkMenuItemComponent(
            self.name, self.label, url, icon_name=self.icon_name, classname=self.classname
        )


@hooks.register("register_admin_menu_item")
def appeals_menu():
    items = [
        AllAppealsMenuItem(_("All appeals"), "#", name="all-appeals", icon_name="doc-full"),
        ImportMenuItem(
            _("Import appeal"), reverse("appeals_import"), name="import", icon_name="upload"
        ),
    ]
    return AppealsMenuItem(
        _("Appeals"), Menu(items=items), name="appeals", icon_name="doc-full", order=150
    )


@hooks.register("register_page_header_buttons")
def import_button(page, user, view_name, next_url=None):
    if page.specific_class is AppealIndexPage and admin_import.can_import(user):
        yield Button(
            _("Import appeal"),
            reverse("appeals_import"),
            icon_name="upload",
            priority=80,
        )
