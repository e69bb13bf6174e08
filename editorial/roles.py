"""The editorial roles. Editors and Moderators come from Wagtail's own migrations."""

from django.conf import settings

EDITORS = "Editors"
MODERATORS = "Moderators"


def translators_group_name(language_code):
    return f"Translators ({language_code})"


def translator_groups():
    return [translators_group_name(code) for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES]
