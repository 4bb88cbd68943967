"""The outputs' countries in a column of their own (read by the country filter), filled from the
authors' countries already computed."""

from collections import defaultdict

from django.db import migrations, models

from nairl.research.domain.coauthorship import country_list

BATCH = 500


def fill(apps, schema_editor):
    Output, OutputAuthor = (
        apps.get_model("research", "Output"),
        apps.get_model("research", "OutputAuthor"),
    )
    found = defaultdict(set)
    for output_id, country in OutputAuthor.objects.exclude(country="").values_list(
        "output_id", "country"
    ):
        found[output_id].add(country)
    alike = defaultdict(list)
    for output_id, countries in found.items():
        alike[country_list(countries)].append(output_id)
    for text, ids in alike.items():
        for start in range(0, len(ids), BATCH):
            Output.objects.filter(pk__in=ids[start : start + BATCH]).update(countries=text)


class Migration(migrations.Migration):
    dependencies = [("research", "0005_output_search_trigrams")]

    operations = [
        migrations.AddField(
            model_name="output",
            name="countries",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
