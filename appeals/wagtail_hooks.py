"""The admin's Appeals menu and the appeals index's "Import appeal" action."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.widgets import Button

from . import admin_views
from .models import AppealIndexPage


@hooks.register("register_admin_urls")
def import_urls():
    return [
        path("appeals/", admin_views.appeals_section, name="appeals_section"),
        path("appeals/import/", admin_views.upload, name="appeals_import"),
        path("appeals/import/<str:token>/", admin_views.preview, name="appeals_import_preview"),
    ]


class ImportMenuItem(MenuItem):
    """Shown to the people who may import (one permission check, no query)."""

    def is_shown(self, request):
        return admin_views.can_import(request.user)


class AppealsMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return admin_views.can_import(request.user)


@hooks.register("register_admin_menu_item")
def appeals_menu():
    items = [
        ImportMenuItem(
            _("All appeals"), reverse("appeals_section"), name="all-appeals", icon_name="doc-full"
        ),
        ImportMenuItem(
            _("Import appeal"), reverse("appeals_import"), name="import", icon_name="upload"
        ),
    ]
    return AppealsMenuItem(
        _("Appeals"), Menu(items=items), name="appeals", icon_name="doc-full", order=150
    )


@hooks.register("register_page_header_buttons")
def import_button(page, user, view_name, next_url=None):
    if page.specific_class is AppealIndexPage and admin_views.can_import(user):
        yield Button(
            _("Import appeal"),
            reverse("appeals_import"),
            icon_name="upload",
            priority=80,
        )
