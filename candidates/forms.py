"""Admin form of a candidate: checks that need all candidacies at once, or other pages."""

from django.utils.translation import gettext_lazy as _

from core.forms import BasePageForm


class CandidatePageForm(BasePageForm):
    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("candidacies")
        if formset is not None:
            self._check_list_positions(formset)
        return cleaned_data

    def _check_list_positions(self, formset):
        """A list position is unique per party list and election, in this form and site-wide."""
        seen = set()
        for form in formset.forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            candidacy = form.instance
            if not candidacy.is_party_list or candidacy.list_position is None:
                continue
            key = (*candidacy.party_list_key, candidacy.list_position)
            if key in seen:
                form.add_error(
                    "list_position",
                    _("This candidate already has position %(position)s on this list.")
                    % {"position": candidacy.list_position},
                )
                continue
            seen.add(key)
            other = candidacy.list_position_taken_by(self.instance.translation_key)
            if other is not None:
                form.add_error(
                    "list_position",
                    _("Position %(position)s on this party list is already taken by %(name)s.")
                    % {"position": candidacy.list_position, "name": other.page.title},
                )
