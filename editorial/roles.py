"""The editorial roles. Editors and Moderators come from Wagtail's own migrations; one
Translators group per content language comes from our migration and `setup_editorial`."""

import re

EDITORS = "Editors"
MODERATORS = "Moderators"
TRANSLATORS_PATTERN = re.compile(r"^Translators \((?P<code>[\w-]+)\)$")

SUBMIT_TRANSLATION = "wagtail_localize.submit_translation"


def translators_group_name(language_code):
    return f"Translators ({language_code})"


def _group_names(user):
    if not hasattr(user, "_editorial_group_names"):
        user._editorial_group_names = (
            set(user.groups.values_list("name", flat=True)) if user.is_authenticated else set()
        )
    return user._editorial_group_names


def translator_languages(user):
    """Language codes this user translates into (from their Translators groups)."""
    codes = []
    for name in _group_names(user):
        match = TRANSLATORS_PATTERN.match(name)
        if match:
            codes.append(match["code"])
    return sorted(codes)


def is_editorial_staff(user):
    """Editors, Moderators and superusers: they see every language."""
    return user.is_superuser or bool(_group_names(user) & {EDITORS, MODERATORS})


def can_see_translation_status(user):
    return is_editorial_staff(user) or bool(translator_languages(user))


def can_manage_translations(user):
    """Submit, sync, stop and restart translations: Editors and Moderators only."""
    return user.is_active and user.has_perm(SUBMIT_TRANSLATION)


def may_start_translation(user, language_code):
    """Create a page's translation into `language_code`: Editors and Moderators into any
    language; a translator into their own language only (and that page only: no subtree,
    no other language; see `editorial.views.SubmitPageTranslationView`)."""
    if not user.is_active:
        return False
    return can_manage_translations(user) or language_code in translator_languages(user)


def is_moderator(user):
    """Moderators and superusers: they review, and comment on segments in review."""
    return user.is_active and (user.is_superuser or MODERATORS in _group_names(user))
