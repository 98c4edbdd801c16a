from typing import Any

from django.db import migrations

from verbindt.planning.holiday_table import built_in


def load_built_in(apps: Any, schema_editor: Any) -> None:
    # Historical models, so this keeps working when the models change; adds only what is
    # missing. holidays_ensure_built_in (services) also corrects built-in rows later.
    Holiday = apps.get_model("planning", "Holiday")
    SchoolYear = apps.get_model("core", "SchoolYear")
    for item in built_in():
        school_year, _created = SchoolYear.objects.get_or_create(start_year=item.start_year)
        Holiday.objects.get_or_create(
            holiday_region=item.region,
            kind=item.kind,
            school_year=school_year,
            defaults={"start": item.start, "end": item.end, "source": "built_in"},
        )


class Migration(migrations.Migration):
    dependencies = [("planning", "0001_initial")]
    operations = [migrations.RunPython(load_built_in, migrations.RunPython.noop)]
