from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CandidatesConfig(AppConfig):
    name = "candidates"
    verbose_name = _("Candidates")

    def ready(self):
        from core.caching.invalidation import purge_on_reference_data_change

        from .models import CandidateIndexPage, Election, ElectoralBody, MemberUnion, Party, Region

        purge_on_reference_data_change(
            [Election, ElectoralBody, Region, Party, MemberUnion], CandidateIndexPage
        )
