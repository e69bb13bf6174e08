"""E-mail to translators (issue 21 point 4): when a source page they translate is published
with changes, the translators of each outdated language get one e-mail each, in their own
admin language, with a link to the translation editor. (The dashboard notice is the
translator's queue panel, `editorial.translator_queue.TranslationQueuePanel`.)

Sent after the publication's transaction commits, through the site's mail backend
(`federation_site/mail.py`: a failure is logged and shown, never raised)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import translation as translation_language
from django.utils.translation import gettext as _
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation

from .roles import translators_group_name
from .status import content_languages


def _translators(language_code):
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=translators_group_name(language_code))
        .exclude(email="")
        .distinct()
    )


def _message(user, source_page, target_page, language_name):
    language = UserProfile.get_for_user(user).get_preferred_language() or settings.LANGUAGE_CODE
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailadmin_pages:edit", args=[target_page.pk]
    )
    context = {"title": source_page.title, "language": language_name, "url": url}
    with translation_language.override(language):
        subject = _("“%(title)s” was changed: its %(language)s translation is outdated") % context
        body = (
            _(
                "The source page “%(title)s” was published with changes. Its %(language)s "
                "translation keeps its approved text until the changed segments are translated "
                "and the translation is approved again.\n\n"
                "Open the translation editor: %(url)s\n\n"
                "The page is also in your translation queue on the dashboard."
            )
            % context
        )
    return EmailMessage(subject, body, to=[user.email])


def source_changed(translation_ids):
    """E-mail the translators of each translation (their target language)."""
    names = dict(content_languages())
    emails = []
    rows = Translation.objects.filter(id__in=translation_ids).select_related(
        "source", "target_locale"
    )
    for row in rows:
        try:
            source_page = row.source.get_source_instance()
            target_page = row.get_target_instance()
        except ObjectDoesNotExist:
            continue
        code = row.target_locale.language_code
        for user in _translators(code):
            emails.append(_message(user, source_page, target_page, names.get(code, code)))
    if emails:
        get_connection().send_messages(emails)
    return len(emails)
