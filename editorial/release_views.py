"""Stopping a joint release (editorial/releases.py): Editors and Moderators."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages

from . import releases
from .models import JointRelease
from .roles import is_editorial_staff


def cancel_release(request, pk):
    release = get_object_or_404(
        JointRelease.objects.select_related("source_page"), pk=pk, status=JointRelease.WAITING
    )
    if not is_editorial_staff(request.user):
        raise PermissionDenied
    page = release.source_page.specific
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if request.method == "POST":
        releases.cancel(release, request.user)
        messages.success(
            request,
            _(
                "“%(title)s” no longer waits for its translations. Approved versions that were "
                "waiting are not public: publish each page when it is ready."
            )
            % {"title": page.get_admin_display_title()},
        )
        return redirect(edit_url)
    return TemplateResponse(
        request,
        "editorial/release_cancel.html",
        {
            "page": page,
            "edit_url": edit_url,
        },
    )
