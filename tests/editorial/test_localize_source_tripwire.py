"""Tripwire: the upstream code that this project overrides, wraps or relies on, fingerprinted.

When an upgrade of wagtail-localize (or Wagtail) changes any of these, this test fails and
names what changed, so the override beside it is reviewed instead of silently drifting.
After reviewing, update the fingerprint here (the failure message prints the new one).

What depends on each:
- editorial/views.py and editorial/wagtail_hooks.py: the localize views and the report;
- editorial/apps.py + editorial/translations.py: Translation.save_target and the source methods;
- editorial/templates/wagtail_localize/admin/edit_translation.html: a copy of upstream's;
- core/operations/spreadsheets.py: Wagtail's SpreadsheetExportMixin.preprocess_field_value;
- core/templatetags/media_tags.py: Wagtail's image tag nodes;
- core/site/structure.py, core/site/serving.serve, core/models.BasePage: Wagtail's serve,
  its routing (`request._wagtail_route_for_request`), Site.find_for_request
  (`request._wagtail_site`) and Page.get_view_restrictions;
- core/caching/page_cache.py: the two halves of Django's cache middleware it extends;
- core/admin_labels.py: Page.get_admin_display_title (the root page's title),
  StringTranslation.get_comment (dates in the admin language), and Django's
  LANG_INFO["kk"] with the account form that reads its "name_local";
- core/site/structure.py, core/models.py and core/site/i18n.py: treebeard's cached parent
  (`_cached_parent_obj`, set by MP_Node.get_parent and Wagtail's Page.route);
- core/models.py and core/forms.py: Page.minimal_clean and full_clean (BasePage gives the slug
  before Wagtail's _set_core_field_defaults), WagtailAdminPageForm.clean (its sibling check
  of the slug), the autosave's field updates and SlugInput's `formatters`;
- federation_site/templates/wagtailadmin/: copies of Wagtail's page listing title header and
  user avatar templates (no "None" in the page search and the reports), of the slim header's
  actions (their screen-reader name translated) and of the dashboard's account summary
  (without the English-only editor guide);
- editorial/wagtail_hooks.py `no_guides_only_in_english`: the names of Wagtail's two help
  menu items that open guide.wagtail.org;
- editorial/views.py ReviewActionView: Wagtail's WorkflowAction (the dashboard's Approve and
  Request changes), served at its URL ahead of the admin's;
- core/wagtail_hooks.py: Wagtail's check_view_restrictions (asks the page once for its
  restrictions, which our outer hook answers) and authenticate_with_password (its form is
  rendered by templates/restrictions/password_required.html);
- core/site/page_urls.py (core.models.BasePage.get_url_parts, core/chrome.py's page
  addresses, the news feeds' URLs): Page.get_url_parts and get_url, whose answer for one site root and
  language is a prefix and the page's plain `url_path` past the root, and the private
  `_get_site_root_paths` and `_get_relevant_site_root_paths` it reads;
- core/share_images.py: the `share` image operation, a FilterOperation that returns a new
  Willow image of another size, which Wagtail's Filter.run uses in place of the one it had;
- private attributes of dependencies that our code reads or sets:
  federation_site/middleware.py (django-csp's get_policy_parts, process_response and
  build_policy, and its `_csp_*` response attributes), core/caching/invalidation.py
  (`ReferenceIndex._get_base_content_type`), core/caching/page_cache.py (`response._container`, read
  through HttpResponse.content), core/operations/exact_json.py (Django's `Serializer._init_options`),
  core/search/backend.py (modelsearch's PostgreSQL query compiler, and the database backend
  chooser whose choice its explicit classes mirror), appeals/parse_word.py (python-docx's
  `Paragraph._p`).
"""

import ast
import hashlib
from importlib import import_module
from pathlib import Path

import pytest

FINGERPRINTS = {
    "wagtail_localize.views.edit_translation:edit_string_translation": "6851990824cddc8a",
    "wagtail_localize.views.edit_translation:edit_override": "28b001b6905effbf",
    "wagtail_localize.views.edit_translation:upload_pofile": "db1d985af9d9186f",
    "wagtail_localize.views.edit_translation:machine_translate": "0917e9e9f8ea59e0",
    "wagtail_localize.views.edit_translation:apply_machine_translation": "e48216c38453e7ec",
    "wagtail_localize.views.edit_translation:stop_translation": "9b67df20e4e86ad4",
    "wagtail_localize.views.edit_translation:edit_translation": "c7c73ba5c5d3fe24",
    "wagtail.actions.publish_revision:PublishRevisionAction.execute": "7992684908b0ab68",
    "wagtail.actions.publish_revision:PublishRevisionAction._publish_revision": "8dba54173a5f2ce7",
    "wagtail_localize.views.edit_translation:StringTranslationSerializer": "0966dcc443256dda",
    "wagtail_localize.views.edit_translation:SegmentOverrideSerializer": "6e474e42990c390b",
    "wagtail_localize.models:StringSegmentQuerySet.get_translations": "9bf76a3abe6b3136",
    "wagtail_localize.models:StringSegment": "7c2935ff3f0e14c7",
    "wagtail_localize.models:OverridableSegment": "cef22f467418de52",
    "wagtail_localize.views.convert:convert_to_alias": "c2e5ba46f22265d5",
    "wagtail_localize.views.submit_translations:SubmitPageTranslationView": "3c6846fc988402c8",
    "wagtail_localize.views.update_translations:UpdateTranslationsView": "cfc1f32cc3e31bd7",
    "wagtail_localize.views.report:TranslationsReportView": "5bcfd39514e5a706",
    "wagtail_localize.views.snippets_api:SnippetViewSet": "b34679a655fc711a",
    "wagtail_localize.models:Translation.save_target": "fa37284ab510a0a3",
    "wagtail_localize.models:TranslationSource.create_or_update_translation": "7f832deec952280a",
    "wagtail_localize.models:TranslationSource.get_ephemeral_translated_instance": "ab741856422f3eec",
    "wagtail_localize.models:TranslationSource.sync_view_restrictions": "7ded2c21247d41f0",
    "wagtail_localize.models:TranslationSource.update_from_db": "f91365f8d56c76c5",
    "wagtail_localize.wagtail_hooks:before_edit_page": "530565886865d1e8",
    "template:wagtail_localize:templates/wagtail_localize/admin/edit_translation.html": "52b849c00b09876c",
    "wagtail.admin.views.mixins:SpreadsheetExportMixin.preprocess_field_value": "c5ca33c8304b573a",
    "wagtail.images.templatetags.wagtailimages_tags:image": "6c6dd031a180077d",
    "wagtail.images.templatetags.wagtailimages_tags:ImageNode": "5c57e2f9a02ca2d5",
    "wagtail.images.templatetags.wagtailimages_tags:SrcsetImageNode": "78de3609f9695e88",
    "wagtail.images.templatetags.wagtailimages_tags:PictureNode": "78941877477bb4b1",
    "wagtail.views:serve": "2080d62de6ebff9e",
    "wagtail.models.pages:AbstractPage.route_for_request": "8fb5b6bec6c254e9",
    "wagtail.models.pages:AbstractPage.get_view_restrictions": "008d5bf7ea1ac3a3",
    "wagtail.models.sites:Site.find_for_request": "45e2d9cb442b7f3e",
    "django.middleware.cache:UpdateCacheMiddleware.process_response": "6d2616ad17ffc819",
    "django.middleware.cache:FetchFromCacheMiddleware.process_request": "67d01856750afcab",
    "wagtail.models.pages:AbstractPage.get_admin_display_title": "30782b9f77656268",
    "wagtail_localize.models:StringTranslation.get_comment": "ae022585eb24daf3",
    "template:wagtail.admin:templates/wagtailadmin/pages/listing/_page_title_column_header.html": "6edca9f62c0dd844",
    "template:wagtail.admin:templates/wagtailadmin/shared/user_avatar.html": "10cbd09a2e9434e5",
    "template:wagtail.admin:templates/wagtailadmin/shared/headers/_actions.html": "facea723b6b91762",
    "template:wagtail.admin:templates/wagtailadmin/home/account_summary.html": "ff5c7d30e46778c3",
    "wagtail.admin.wagtail_hooks:register_editors_guide_menu_item": "fadafa2262c87e19",
    "wagtail.admin.wagtail_hooks:register_whats_new_in_wagtail_version_menu_item": "35c7eca70feb0cfa",
    "csp.middleware:CSPMiddleware.get_policy_parts": "173bc570431ba225",
    "csp.middleware:CSPMiddleware.process_response": "3a5ee6ad3bbd79dc",
    "csp.utils:build_policy": "9dacc4dfc2e6c006",
    "wagtail.models.reference_index:ReferenceIndex._get_base_content_type": "f3165461305be4d9",
    "django.http.response:HttpResponse.content": "2c5a0ddce6954fac",
    "django.core.serializers.json:Serializer._init_options": "e51ffb64cb9128e5",
    "modelsearch.backends.database.postgres.postgres:PostgresSearchQueryCompiler.build_tsquery_content": "09bcabaee2a1ae80",
    "modelsearch.backends.database:SearchBackend": "6eac14f8e25f5fe0",
    "docx.text.paragraph:Paragraph.__init__": "ad13e89c147f81c6",
    "wagtail.views:authenticate_with_password": "476492c578ca1241",
    "wagtail.wagtail_hooks:check_view_restrictions": "2d7c860969d609c5",
    "django.conf.locale:LANG_INFO[kk]": "7583e38e28f66ff1",
    "wagtail.admin.forms.account:_get_language_choices": "c189b37bac315f0c",
    "treebeard.mp_tree:MP_Node.get_parent": "c47098b1cf277ec1",
    "wagtail.models.pages:AbstractPage.route": "e4734f428a798894",
    "wagtail.admin.views.generic.workflow:WorkflowAction": "1906cab45b01a031",
    "wagtail.models.pages:AbstractPage.minimal_clean": "f027fc0d52901496",
    "wagtail.models.pages:AbstractPage.full_clean": "fde311aca0bd35f0",
    "wagtail.models.pages:AbstractPage._set_core_field_defaults": "59add863404d4abc",
    "wagtail.admin.forms.pages:WagtailAdminPageForm.clean": "1c6214201ac51948",
    "wagtail.admin.forms.models:WagtailAdminModelForm.get_field_updates_for_resave": (
        "20a091f26b37c247"
    ),
    "wagtail.admin.widgets.slug:SlugInput": "45092e37ba16c1dd",
    "wagtail.images.models:Filter.run": "3b55e59fec23e0b2",
    "wagtail.models.pages:AbstractPage.get_url_parts": "a5b44138d4cde959",
    "wagtail.models.pages:AbstractPage.get_url": "a299a0662fd2aa35",
    "wagtail.models.pages:AbstractPage._get_site_root_paths": "91e06654f0276b8e",
    "wagtail.models.pages:AbstractPage._get_relevant_site_root_paths": "6ad5387e65eeebd3",
}


def source_of(target):
    """The upstream text of a template, or of a module-level function or class (or a method
    of one), read from the installed file: what is running may be our replacement."""
    if target.startswith("template:"):
        package, relative = target[len("template:") :].split(":", 1)
        return (Path(import_module(package).__file__).parent / relative).read_text()
    module_name, _, attribute_path = target.partition(":")
    text = Path(import_module(module_name).__file__).read_text()
    body = ast.parse(text).body
    if attribute_path.endswith("]"):  # one entry of a module-level dict literal: NAME[key]
        name, key = attribute_path[:-1].split("[")
        assignment = next(
            n
            for n in body
            if isinstance(n, ast.Assign) and any(getattr(t, "id", "") == name for t in n.targets)
        )
        return repr(ast.literal_eval(assignment.value)[key])
    for name in attribute_path.split("."):
        node = next(
            n
            for n in body
            if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            and n.name == name
        )
        body = node.body
    decorators = "".join(ast.get_source_segment(text, d) + "\n" for d in node.decorator_list)
    return decorators + ast.get_source_segment(text, node)


def fingerprint(target):
    return hashlib.sha256(source_of(target).encode()).hexdigest()[:16]


@pytest.mark.parametrize("target", sorted(FINGERPRINTS))
def test_upstream_source_is_what_our_override_was_written_for(target):
    assert fingerprint(target) == FINGERPRINTS[target], (
        f"{target} changed upstream: review what overrides or copies it (see this module's "
        f"docstring), then set its fingerprint to {fingerprint(target)!r}."
    )
