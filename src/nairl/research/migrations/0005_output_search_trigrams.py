"""A trigram index on the outputs' search text (PostgreSQL; see nairl.common.trigrams), so that a
search for rare words reads the outputs holding them rather than every output."""

from django.db import migrations

from nairl.common.trigrams import TrigramIndex


class Migration(migrations.Migration):
    dependencies = [("research", "0004_milestones")]

    operations = [
        TrigramIndex("research_output", "search_text", "research_output_search_trgm"),
    ]
