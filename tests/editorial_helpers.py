"""Fixtures and helpers for the editorial workflow tests: real users in the real groups,
real pages, real wagtail-localize translations, requests through the real admin views.

The fixtures live in tests/editorial_fixtures.py (loaded by tests/conftest.py).
"""

import json
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale, Page, TaskState, WorkflowState
from wagtail.rich_text import RichText
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.operations import translate_object

from appeals.models import AppealIndexPage, AppealPage
from core.slugs import ascii_slug
from editorial.roles import EDITORS, MODERATORS, translators_group_name
from tests.signing_in import sign_in

PASSWORD = "test-password-2023"  # noqa: S105
ROLES = ["editor", "moderator", "translator_kk", "translator_ru"]
ROLE_GROUPS = {
    "editor": EDITORS,
    "moderator": MODERATORS,
    "translator_kk": translators_group_name("kk"),
    "translator_ru": translators_group_name("ru"),
}


def make_user(username, group_name=None, *, superuser=False):
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.invalid",
        password=PASSWORD,
        is_superuser=superuser,
        is_staff=superuser,
    )
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


def locale(code):
    return Locale.objects.get(language_code=code)


def appeal_index(code):
    return AppealIndexPage.objects.get(locale__language_code=code)


def body(*paragraphs):
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in paragraphs]


def create_appeal(code, title, *paragraphs, publish=True, user=None):
    page = AppealPage(
        title=title, slug=ascii_slug(title), body=body(*paragraphs), locale=locale(code)
    )
    appeal_index(code).add_child(instance=page)
    revision = page.save_revision(user=user)
    if publish:
        revision.publish(user=user)
        page.refresh_from_db()
    return page


def edit_source(page, *paragraphs, title=None, publish=True):
    """An editor changes the source page (keeping the block ids of unchanged paragraphs)."""
    page = Page.objects.get(pk=page.pk).specific
    page = page.get_latest_revision_as_object()
    blocks = list(page.body.raw_data)
    for index, text in enumerate(paragraphs):
        if text is not None:
            blocks[index]["value"] = f"<p>{text}</p>"
    page.body = blocks
    if title:
        page.title = title
    revision = page.save_revision()
    if publish:
        revision.publish()
    return Page.objects.get(pk=page.pk).specific


def submit_for_translation(page, code, user=None):
    """What the admin's "Translate this page" does (wagtail-localize's own operation)."""
    translate_object(page.specific, [locale(code)], user=user)
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale__language_code=code
    )


def translated(text, code):
    """A recognisable "translation": never contains the source text itself."""
    return f"{code.upper()}: {text.upper()}"


def fill_strings(translation, only=None, user=None):
    """Translate every (or each `only`) segment as a translator would; returns the count."""
    code = translation.target_locale.language_code
    count = 0
    segments = translation.source.stringsegment_set.select_related("string", "context")
    for segment in segments.order_by("order"):
        source_text = segment.string.data
        if only is not None and source_text not in only:
            continue
        text = translated(source_text, code)
        if segment.context.path == "slug":
            text = ascii_slug(f"{code} {source_text}")
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
                "has_error": False,
            },
        )
        count += 1
    return count


def admin_text(msgid, lang=None, domain="django", **params):
    """An interface string as the admin shows it: in `lang` (a person's admin language;
    LANGUAGE_CODE, kk, for people without a preference), from the Python or (domain
    "djangojs") the JavaScript catalogues."""
    from django.conf import settings
    from django.utils.translation import gettext, override, trans_real

    lang = lang or settings.LANGUAGE_CODE
    if domain == "djangojs":
        text = trans_real.DjangoTranslation(lang, domain="djangojs").gettext(msgid)
    else:
        with override(lang):
            text = gettext(msgid)
    return text % params if params else text


def denied(response):
    """Refused: a 403, or Wagtail's redirect to the dashboard with its permission message."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def target_page(translation):
    return translation.get_target_instance()


def live_html(client, page):
    page = Page.objects.get(pk=page.pk)
    response = client.get(page.url)
    return response.status_code, response.content.decode()


def login(client, user):
    return sign_in(client, user)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def editor_publish(client, page):
    """The translation editor's main button ("Publish in ..." / "Submit for review")."""
    return client.post(edit_url(page), {"action": "publish"})


def string_edit_url(translation, segment):
    return reverse(
        "wagtail_localize:edit_string_translation",
        kwargs={"translation_id": translation.pk, "string_segment_id": segment.pk},
    )


def put_string(client, translation, segment, value):
    """The translation editor's PUT of one segment (what the React app sends)."""
    return client.put(
        string_edit_url(translation, segment),
        data=f"value={value}",
        content_type="application/x-www-form-urlencoded",
    )


def first_paragraph_segment(translation):
    return (
        translation.source.stringsegment_set.filter(context__path__startswith="body.")
        .order_by("order")
        .first()
    )


def current_task_state(page):
    state = WorkflowState.objects.active().filter(object_id=str(page.pk)).first()
    return state.current_task_state if state else None


def workflow_action(client, page, action):
    task_state = current_task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": "checked"} if action == "reject" else {})


@dataclass
class TranslatedPair:
    source: AppealPage
    translation: Translation

    @property
    def target(self):
        return target_page(self.translation)


def publish_translation_as_operator(translation):
    from editorial.translations import publish_translation

    publish_translation(translation)


def approved_pair(source_code, target_code, title, *paragraphs):
    """A published source page with a complete translation approved and live."""
    source = create_appeal(source_code, title, *paragraphs)
    translation = submit_for_translation(source, target_code)
    fill_strings(translation)
    publish_translation_as_operator(translation)
    return TranslatedPair(source, translation)


def task_states_for(page):
    return TaskState.objects.filter(workflow_state__object_id=str(page.pk))


def json_of(response):
    return json.loads(response.content.decode())
