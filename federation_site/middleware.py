from dataclasses import asdict

from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.conf import settings

from .views import healthz


class HealthCheckMiddleware:
    """Answer /healthz before host validation and HTTPS redirects: load balancers and the
    container HEALTHCHECK call it by IP address over plain HTTP. Before the session too, so
    a check never saves one; the view reads a staff member's session itself (views.healthz:
    the public sees only the overall status)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            return healthz(request)
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy (CONTENT_SECURITY_POLICY_ADMIN)
    under ADMIN_PATH_PREFIXES; the public site gets CONTENT_SECURITY_POLICY."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path.startswith(settings.ADMIN_PATH_PREFIXES)
        ):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN
        return parts

    # What django-csp builds for a response that asks for nothing of its own (no nonce, no
    # per-view decorator) depends only on the settings and on admin or not: built once per
    # process instead of for every response (a cached page costs less than the policy did).
    _PER_RESPONSE = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt")
    _built = {}

    def process_response(self, request, response):
        plain = (
            getattr(request, "_csp_nonce", None) is None
            and not any(hasattr(response, name) for name in self._PER_RESPONSE)
            and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            and not settings.DEBUG
        )
        if not plain or HEADER in response:
            return super().process_response(request, response)
        admin = request.path.startswith(settings.ADMIN_PATH_PREFIXES)
        excluded = request.path_info.startswith(
            tuple(settings.CONTENT_SECURITY_POLICY.get("EXCLUDE_URL_PREFIXES") or ())
        )
        if excluded:
            return super().process_response(request, response)
        # Keyed by the settings' identity too, so that override_settings is seen.
        key = (
            admin,
            id(settings.CONTENT_SECURITY_POLICY),
            id(settings.CONTENT_SECURITY_POLICY_ADMIN),
        )
        if key not in self._built:
            parts = self.get_policy_parts(request=request, response=response)
            self._built[key] = build_policy(**asdict(parts))
        response[HEADER] = self._built[key]
        return response
