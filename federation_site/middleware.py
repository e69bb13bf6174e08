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
