from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from core.caching.invalidation import purge_on_reference_data_change

        from .models import NewsCategory, NewsIndexPage

        purge_on_reference_data_change([NewsCategory], NewsIndexPage)
