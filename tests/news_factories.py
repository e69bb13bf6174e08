"""Building news for tests: published pages, real wagtail-localize translations, tiny images."""

import datetime
import io
import itertools

from django.conf import settings
from django.core.files.images import ImageFile
from django.db.models import F
from django.test import override_settings
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.slugs import ascii_slug
from core.translation import translate_page
from news.models import NewsCategory, NewsIndexPage, NewsPage

_numbers = itertools.count(1)


def news_index(language):
    return NewsIndexPage.objects.get(locale__language_code=language)


def tiny_image(title=None, size=(32, 18), colour="#00507f"):
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, colour).save(buffer, format="JPEG")
    number = next(_numbers)
    image = get_image_model()(title=title or f"Test image {number}")
    image.file = ImageFile(buffer, name=f"test-{number}.jpg")
    image.save()
    return image


def category(slug="elections", name_kk="Сайлау", name_ru="Выборы"):
    return NewsCategory.objects.get_or_create(
        slug=slug, defaults={"names": {"kk": name_kk, "ru": name_ru}}
    )[0]


def publish_news(index, title, *, date=None, lead=None, tags=(), related=(), **fields):
    """A published news page under `index` (a revision, as an editor would publish it)."""
    from news.models import NewsPageRelatedPage

    page = NewsPage(
        locale=index.locale,
        title=title,
        slug=fields.pop("slug", None) or ascii_slug(title, 60),
        lead=lead or f"{title}: lead.",
        date=date or datetime.date(2023, 3, 1),
        body=fields.pop("body", None) or [("paragraph", f"<p>{title}: body.</p>")],
        **fields,
    )
    page.tags.add(*tags)
    for target in related:
        page.related_pages.add(NewsPageRelatedPage(target=target))
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate_news(page, language="ru", prefix="RU "):
    """A real wagtail-localize translation whose every string is `prefix` + the source."""

    def translate(path, source_text):
        if path == "slug":
            return ascii_slug(prefix + page.title, 60)
        return prefix + source_text

    return translate_page(page, Locale.objects.get(language_code=language), translate, publish=True)


def bulk_news(index, count, *, images=(), category=None, start=0):
    """Many live news pages, quickly: inserted straight into the tree (paths computed here as
    treebeard would, one numchild update at the end), no revisions, not indexed."""
    backends = settings.WAGTAILSEARCH_BACKENDS
    no_index = {name: {**conf, "AUTO_UPDATE": False} for name, conf in backends.items()}
    with override_settings(WAGTAILSEARCH_BACKENDS=no_index), disable_reference_index_auto_update():
        _bulk_news(index, count, images, category, start)


def _bulk_news(index, count, images, category, start):
    index = NewsIndexPage.objects.get(pk=index.pk)
    last = index.get_last_child()
    step = last._get_lastpos_in_path() if last else 0
    for number in range(start, start + count):
        step += 1
        page = NewsPage(
            locale=index.locale,
            title=f"Хабар {number}",
            slug=f"khabar-{number}",
            lead="Қысқаша.",
            date=datetime.date(2023, 1, 1) + datetime.timedelta(days=number % 365),
            main_image=images[number % len(images)] if images else None,
            category=category,
            body=[],
            live=True,
            path=NewsPage._get_path(index.path, index.depth + 1, step),
            depth=index.depth + 1,
        )
        page._cached_parent_obj = index  # Page.save sets url_path from the parent
        page.save(clean=False)
    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + count)
