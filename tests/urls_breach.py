"""The site's URLs plus a public page with a form that posts (a CSRF token in its HTML), under
each language prefix (for the BREACH guard's tests)."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from federation_site.urls import handler404, handler500, urlpatterns  # noqa: F401

FORM = engines["django"].from_string(
    "<!doctype html><title>Хабарласу</title><p>{{ text }}</p>"
    '<form method="post">{% csrf_token %}<textarea name="message"></textarea>'
    "<button>Жіберу</button></form>"
)


def contact(request):
    return HttpResponse(FORM.render({"text": "Бізге жазыңыз. " * 40}, request))


urlpatterns = i18n_patterns(path("contact/", contact), prefix_default_language=True) + urlpatterns
