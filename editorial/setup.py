"""Groups, permissions and the moderation workflow, set up from code (never by hand).

Idempotent. Runs after `migrate` (post_migrate), for every home page as it is created
(a new content language gets its grants and workflow the moment `setup_site` creates its
home), and in full from `manage.py setup_editorial` and `load_demo`.

| group            | model permissions                | page permissions, per home page         |
|------------------|----------------------------------|-----------------------------------------|
| Editors          | admin, submit_translation,       | add, change (every language)            |
|                  | import_appeal, change footer     |                                         |
| Moderators       | admin, submit_translation,       | add, change, publish, bulk_delete, lock, |
|                  | import_appeal, change footer     |                                         |
|                  |                                  | unlock (every language)                 |
| Translators (xx) | admin                            | change, on the xx home page only        |

Every role may also view every snippet model (what pages refer to: news categories,
unions, electoral bodies...), which the translation editor shows, and the term base
(`editorial.models.Term`), which only Moderators add to, change and delete.

Page permissions granted on a home page cover every page created under it later.
Wagtail's own migrations grant Editors and Moderators their page permissions on the tree
root; those are removed so that nothing can be added beside the language trees.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.snippets.models import get_snippet_models

from core.site.tree import HOME_DEPTH, ROOT_DEPTH

from .roles import EDITORS, MODERATORS, translators_group_name

# Names shown to staff in both admin languages ("Submit to Модерация", "«Модерация» жұмыс
# процесі басталды"): the word is the same in Kazakh and Russian. Wagtail's own migration
# creates "Moderators approval" (workflow and task); that one is renamed, not duplicated.
WORKFLOW_NAME = "Модерация"
TASK_NAME = "Модерация"
WAGTAIL_DEFAULT_NAME = "Moderators approval"

STAFF_PAGE_PERMISSIONS = {
    EDITORS: {"add_page", "change_page"},
    MODERATORS: {
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    },
}
TRANSLATOR_PAGE_PERMISSIONS = {"change_page"}


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permissions():
    page_type = ContentType.objects.get_for_model(Page)
    return {p.codename: p for p in Permission.objects.filter(content_type=page_type)}


def content_language_codes():
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def _import_appeal_permission():
    """Declared on AppealPage.Meta; made here too when this runs before the appeals app's
    permissions are created (post_migrate order)."""
    from appeals.models import AppealPage

    permission, _ = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(AppealPage),
        codename="import_appeal",
        defaults={"name": "Can import appeals from files"},
    )
    return permission


def _footer_permission():
    """The footer's setting (home/footer.py, Settings → Footer): made here too when this runs
    before the home app's permissions are created (post_migrate order)."""
    from home.footer import FooterSettings

    permission, _ = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(FooterSettings),
        codename="change_footersettings",
        defaults={"name": "Can change footer"},
    )
    return permission


def ensure_groups():
    """The four roles (one Translators group per content language) and their model perms."""
    access_admin = _permission("wagtailadmin", "access_admin")
    submit_translation = _permission("wagtail_localize", "submit_translation")
    import_appeal = _import_appeal_permission()
    change_footer = _footer_permission()
    staff = []
    for name in (EDITORS, MODERATORS):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin, submit_translation, import_appeal, change_footer)
        staff.append(group)
    staff_and_translators = list(staff)
    for code in content_language_codes():
        group, _ = Group.objects.get_or_create(name=translators_group_name(code))
        group.permissions.add(access_admin)
        staff_and_translators.append(group)
    # Every role may view the snippets pages refer to (news categories, unions, electoral
    # bodies...): the translation editor shows a page's chosen snippet by asking
    # wagtail-localize's snippet API, which answered 403 on every news translation.
    view_snippets = [_view_permission(model) for model in get_snippet_models()]
    for group in staff_and_translators:
        group.permissions.add(*view_snippets)
    # The term base (editorial.models.Term): Moderators keep it; the others read it.
    next(g for g in staff if g.name == MODERATORS).permissions.add(*_term_permissions())
    # Measured gap 4: submit_translation creates pages in any language. Only the editorial
    # staff may hold it; nobody gets it directly or through another group.
    submit_translation.group_set.remove(
        *submit_translation.group_set.exclude(pk__in=[g.pk for g in staff])
    )
    get_user_model().user_permissions.through.objects.filter(permission=submit_translation).delete()
    return {group.name: group for group in Group.objects.filter(name__in=_role_names())}


def _term_permissions():
    from .models import Term

    return [_model_permission(Term, action) for action in ("add", "change", "delete")]


def _model_permission(model, action):
    permission, _ = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(model),
        codename=f"{action}_{model._meta.model_name}",
        defaults={"name": f"Can {action} {model._meta.verbose_name_raw}"},
    )
    return permission


def _view_permission(model):
    """Django's "view" permission of a model, made here if this runs (post_migrate) before
    the permissions of the model's app are created."""
    permission, _ = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
        codename=f"view_{model._meta.model_name}",
        defaults={"name": f"Can view {model._meta.verbose_name_raw}"},
    )
    return permission


def _role_names():
    return [EDITORS, MODERATORS] + [translators_group_name(c) for c in content_language_codes()]


def home_pages():
    """One home page per language: the pages right under the tree root."""
    return Page.objects.filter(depth=HOME_DEPTH, alias_of__isnull=True).select_related("locale")


def grant_home_permissions(home, groups=None, page_permissions=None):
    """Exactly the editorial permissions on `home` for each role; nothing else."""
    groups = groups or {g.name: g for g in Group.objects.filter(name__in=_role_names())}
    page_permissions = page_permissions or _page_permissions()
    wanted = dict(STAFF_PAGE_PERMISSIONS)
    for code in content_language_codes():
        own_language = home.locale.language_code == code
        wanted[translators_group_name(code)] = (
            TRANSLATOR_PAGE_PERMISSIONS if own_language else set()
        )
    for name, codenames in wanted.items():
        group = groups.get(name)
        if group is None:
            continue
        existing = GroupPagePermission.objects.filter(group=group, page=home)
        existing.exclude(permission__codename__in=codenames).delete()
        have = set(existing.values_list("permission__codename", flat=True))
        GroupPagePermission.objects.bulk_create(
            GroupPagePermission(group=group, page=home, permission=page_permissions[codename])
            for codename in sorted(codenames - have)
        )


def ensure_workflow():
    """A GroupApprovalTask for Moderators in one workflow (Wagtail's own, if present)."""
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    named = {
        workflow.name: workflow
        for workflow in Workflow.objects.filter(
            name__in=[WORKFLOW_NAME, WAGTAIL_DEFAULT_NAME]
        ).order_by("-pk")
    }
    workflow = named.get(WORKFLOW_NAME) or named.get(WAGTAIL_DEFAULT_NAME)
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    elif not workflow.active or workflow.name != WORKFLOW_NAME:
        workflow.active = True
        workflow.name = WORKFLOW_NAME
        workflow.save(update_fields=["active", "name"])
    task = (
        GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow, groups=moderators)
        .distinct()
        .first()
    )
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.set([moderators])
        WorkflowTask.objects.create(
            workflow=workflow, task=task, sort_order=workflow.workflow_tasks.count()
        )
    if not task.active or task.name == WAGTAIL_DEFAULT_NAME:
        task.active = True
        task.name = TASK_NAME if task.name == WAGTAIL_DEFAULT_NAME else task.name
        task.save(update_fields=["active", "name"])
    return workflow


def assign_workflow(home, workflow=None):
    workflow = workflow or ensure_workflow()
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})


def tree_locale_id(page):
    """The locale of the language tree `page` stands in: its home page's (depth 2)."""
    if page.depth is None or page.depth < HOME_DEPTH or not page.path:
        return page.locale_id
    home_path = page.path[: Page.steplen * 2]
    return (
        Page.objects.filter(path=home_path).values_list("locale_id", flat=True).first()
        or page.locale_id
    )


def unpublish_cross_language_aliases():
    """Measured gap 8: an alias in another language's tree serves the original's text.

    Such aliases stay in the tree (wagtail-localize offers "translate this page" on them)
    but are never live; `editorial.signals` keeps new ones from going live."""
    count = (
        Page.objects.filter(alias_of__isnull=False, live=True)
        .exclude(locale_id=F("alias_of__locale_id"))
        .update(live=False, has_unpublished_changes=True)
    )
    for alias in Page.objects.filter(alias_of__isnull=False, live=True).only(
        "path", "depth", "locale_id"
    ):
        if tree_locale_id(alias) != alias.locale_id:
            Page.objects.filter(pk=alias.pk).update(live=False, has_unpublished_changes=True)
            count += 1
    return count


def setup_home(home):
    """Grants and workflow for one home page (called when a home page is created)."""
    groups = ensure_groups()
    grant_home_permissions(home, groups)
    assign_workflow(home)


@transaction.atomic
def setup_editorial():
    groups = ensure_groups()
    workflow = ensure_workflow()
    # Wagtail's migrations grant Editors/Moderators their page permissions on the root,
    # which would let them create pages outside the language trees.
    GroupPagePermission.objects.filter(page__depth=ROOT_DEPTH, group__in=groups.values()).delete()
    page_permissions = _page_permissions()
    homes = list(home_pages())
    for home in homes:
        grant_home_permissions(home, groups, page_permissions)
        assign_workflow(home, workflow)
    unpublished = unpublish_cross_language_aliases()
    return {"groups": len(groups), "homes": len(homes), "aliases_unpublished": unpublished}
