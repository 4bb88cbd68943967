"""The outputs' trigram index without GIN's pending list (see nairl.common.trigrams), which every
search read whole after a bulk load until autovacuum merged it."""

from django.db import migrations

from nairl.common.trigrams import TrigramIndex


class Migration(migrations.Migration):
    dependencies = [("research", "0008_program_figures")]

    operations = [
        TrigramIndex(
            "research_output", "search_text", "research_output_search_trgm", made_earlier=True
        ),
    ]
