"""The Platform's five regions: reference data every installation starts with (editable)."""

from django.db import migrations

REGIONS = [
    ("noord", "Noord", "Groningen, Friesland, Drenthe"),
    ("oost", "Oost", "Overijssel, Gelderland"),
    ("midden", "Midden", "Utrecht, Flevoland, Gooi en Vechtstreek"),
    ("west", "West", "Noord-Holland, Zuid-Holland, Zeeland"),
    ("zuid", "Zuid", "Noord-Brabant, Limburg"),
]


def add_regions(apps, schema_editor):
    Region = apps.get_model("core", "Region")
    for code, name, description in REGIONS:
        Region.objects.get_or_create(code=code, defaults={"name": name, "description": description})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(add_regions, migrations.RunPython.noop)]
