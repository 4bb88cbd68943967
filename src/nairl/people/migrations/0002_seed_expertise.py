"""Seeds the expertise taxonomy with the arXiv computer-science categories."""

import csv
from pathlib import Path

from django.db import migrations

CATEGORIES = Path(__file__).resolve().parent.parent / "data" / "arxiv_cs_categories.csv"


def seed(apps, schema_editor):
    ExpertiseArea = apps.get_model("people", "ExpertiseArea")
    with CATEGORIES.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            ExpertiseArea.objects.update_or_create(
                code=row["code"], defaults={"name_en": row["name_en"], "name_ko": row["name_ko"]}
            )


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
