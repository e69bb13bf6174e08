"""The second factor in Wagtail: the account settings panel, the admin URLs of the second step,
and the second step before a private page or document."""

from django import forms
from django.urls import include, path
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.account import BaseSettingsPanel, SettingsTab
from wagtail.models import BaseViewRestriction

from . import second_factor, urls
from .middleware import second_step_redirect

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


# Restrictions that admit a reader by who they are signed in as. A password restriction admits
# whoever knows the password, signed in or not: a second factor adds nothing to it.
SIGNED_IN_KINDS = (BaseViewRestriction.LOGIN, BaseViewRestriction.GROUPS)


def second_step_before_private(request, get_restrictions):
    """A page or document shown only to signed-in readers (or some groups) is as private as the
    admin: whoever has a second factor, or must have one, gives a code first, as in the admin
    (accounts.middleware); a stolen password alone opens neither.

    `get_restrictions` is called only for a signed-in reader who has not given a code this
    session, so anonymous readers and verified sessions pay nothing. A reader whom the
    restriction turns away anyway is left to Wagtail's own check (its sign-in page)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_verified():
        return None
    restrictions = [r for r in get_restrictions() if r.restriction_type in SIGNED_IN_KINDS]
    if not restrictions or not all(r.accept_request(request) for r in restrictions):
        return None
    response = second_step_redirect(request)
    if response is not None:
        add_never_cache_headers(response)
    return response


@hooks.register("before_serve_page")
def second_step_before_private_page(page, request, serve_args, serve_kwargs):
    """Runs beside Wagtail's own check of view restrictions (its on_serve_page hook, which
    wagtail.views.serve applies after every before_serve_page hook); the candidates' exports
    are routes of their directory page, so they pass here too."""
    return second_step_before_private(request, page.get_view_restrictions)


@hooks.register("before_serve_document")
def second_step_before_private_document(document, request):
    """Documents in a collection under a view restriction (wagtail.documents serves them)."""
    return second_step_before_private(request, document.collection.get_view_restrictions)
