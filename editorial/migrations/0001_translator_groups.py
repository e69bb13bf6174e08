from django.conf import settings
from django.db import migrations


def create_translator_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        group, _ = Group.objects.get_or_create(name=f"Translators ({code})")
        if admin_access:
            group.permissions.add(admin_access)


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_translator_groups, migrations.RunPython.noop)]
