"""The term base in wagtail-localize's translation editor: each segment's terms with their
approved translations (read by editorial/static/editorial/terms.js) and the list of
translated segments that lack one (a warning above the editor, for the translator before
submitting and for the Moderator reviewing)."""

from django import template
from django.utils.translation import gettext as _
from wagtail_localize.models import Translation

from editorial.terms import segment_terms

register = template.Library()


@register.inclusion_tag("editorial/terms/editor.html", takes_context=True)
def editorial_term_hints(context):
    translation = context.get("translation")
    if not isinstance(translation, Translation):
        return {"segments": []}
    segments = segment_terms(translation)
    return {
        "segments": segments,
        "lacking": [segment for segment in segments if segment.missing],
        "source_language": translation.source.locale.language_code,
        "target_language": translation.target_locale.language_code,
        "data": {
            "sourceLanguage": translation.source.locale.language_code,
            "targetLanguage": translation.target_locale.language_code,
            "segments": [segment.as_json() for segment in segments],
            "labels": {
                "heading": _("Term base"),
                "missing": _("The translation lacks the approved term."),
            },
        },
    }
