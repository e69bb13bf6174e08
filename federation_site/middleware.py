from csp.middleware import CSPMiddleware
from django.conf import settings

from .views import healthz


class HealthCheckMiddleware:
    """Answer /healthz before host validation and HTTPS redirects: load balancers and the
    container HEALTHCHECK call it by IP address over plain HTTP."""

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
