"""The translation memory's JSON endpoint, registered in editorial/wagtail_hooks.py.

`GET /admin/translation-memory/suggest/?source=kk&target=ru&text=…` answers
`[{"text", "score", "page", "url", "date"}]`, best first (`editorial.memory.suggest`), to
people who may translate into the target language: superusers, Editors, Moderators and the
Translators of that language; anyone else gets 403. The translation editor's
`editorial/static/editorial/memory.js` reads it; other tools may too.
"""

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .memory import suggest as memory_suggest
from .roles import is_editorial_staff, translator_languages

MAX_TEXT = 5000


def may_translate_into(user, language_code):
    """Whether `user` may write translations into `language_code`."""
    if not user.is_active:
        return False
    return is_editorial_staff(user) or language_code in translator_languages(user)


def _languages():
    return {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}


@require_GET
def suggest(request):
    source = request.GET.get("source", "")
    target = request.GET.get("target", "")
    text = request.GET.get("text", "")
    languages = _languages()
    if source not in languages or target not in languages or source == target:
        return JsonResponse(
            {"detail": _("Give a source and a target language, two different ones.")}, status=400
        )
    if not may_translate_into(request.user, target):
        return JsonResponse({"detail": _("You may not translate into this language.")}, status=403)
    suggestions = memory_suggest(source, target, text[:MAX_TEXT])
    response = JsonResponse(
        [
            {
                "text": item.text,
                "score": item.score,
                "page": item.page_title,
                "url": reverse("wagtailadmin_pages:edit", args=[item.page_id])
                if item.page_id
                else "",
                "date": localtime(item.date).date().isoformat(),
            }
            for item in suggestions
        ],
        safe=False,
    )
    response["Cache-Control"] = "private, no-store"
    return response
