from django.db import migrations

from verbindt.network.electives import BUILT_IN_ELECTIVES


def add_electives(apps, schema_editor):
    Elective = apps.get_model("network", "Elective")
    for name in BUILT_IN_ELECTIVES:
        Elective.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("network", "0002_registry")]
    operations = [migrations.RunPython(add_electives, migrations.RunPython.noop)]
