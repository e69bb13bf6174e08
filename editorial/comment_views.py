"""Review that talks (issue 21, point 6): a Moderator's comment on one segment of a
translation, seen by the translator on that segment, resolved, and kept in the page's history.

- Who: Moderators (and superusers) comment; translators of the target language and
  Moderators resolve; anyone else gets a 403. Everyone also needs edit permission on the
  translated page (the same people who may open its translation editor).
- Where: the translation editor. `editorial/templates/editorial/segment_comments.html` (included
  by our `wagtail_localize/admin/edit_translation.html`) renders `editor_data` as JSON for
  `editorial/static/editorial/comments.js`, which puts each comment under its segment and posts
  to the two views below.
- What a segment is: its context and source string (`editorial.models.SegmentComment`), so a
  comment survives a sync of the source; when that text is no longer in the source, the editor
  lists the comment above the segments, marked as about changed text.
- Resolving is explicit: saving a new translation of the segment does not resolve its comment,
  the translator (or a Moderator) says the point is answered. Asking for changes in the
  workflow leaves open comments where they are (`editorial.views.ReviewActionView` says how
  many go to the translator).
- History: creating and resolving are logged on the translated page
  (`editorial.segment_comment.create`, `editorial.segment_comment.resolve`, registered by
  `register_log_actions`), so its History view lists them with the text.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_user_display_name
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Page
from wagtail_localize.models import StringSegment, Translation

from .models import SegmentComment
from .roles import is_moderator, translator_languages

MAX_COMMENT_LENGTH = 2000
CREATE_ACTION = "editorial.segment_comment.create"
RESOLVE_ACTION = "editorial.segment_comment.resolve"


def may_comment(user):
    return is_moderator(user)


def may_resolve(user, translation):
    return is_moderator(user) or (
        user.is_active and translation.target_locale.language_code in translator_languages(user)
    )


def _target_page(translation):
    try:
        target = translation.get_target_instance()
    except ObjectDoesNotExist as err:
        raise Http404 from err
    if not isinstance(target, Page):
        raise Http404
    return target


def _refused():
    return JsonResponse({"detail": _("You may not do this with comments on segments.")}, status=403)


def _excerpt(text, words=20):
    return Truncator(strip_tags(text)).words(words, truncate="…")


def _when(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def comment_data(comment, segment_id):
    """What the editor's script shows of one comment (all text already in the admin language)."""
    author = get_user_display_name(comment.author) if comment.author else _("Deleted user")
    data = {
        "id": comment.pk,
        "segmentId": segment_id,
        "source": _excerpt(comment.string.data),
        "text": comment.text,
        "byline": _("Comment by %(author)s, %(date)s")
        % {"author": author, "date": _when(comment.created_at)},
        "resolved": comment.is_resolved,
        "resolution": "",
        "resolveUrl": reverse("editorial_comments:resolve", args=[comment.pk]),
    }
    if comment.is_resolved:
        resolver = (
            get_user_display_name(comment.resolved_by) if comment.resolved_by else _("Deleted user")
        )
        data["resolution"] = _("Resolved by %(name)s, %(date)s") % {
            "name": resolver,
            "date": _when(comment.resolved_at),
        }
    return data


def _segment_ids(translation, comments):
    """The current string segment of each (context, string), in one query."""
    if not comments:
        return {}
    rows = StringSegment.objects.filter(
        source_id=translation.source_id,
        context_id__in={comment.context_id for comment in comments},
    ).values_list("context_id", "string_id", "id")
    return {(context_id, string_id): segment_id for context_id, string_id, segment_id in rows}


def editor_data(request, translation, page):
    """The JSON the translation editor's page carries for comments.js: the open comments, and
    those resolved since the page was last published (so a Moderator reviewing again sees what
    was answered); older ones are in the page's history."""
    comments = translation.editorial_segment_comments.select_related(
        "author", "resolved_by", "string"
    )
    if page.last_published_at:
        comments = comments.filter(
            Q(resolved_at__isnull=True) | Q(resolved_at__gte=page.last_published_at)
        )
    comments = list(comments)
    segments = _segment_ids(translation, comments)
    user = request.user
    return {
        # React replaces the editor's CSRF input, and a read-only editor has no other.
        "csrfToken": get_token(request),
        "canComment": may_comment(user),
        "canResolve": may_resolve(user, translation),
        "createUrl": reverse("editorial_comments:add", args=[translation.pk]),
        "comments": [
            comment_data(comment, segments.get((comment.context_id, comment.string_id)))
            for comment in comments
        ],
        "labels": {
            "comment": _("Comment on this segment"),
            "field": _("Your comment to the translator"),
            "send": _("Send comment"),
            "cancel": _("Cancel"),
            "resolve": _("Mark resolved"),
            "resolved": _("Resolved"),
            "open": _("Open"),
            "summary": _("Moderator's comments on segments"),
            "show": _("Show the segment"),
            "changed": _("This text has changed in the source since the comment."),
            "failed": _("The comment could not be saved. Try again."),
            "empty": _("Write the comment first."),
        },
    }


def open_segment_comments(page):
    """How many comments on the segments of this translated page are open."""
    return SegmentComment.objects.filter(
        translation__source__object_id=page.translation_key,
        translation__target_locale_id=page.locale_id,
        translation__enabled=True,
        resolved_at__isnull=True,
    ).count()


def _log(page, action, user, comment):
    log(
        instance=page,
        action=action,
        user=user,
        data={
            "comment_id": comment.pk,
            "language": comment.translation.target_locale.language_code,
            "segment": _excerpt(comment.string.data),
            "text": comment.text,
            "author": get_user_display_name(comment.author) if comment.author else "",
        },
    )


@require_POST
def add_comment(request, translation_id):
    translation = get_object_or_404(
        Translation.objects.select_related("target_locale"), pk=translation_id
    )
    if not may_comment(request.user):
        return _refused()
    page = _target_page(translation)
    if not page.permissions_for_user(request.user).can_edit():
        return _refused()
    segment_id = request.POST.get("segment", "")
    segment = (
        StringSegment.objects.filter(source_id=translation.source_id, pk=segment_id)
        .select_related("string")
        .first()
        if segment_id.isdigit()
        else None
    )
    if segment is None:
        return JsonResponse({"detail": _("This segment is not in the translation.")}, status=400)
    text = request.POST.get("text", "").strip()
    if not text:
        return JsonResponse({"detail": _("Write the comment first.")}, status=400)
    if len(text) > MAX_COMMENT_LENGTH:
        return JsonResponse(
            {
                "detail": _("A comment may have at most %(count)d characters.")
                % {"count": MAX_COMMENT_LENGTH}
            },
            status=400,
        )
    with transaction.atomic():
        comment = SegmentComment.objects.create(
            translation=translation,
            context_id=segment.context_id,
            string=segment.string,
            text=text,
            author=request.user,
        )
        _log(page, CREATE_ACTION, request.user, comment)
    return JsonResponse({"comment": comment_data(comment, segment.pk)}, status=201)


@require_POST
def resolve_comment(request, comment_id):
    comment = get_object_or_404(
        SegmentComment.objects.select_related(
            "translation__target_locale", "string", "author", "resolved_by"
        ),
        pk=comment_id,
    )
    translation = comment.translation
    if not may_resolve(request.user, translation):
        return _refused()
    page = _target_page(translation)
    if not page.permissions_for_user(request.user).can_edit():
        return _refused()
    if not comment.is_resolved:
        with transaction.atomic():
            comment.resolved_by = request.user
            comment.resolved_at = timezone.now()
            comment.save(update_fields=["resolved_by", "resolved_at"])
            _log(page, RESOLVE_ACTION, request.user, comment)
    segment_id = _segment_ids(translation, [comment]).get((comment.context_id, comment.string_id))
    return JsonResponse({"comment": comment_data(comment, segment_id)})


urls = [
    path("<int:translation_id>/add/", add_comment, name="add"),
    path("<int:comment_id>/resolve/", resolve_comment, name="resolve"),
]


class SegmentCommentFormatter(LogFormatter):
    def format_comment(self, log_entry):
        return log_entry.data.get("text", "")


class CreateFormatter(SegmentCommentFormatter):
    label = gettext_lazy("Comment on a segment")

    def format_message(self, log_entry):
        return _("Commented on the segment “%(segment)s”") % {
            "segment": log_entry.data.get("segment", "")
        }


class ResolveFormatter(SegmentCommentFormatter):
    label = gettext_lazy("Comment on a segment resolved")

    def format_message(self, log_entry):
        return _("Resolved %(author)s's comment on the segment “%(segment)s”") % {
            "author": log_entry.data.get("author") or _("Deleted user"),
            "segment": log_entry.data.get("segment", ""),
        }


def register_log_actions(actions):
    actions.register_action(CREATE_ACTION)(CreateFormatter)
    actions.register_action(RESOLVE_ACTION)(ResolveFormatter)
