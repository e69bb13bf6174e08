from django import forms
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.account import BaseSettingsPanel, SettingsTab

from . import second_factor, urls

security_tab = SettingsTab("security", _("Security"), order=400)


class _NothingToSave(forms.Form):
    """The account page saves every panel's form; this panel only links elsewhere."""

    def __init__(self, *args, instance=None, **kwargs):
        super().__init__(*args, **kwargs)

    def save(self):
        return None


class TwoFactorPanel(BaseSettingsPanel):
    name = "two_factor"
    title = _("Two-factor authentication")
    tab = security_tab
    order = 100
    template_name = "accounts/panels/two_factor.html"
    form_class = _NothingToSave

    def get_context_data(self):
        return {"has_second_factor": second_factor.has_second_factor(self.user)}


@hooks.register("register_account_settings_panel")
def register_two_factor_panel(request, user, profile):
    return TwoFactorPanel(request, user, profile)


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [path("", include(urls))]
