"""Write a parsed bilingual appeal into the page tree: a source page and its translation.

The last step of the import, the only one that writes: `import_appeal` (what
`manage.py import_appeal` and the demo content call with a ParsedAppeal from
appeals/parse.py) and `confirm_import` (what the admin's confirm calls with the
AppealImport of appeals/plan.py that its preview showed). One transaction: the source page
as a revision, then its translation through wagtail-localize, every segment filled from the
other half; then the moderation workflow, or publication.
"""

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Locale
from wagtail_localize.strings import StringValue

from appeals.bodies import adopting_body
from core.site.setup import ensure_site_structure
from core.slugs import available_slug
from core.translation import translate_page

from .lines import AppealFileError
from .models import AppealIndexPage, AppealPage
from .parse import AppealHalf, ParsedAppeal
from .plan import AppealImport, existing_source_page, page_slug, refuse_if_busy


@dataclass
class ImportResult:
    source: AppealPage
    translation: AppealPage
    created: bool


def _body_raw(half: AppealHalf, existing_body=None):
    """StreamField raw data; block ids are reused by position so translations stay put."""
    old = list(existing_body.raw_data) if existing_body is not None else []
    raw, items = [], None
    for element in half.body:
        if element.kind == "item":
            if items is None:
                items = []
                raw.append({"type": "task_list", "value": items})
            items.append({"type": "item", "value": element.text})
        else:
            items = None
            html = element.html or escape(element.text)
            raw.append({"type": "paragraph", "value": f"<p>{html}</p>"})
    for position, block in enumerate(raw):
        previous = old[position] if position < len(old) else None
        same_kind = previous is not None and previous.get("type") == block["type"]
        block["id"] = previous["id"] if same_kind else str(uuid.uuid4())
        if block["type"] == "task_list":
            old_items = previous["value"] if same_kind else []
            for index, item in enumerate(block["value"]):
                old_item = old_items[index] if index < len(old_items) else None
                item["id"] = (
                    old_item["id"]
                    if isinstance(old_item, dict) and "id" in old_item
                    else str(uuid.uuid4())
                )
    return raw


def _fill(page: AppealPage, half: AppealHalf, number: str):
    page.title = half.title
    page.number = number or page.number
    page.body = _body_raw(half, page.body if page.pk else None)
    page.adoption_line = half.adoption_line
    page.adopting_body = page.adopting_body or adopting_body(half.adoption_line, half.language)


def _translator(parsed: ParsedAppeal, source: AppealHalf, target: AppealHalf):
    """Maps each source segment's text to the matching text of the other half."""
    pairs = [(source.title, target.title), (source.adoption_line, target.adoption_line)]
    bodies = (
        adopting_body(source.adoption_line, source.language),
        adopting_body(target.adoption_line, target.language),
    )
    if all(bodies):
        pairs.append(bodies)
    # A formatted paragraph's translation keeps its bold and italic.
    pairs += [
        (s.text, StringValue.from_translated_html(t.html) if t.html else t.text)
        for s, t in zip(source.body, target.body, strict=True)
    ]
    by_text = {}
    for source_text, target_text in pairs:
        by_text.setdefault(_normalise(source_text), []).append(target_text)
    used = {}

    def translate(path, source_text):
        if path == "slug":
            return page_slug(target, parsed.number)
        candidates = by_text.get(_normalise(source_text))
        if not candidates:
            return None
        # Repeated source texts take their targets in order.
        index = used.get(source_text, 0)
        used[source_text] = index + 1
        return candidates[min(index, len(candidates) - 1)]

    return translate


def _normalise(text):
    return " ".join(text.split())


def submit_to_moderation(page, user):
    """Start the page's workflow on its latest revision, as "Submit to moderation" does."""
    workflow = page.get_workflow()
    if workflow is None:
        raise AppealFileError(_("No moderation workflow applies to the appeals section."))
    workflow.start(page, user)


@transaction.atomic
def import_appeal(
    parsed: ParsedAppeal, *, publish: bool, user=None, submit: bool = False
) -> ImportResult:
    """Create or update the source page and its translation (drafts unless `publish`);
    with `submit`, both go to the moderation workflow. One transaction: any failure
    leaves nothing behind. The page to update is looked up here, inside the transaction,
    whatever a preview found earlier."""
    sections = ensure_site_structure()
    index_page = sections["appeals.AppealIndexPage"]

    existing = existing_source_page(parsed)
    if existing is not None:
        refuse_if_busy(existing)
        source_page = existing.get_latest_revision_as_object()
        source_half = parsed.half(source_page.locale.language_code)
    else:
        source_half = parsed.source
        locale = Locale.objects.get(language_code=source_half.language)
        parent = AppealIndexPage.objects.get(
            translation_key=index_page.translation_key, locale=locale
        )
        slug = available_slug(parent, page_slug(source_half, parsed.number))
        source_page = AppealPage(locale=locale, slug=slug, live=False)
        _fill(source_page, source_half, parsed.number)
        parent.add_child(instance=source_page)

    target_half = next(h for h in parsed.halves if h is not source_half)
    _fill(source_page, source_half, parsed.number)
    revision = source_page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
        source_page.refresh_from_db()

    target_locale = Locale.objects.get(language_code=target_half.language)
    translated = translate_page(
        source_page,
        target_locale,
        _translator(parsed, source_half, target_half),
        publish=publish,
        user=user,
    )
    if submit and not publish:
        submit_to_moderation(source_page, user)
        submit_to_moderation(translated, user)
    return ImportResult(source_page, translated, existing is None)


def confirm_import(plan: AppealImport, *, source_language: str, publish: bool, user):
    """The admin's confirm of the plan its preview showed: `source_language` becomes the
    source page; both versions go to moderation unless `publish`. Refused (AppealFileError)
    while the plan has a problem."""
    if plan.problem:
        raise AppealFileError(plan.problem)
    return import_appeal(
        plan.parsed.with_source(source_language), publish=publish, user=user, submit=not publish
    )
