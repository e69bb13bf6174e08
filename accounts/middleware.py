import time

from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode

from .second_factor import has_second_factor, must_use_second_factor

# Reachable before the second step: signing in and out, the second step itself, and what
# those pages load.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "accounts_verify",
    "accounts_setup",
    "accounts_recovery_codes",
}
# What a user needs is looked up at most this often per session (three queries), not on
# every admin request; a change of role or device takes effect within this time.
RECHECK_SECONDS = 300
SESSION_KEY = "accounts_second_factor"


def second_factor_needs(request):
    """(has a second factor, must have one) for the signed-in user, cached in the session."""
    user = request.user
    cached = request.session.get(SESSION_KEY)
    now = time.time()
    if cached and cached["user"] == user.pk and now - cached["at"] < RECHECK_SECONDS:
        return cached["has"], cached["must"]
    has, must = has_second_factor(user), must_use_second_factor(user)
    request.session[SESSION_KEY] = {"user": user.pk, "at": now, "has": has, "must": must}
    return has, must


def forget_second_factor_needs(request):
    request.session.pop(SESSION_KEY, None)


def second_step_redirect(request):
    """For a signed-in user who has not given a code this session: to the second step if they
    have a second factor, to its set-up if they must have one; back here afterwards. None
    when neither applies."""
    has, must = second_factor_needs(request)
    query = urlencode({"next": request.get_full_path()})
    if has:
        return redirect(f"{reverse('accounts_verify')}?{query}")
    if must and settings.TWO_FACTOR_ENFORCED:
        return redirect(f"{reverse('accounts_setup')}?{query}")
    return None


class SecondFactorMiddleware:
    """In the admin, a signed-in user with a second factor must have given a code this session;
    one who must have a second factor and has none is sent to set it up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.check(request) or self.get_response(request)

    def check(self, request):
        if not request.path.startswith(settings.ADMIN_PATH_PREFIXES):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        try:
            url_name = resolve(request.path_info).url_name
        except Resolver404:
            return None
        if url_name in OPEN_URL_NAMES:
            return None
        return second_step_redirect(request)


class IdleSessionMiddleware:
    """A signed-in session ends after SESSION_COOKIE_AGE without a request.

    Django's SESSION_SAVE_EVERY_REQUEST would write the session on every request; moving the
    expiry forward once every SESSION_REFRESH_SECONDS gives the same idle timeout (to within
    that much) for one write every few minutes."""

    KEY = "accounts_refreshed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[self.KEY] = now  # marks the session modified: saved with a new expiry
        return response
