"""Groups, permissions and the moderation workflow come from code, idempotently, for
every language tree, including a language added later by settings."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, Workflow

from core.site.setup import ensure_site_structure
from editorial import demo
from editorial.demo import DEMO_PASSWORD, DEMO_USERS
from editorial.setup import WORKFLOW_NAME, setup_editorial

pytestmark = pytest.mark.django_db

MODERATOR_PERMISSIONS = {
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
}


def grants():
    return {
        (group, language, depth, codename)
        for group, language, depth, codename in GroupPagePermission.objects.values_list(
            "group__name", "page__locale__language_code", "page__depth", "permission__codename"
        )
    }


def grants_on_home(group, language):
    return {
        codename
        for name, code, depth, codename in grants()
        if name == group and code == language and depth == 2
    }


def test_each_role_has_exactly_its_permissions_on_each_language_tree(editorial_site):
    for language in ("kk", "ru"):
        assert grants_on_home("Editors", language) == {"add_page", "change_page"}
        assert grants_on_home("Moderators", language) == MODERATOR_PERMISSIONS
    assert grants_on_home("Translators (kk)", "kk") == {"change_page"}
    assert grants_on_home("Translators (kk)", "ru") == set()
    assert grants_on_home("Translators (ru)", "ru") == {"change_page"}
    assert grants_on_home("Translators (ru)", "kk") == set()
    # Nothing on the tree root: nobody creates pages beside the language trees.
    assert not [g for g in grants() if g[2] == 1]


def test_model_permissions(editorial_site):
    def codenames(name):
        return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))

    assert {"access_admin", "submit_translation"} <= codenames("Editors")
    assert {"access_admin", "submit_translation"} <= codenames("Moderators")
    for name in ("Translators (kk)", "Translators (ru)"):
        assert "access_admin" in codenames(name)
        assert "submit_translation" not in codenames(name)


def test_setup_is_idempotent(editorial_site):
    before = (grants(), Group.objects.count(), Workflow.objects.count())
    setup_editorial()
    call_command("setup_editorial", verbosity=0)
    assert (grants(), Group.objects.count(), Workflow.objects.count()) == before


def test_setup_repairs_hand_made_changes(editorial_site):
    GroupPagePermission.objects.filter(group__name="Moderators").delete()
    ru_home = Page.objects.get(depth=2, locale__language_code="ru")
    GroupPagePermission.objects.create(
        group=Group.objects.get(name="Translators (kk)"), page=ru_home, permission_type="change"
    )
    setup_editorial()
    assert grants_on_home("Moderators", "ru") == MODERATOR_PERMISSIONS
    assert grants_on_home("Translators (kk)", "ru") == set()


def test_one_moderation_workflow_covers_every_home_page(editorial_site):
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    for home in Page.objects.filter(depth=2):
        assert home.get_workflow() == workflow
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]


def test_every_page_type_is_covered_by_the_workflow(editorial_site):
    """Appeals, candidates, news, home: whatever lives under a home page is moderated."""
    from wagtail.models import get_page_models

    from home.models import HomePage

    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    ours = [
        model
        for model in get_page_models()
        if model._meta.app_label in {"home", "appeals", "candidates", "news"}
    ]
    assert {m._meta.app_label for m in ours} == {"home", "appeals", "candidates", "news"}
    for model in ours:
        if model is not HomePage:
            assert Page not in model.allowed_parent_page_models(), model  # only under a home
    for page in Page.objects.filter(depth__gte=2).specific():
        assert page.get_workflow() == workflow, page


THIRD_LANGUAGE = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]


@override_settings(WAGTAIL_CONTENT_LANGUAGES=THIRD_LANGUAGE, LANGUAGES=THIRD_LANGUAGE)
def test_a_language_added_by_settings_gets_its_group_permissions_and_workflow(editorial_site):
    ensure_site_structure()  # what `setup_site` does after the settings change

    assert Group.objects.filter(name="Translators (en)").exists()
    assert grants_on_home("Translators (en)", "en") == {"change_page"}
    assert grants_on_home("Editors", "en") == {"add_page", "change_page"}
    assert grants_on_home("Moderators", "en") == MODERATOR_PERMISSIONS
    en_home = Page.objects.get(depth=2, locale__language_code="en")
    assert en_home.get_workflow() == Workflow.objects.get(name=WORKFLOW_NAME)


def test_demo_users_one_per_role(editorial_site, client, settings):
    assert "editorial.demo.load" in settings.DEMO_CONTENT_LOADERS
    settings.TWO_FACTOR_ENFORCED = False  # as in development, where the demo users live
    demo.load()
    demo.load()  # idempotent
    for username, group, is_superuser in DEMO_USERS:
        client.logout()
        signed_in = client.post(
            reverse("wagtailadmin_login"), {"username": username, "password": DEMO_PASSWORD}
        )
        assert signed_in.status_code == 302, username
        assert client.get("/admin/").status_code == 200, username
        user = get_user_model().objects.get(username=username)
        assert user.is_superuser == is_superuser
        if group:
            assert list(user.groups.values_list("name", flat=True)) == [group]
