"""The term base's first pairs (editorial/terms_seed.py): once, so that a pair a Moderator
deletes stays deleted."""

from django.db import migrations


def seed_terms(apps, schema_editor):
    from editorial.terms_seed import seed

    seed(apps.get_model("editorial", "Term"))


class Migration(migrations.Migration):
    dependencies = [("editorial", "0004_term")]

    operations = [migrations.RunPython(seed_terms, migrations.RunPython.noop)]
