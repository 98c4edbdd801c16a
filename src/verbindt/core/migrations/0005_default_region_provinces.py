from django.db import migrations

from verbindt.core.regions import PLATFORM_REGION_PROVINCES


def set_provinces(apps, schema_editor):
    Region = apps.get_model("core", "Region")
    for region in Region.objects.filter(code__in=PLATFORM_REGION_PROVINCES):
        if not region.provinces:
            region.provinces = PLATFORM_REGION_PROVINCES[region.code]
            region.save(update_fields=["provinces"])


class Migration(migrations.Migration):
    dependencies = [("core", "0004_region_provinces")]
    operations = [migrations.RunPython(set_provinces, migrations.RunPython.noop)]
