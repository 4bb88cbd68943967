"""The index of merged outputs covers only the merged ones (see Output.Meta.indexes)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("research", "0006_output_countries"),
    ]

    operations = [
        migrations.AlterField(
            model_name="output",
            name="merged_into",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="merged",
                to="research.output",
                verbose_name="merged into",
            ),
        ),
        migrations.AddIndex(
            model_name="output",
            index=models.Index(
                condition=models.Q(("merged_into__isnull", False)),
                fields=["merged_into"],
                name="research_output_merged",
            ),
        ),
    ]
