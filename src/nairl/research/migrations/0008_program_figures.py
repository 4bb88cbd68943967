"""Program figures kept per audience (`ProgramFigure`), filled for the outputs already there."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count

AUDIENCES = {"all": {}, "public": {"project__is_public": True}}


def fill(apps, schema_editor):
    """What `refresh_all_program_figures` computes, with the models as of this migration."""
    Program, Output, ProgramFigure = (
        apps.get_model("research", name) for name in ("Program", "Output", "ProgramFigure")
    )
    links = Output.projects.through.objects
    rows = []
    for program_id in Program.objects.values_list("pk", flat=True):
        for audience, only in AUDIENCES.items():
            linked = links.filter(project__program_id=program_id, **only).values("output_id")
            groups = (
                Output.objects.filter(merged_into__isnull=True, pk__in=linked)
                .order_by()
                .values_list("year", "kind", "is_international")
                .annotate(count=Count("id"))
            )
            rows += [
                ProgramFigure(
                    program_id=program_id,
                    audience=audience,
                    year=year,
                    kind=kind,
                    is_international=international,
                    count=count,
                )
                for year, kind, international, count in groups
            ]
    ProgramFigure.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [("research", "0007_output_merged_index")]

    operations = [
        migrations.CreateModel(
            name="ProgramFigure",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "audience",
                    models.CharField(choices=[("all", "All"), ("public", "Public")], max_length=6),
                ),
                ("year", models.PositiveSmallIntegerField()),
                ("kind", models.CharField(max_length=10)),
                ("is_international", models.BooleanField()),
                ("count", models.PositiveIntegerField()),
                (
                    "program",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="figures",
                        to="research.program",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("program", "audience", "year", "kind", "is_international"),
                        name="research_program_figure_unique",
                    )
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
