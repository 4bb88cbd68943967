"""Seeds the lab's two flagship programs (codes shared with the scaling workbench's program
choices, so studies can be linked to them)."""

from django.db import migrations

from nairl.research.flagships import FLAGSHIPS


def seed(apps, schema_editor):
    Program = apps.get_model("research", "Program")
    for flagship in FLAGSHIPS:
        Program.objects.update_or_create(
            code=flagship["code"], defaults={**flagship, "is_flagship": True}
        )


class Migration(migrations.Migration):
    dependencies = [("research", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
