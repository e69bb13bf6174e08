"""The admin form of every page type (`BasePage.base_form_class`): slugs in Latin letters,
checked as they will be stored.

- The slug field shows the Latin slug while the editor types the title (Wagtail's slug
  script runs `core.slugs.slug_formatters`), and a Cyrillic slug typed by hand is
  transliterated here, before Wagtail's check that no sibling has it: the check sees the
  slug that is stored, so a collision is reported at the field, never a server error.
- A slug that is the title's own (filled in by the script) and taken by a sibling becomes
  `-2`, `-3`..., as Wagtail does for the slugs it makes; a slug the editor chose is not
  changed behind their back: its collision is reported at the field.
- After an autosave that changed the slug, the field in the open editor is updated.
"""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import SlugInput

from core.slugs import ascii_slug, available_slug, slug_formatters


class BasePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].widget = SlugInput(formatters=slug_formatters())

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        return slug if slug.isascii() else ascii_slug(slug)

    def clean(self):
        slug, title = self.cleaned_data.get("slug"), self.cleaned_data.get("title")
        if slug and title and self.parent_page is not None and slug == ascii_slug(title):
            self.cleaned_data["slug"] = available_slug(self.parent_page, slug, self.instance)
        return super().clean()

    def get_field_updates_for_resave(self):
        updates = super().get_field_updates_for_resave()
        if "slug" in self.fields and self.data.get("slug") != self.instance.slug:
            updates.append(("slug", self.instance.slug))
        return updates
