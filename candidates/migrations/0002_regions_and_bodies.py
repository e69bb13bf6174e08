"""Reference facts needed in production too: the 20 regions and the 4 kinds of elected body.

Regions: the 17 oblasts and the 3 cities of republican significance, with their official
Kazakh and Russian names (the oblasts formed in 2022 are officially "область Абай",
"область Жетісу", "область Ұлытау" in Russian) and ISO 3166-2:KZ codes.
Re-running updates the names; rows added by editors are left alone.
"""

from django.db import migrations

CITY, OBLAST = "city", "oblast"

REGIONS = [
    ("KZ-71", CITY, "Астана қаласы", "город Астана"),
    ("KZ-75", CITY, "Алматы қаласы", "город Алматы"),
    ("KZ-79", CITY, "Шымкент қаласы", "город Шымкент"),
    ("KZ-10", OBLAST, "Абай облысы", "область Абай"),
    ("KZ-11", OBLAST, "Ақмола облысы", "Акмолинская область"),
    ("KZ-15", OBLAST, "Ақтөбе облысы", "Актюбинская область"),
    ("KZ-19", OBLAST, "Алматы облысы", "Алматинская область"),
    ("KZ-23", OBLAST, "Атырау облысы", "Атырауская область"),
    ("KZ-27", OBLAST, "Батыс Қазақстан облысы", "Западно-Казахстанская область"),
    ("KZ-31", OBLAST, "Жамбыл облысы", "Жамбылская область"),
    ("KZ-33", OBLAST, "Жетісу облысы", "область Жетісу"),
    ("KZ-35", OBLAST, "Қарағанды облысы", "Карагандинская область"),
    ("KZ-39", OBLAST, "Қостанай облысы", "Костанайская область"),
    ("KZ-43", OBLAST, "Қызылорда облысы", "Кызылординская область"),
    ("KZ-47", OBLAST, "Маңғыстау облысы", "Мангистауская область"),
    ("KZ-55", OBLAST, "Павлодар облысы", "Павлодарская область"),
    ("KZ-59", OBLAST, "Солтүстік Қазақстан облысы", "Северо-Казахстанская область"),
    ("KZ-61", OBLAST, "Түркістан облысы", "Туркестанская область"),
    ("KZ-62", OBLAST, "Ұлытау облысы", "область Ұлытау"),
    ("KZ-63", OBLAST, "Шығыс Қазақстан облысы", "Восточно-Казахстанская область"),
]

BODIES = [
    ("mazhilis", 1, "Мәжіліс", "Мажилис"),
    ("oblast-maslikhat", 2, "Облыстық мәслихат", "Областной маслихат"),
    (
        "city-maslikhat",
        3,
        "Республикалық маңызы бар қаланың мәслихаты",
        "Маслихат города республиканского значения",
    ),
    ("district-maslikhat", 4, "Аудандық (қалалық) мәслихат", "Районный (городской) маслихат"),
]


def load(apps, schema_editor):
    Region = apps.get_model("candidates", "Region")
    ElectoralBody = apps.get_model("candidates", "ElectoralBody")
    for code, kind, kk, ru in REGIONS:
        Region.objects.update_or_create(
            code=code, defaults={"kind": kind, "names": {"kk": kk, "ru": ru}}
        )
    for code, sort_order, kk, ru in BODIES:
        ElectoralBody.objects.update_or_create(
            code=code, defaults={"sort_order": sort_order, "names": {"kk": kk, "ru": ru}}
        )


class Migration(migrations.Migration):
    dependencies = [("candidates", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
