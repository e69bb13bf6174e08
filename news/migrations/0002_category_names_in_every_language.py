"""News categories: one `names` field {language code: name} instead of a column per language,
so adding a content language is a settings change (see core/localized.py)."""

from django.db import migrations, models

import core.localized

# The columns this migration replaces, and the language each one held.
OLD_COLUMNS = {"kk": "name_kk", "ru": "name_ru"}


def columns_to_names(apps, schema_editor):
    NewsCategory = apps.get_model("news", "NewsCategory")
    for category in NewsCategory.objects.all():
        category.names = {
            code: getattr(category, column).strip()
            for code, column in OLD_COLUMNS.items()
            if getattr(category, column).strip()
        }
        category.save(update_fields=["names"])


def names_to_columns(apps, schema_editor):
    NewsCategory = apps.get_model("news", "NewsCategory")
    for category in NewsCategory.objects.all():
        names = category.names or {}
        # The old columns were both required: fall back as the site does, to any name written.
        fallback = names.get("kk") or next(iter(names.values()), "")
        for code, column in OLD_COLUMNS.items():
            setattr(category, column, (names.get(code) or fallback)[:100])
        category.save(update_fields=list(OLD_COLUMNS.values()))


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="newscategory",
            name="names",
            field=core.localized.LocalizedNamesField(
                default=dict,
                encoder=core.localized.UnicodeJSONEncoder,
                help_text="The name in each language.",
                verbose_name="name",
            ),
        ),
        migrations.RunPython(columns_to_names, names_to_columns),
        # A default for the old columns, so that migrating backwards can add them back to
        # existing rows before names_to_columns fills them in.
        migrations.AlterField(
            model_name="newscategory",
            name="name_kk",
            field=models.CharField(default="", max_length=100, verbose_name="name in Kazakh"),
        ),
        migrations.AlterField(
            model_name="newscategory",
            name="name_ru",
            field=models.CharField(default="", max_length=100, verbose_name="name in Russian"),
        ),
        migrations.RemoveField(
            model_name="newscategory",
            name="name_kk",
        ),
        migrations.RemoveField(
            model_name="newscategory",
            name="name_ru",
        ),
    ]
