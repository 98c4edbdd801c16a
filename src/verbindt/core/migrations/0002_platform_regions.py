from django.db import migrations

from verbindt.core.regions import PLATFORM_REGIONS


def add_regions(apps, schema_editor):
    Region = apps.get_model("core", "Region")
    for code, name, description in PLATFORM_REGIONS:
        Region.objects.get_or_create(code=code, defaults={"name": name, "description": description})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(add_regions, migrations.RunPython.noop)]
