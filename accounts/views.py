"""The second sign-in step, setting up an authenticator app, and recovery codes."""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from . import second_factor
from .forms import CodeForm
from .middleware import forget_second_factor_needs

THROTTLED = gettext_lazy("Too many wrong codes in a row: wait a few seconds, then try again.")


def _next_url(request):
    """Where to go after the step: a path on this site (the admin page or the private page
    that asked for the step), never another site, whatever the query string says."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url.startswith("/") and url_has_allowed_host_and_scheme(
        url, allowed_hosts=None, require_https=request.is_secure()
    ):
        return url
    return reverse("wagtailadmin_home")


@never_cache
@login_required(login_url="wagtailadmin_login")
@sensitive_post_parameters("code")
def verify(request):
    """After the password: a code from the authenticator app, or a recovery code."""
    if not second_factor.has_second_factor(request.user):
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = second_factor.verify(request.user, form.cleaned_data["code"])
        except second_factor.Throttled:
            form.add_error("code", THROTTLED)
            device = False
        if device:
            otp_login(request, device)
            if device.name == second_factor.RECOVERY_NAME:
                messages.warning(
                    request,
                    _("You signed in with a recovery code; %(count)d left.")
                    % {"count": second_factor.recovery_codes_left(request.user)},
                )
            return redirect(_next_url(request))
        elif device is None:
            form.add_error("code", _("This code is not right, or it has been used. Try again."))
    return render(request, "accounts/verify.html", {"form": form, "next": _next_url(request)})


@never_cache
@login_required(login_url="wagtailadmin_login")
@sensitive_post_parameters("code")
def setup(request):
    """Scan a QR code (or type the key) into an authenticator app, then confirm a code."""
    user = request.user
    if second_factor.has_second_factor(user) and not user.is_verified():
        # Back here afterwards, with where the user was going.
        return redirect(
            f"{reverse('accounts_verify')}?{urlencode({'next': request.get_full_path()})}"
        )
    device = second_factor.pending_authenticator(user)
    form = CodeForm(request.POST or None)
    confirmed = False
    if request.method == "POST" and form.is_valid():
        try:
            confirmed = second_factor.confirm_authenticator(device, form.cleaned_data["code"])
        except second_factor.Throttled:
            form.add_error("code", THROTTLED)
        if confirmed:
            otp_login(request, device)
            codes = second_factor.new_recovery_codes(user)
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _next_url(request), "first_time": True},
            )
        elif not form.errors:
            form.add_error(
                "code", _("This code is not right. Check the time on your phone and try again.")
            )
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "accounts/setup.html",
        {
            "form": form,
            "qr_svg": mark_safe(
                qr.svg_inline(scale=4, title=_("QR code for your authenticator app"))
            ),
            "secret": second_factor.secret_of(device),
            "issuer": settings.OTP_TOTP_ISSUER,
            "next": _next_url(request),
            "required": second_factor.must_use_second_factor(user),
        },
    )


def _status(user):
    return {
        "has_second_factor": second_factor.has_second_factor(user),
        "codes_left": second_factor.recovery_codes_left(user),
        "required": second_factor.must_use_second_factor(user) and settings.TWO_FACTOR_ENFORCED,
    }


@never_cache
@login_required(login_url="wagtailadmin_login")
def manage(request):
    return render(request, "accounts/manage.html", _status(request.user))


@never_cache
@login_required(login_url="wagtailadmin_login")
def recovery_codes(request):
    """New recovery codes (the old ones stop working); needs a verified session."""
    if not request.user.is_verified():
        return redirect(f"{reverse('accounts_verify')}?next={reverse('accounts_recovery_codes')}")
    if request.method == "POST":
        codes = second_factor.new_recovery_codes(request.user)
        return render(
            request,
            "accounts/recovery_codes.html",
            {"codes": codes, "next": reverse("accounts_manage")},
        )
    return redirect("accounts_manage")


@never_cache
@login_required(login_url="wagtailadmin_login")
def turn_off(request):
    """Removes the second factor, for those who are not required to have one."""
    user = request.user
    if request.method == "POST" and user.is_verified():
        if _status(user)["required"]:
            messages.error(request, _("Your role requires two-factor authentication."))
        else:
            second_factor.turn_off(user)
            forget_second_factor_needs(request)
            messages.success(request, _("Two-factor authentication is off."))
    return redirect("accounts_manage")
