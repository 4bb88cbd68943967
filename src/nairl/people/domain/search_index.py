"""The trigram indexes behind directory search, one per database.

Directory search keeps every person whose search text contains each word of the query. Tested
row by row, that reads every person; a trigram index finds the people whose text holds the word's
three-letter pieces, Korean as well as Latin, and the exact substring test then runs on those
rows only. The exact test always stays in the query, so results are those of the plain test.

* PostgreSQL: a GIN index on search_text's trigrams (pg_trgm), the field ids and the country,
  which the planner uses for `LIKE '%word%'` when the word has three letters or more, and a GIN
  index on the text's distinct pairs of letters for shorter words (pg_trgm has no trigram in
  "김민"). PostgreSQL's planner, knowing how common a value is, chooses between the indexes and
  reading the directory in its order.
* SQLite: an FTS5 table with the trigram tokenizer, kept in step by triggers on people_person,
  so that every write — the demo's and the importer's bulk inserts included — updates it in the
  same transaction. A two-letter word is looked up as every trigram that starts with it (from the
  index's own vocabulary; the indexed text ends with a space so that the text's last two letters
  start one too). SQLite's planner knows nothing of how common a word is, so `narrowed` asks the
  index: when the index or another filter leaves few people, it hands the query those people;
  when every filter matches many, reading the directory in its order fills a page soonest.
"""

import math
import sys

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import BooleanField, ExpressionWrapper, F, Func, IntegerField, TextField
from django.db.models.expressions import RawSQL

from nairl.common.trigrams import NO_PENDING_LIST, without_pending_list

MIGRATION = ("people", "0005_directory_search_trigrams")  # the one that installs the indexes
FTS_TABLE = "people_person_search"
VOCABULARY = f"{FTS_TABLE}_vocabulary"
TRIGGERS = {
    f"{FTS_TABLE}_insert": f"""AFTER INSERT ON people_person BEGIN
        INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text || ' ');
    END""",
    f"{FTS_TABLE}_delete": f"""AFTER DELETE ON people_person BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text)
        VALUES ('delete', old.id, old.search_text || ' ');
    END""",
    f"{FTS_TABLE}_update": f"""AFTER UPDATE OF search_text ON people_person BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text)
        VALUES ('delete', old.id, old.search_text || ' ');
        INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text || ' ');
    END""",
}
TRIGGER_SQL = {name: f"CREATE TRIGGER {name} {body}" for name, body in TRIGGERS.items()}
# Reading the directory in its order tests the text, visibility and country of each row in this
# index alone, and reads the rows of the page only (it replaces migration 0003's, which lacked
# the country).
DIRECTORY_INDEX = "people_person_directory_search"
DIRECTORY_INDEX_SQL = (
    f"CREATE INDEX {DIRECTORY_INDEX} "
    "ON people_person (sort_name, id, is_public, country, search_text)"
)
# PostgreSQL: the text's trigrams, the field ids and the country (by btree_gin) in one GIN index,
# so that a search combining them is answered by one index scan, which intersects the three
# lists as it reads them, rather than by three bitmaps, each as long as its condition's people,
# intersected afterwards (`lee` + KR + cs.LG at 200,000 people: 11 ms, then 5). A search on any
# one of them reads its own lists in the same index.
SEARCH_INDEX = "people_person_search_gin"
SEARCH_INDEX_MIGRATION = ("people", "0008_directory_search_one_gin_index")
SEARCH_INDEX_SQL = (
    f"CREATE INDEX IF NOT EXISTS {SEARCH_INDEX} ON people_person "
    f"USING gin (search_text gin_trgm_ops, expertise_ids, country) WITH ({NO_PENDING_LIST})"
)
# What it replaces: the text's alone (migration 0005) and the field ids' alone (0007).
REPLACED_INDEXES = ("people_person_search_trgm", "people_person_expertise_ids")
# PostgreSQL estimates how many people hold a word from a sample of the texts: from the default
# (100, a sample of 30,000) it took KAIST's 2,933 people of 200,000 for 12,976, and counted them
# by reading the table in order until 1,001 matched (71,000 rows, 62 ms) rather than through the
# index (3 ms). With 300 (90,000 rows) it took them for 2,700-4,300 and read the index; 1,000
# estimated better still but added 0.5 ms to the planning of every text search.
TEXT_STATISTICS = 300
# PostgreSQL: counting a country's people (up to `bounded_count`'s limit) from an index rather
# than by reading every row (FR: 7 ms, then under 1 ms). Not on SQLite: without statistics its
# planner would read a common country's people through it and sort them, rather than walking
# the directory in order until a page is full.
COUNTRY_INDEX = "people_person_country"
PAIR_INDEX = "people_person_search_pairs"
PAIRS_FUNCTION = "people_letter_pairs"
PAIRS = ArrayField(TextField())
TRIGRAM = 3
# Fetching and sorting n candidates costs about n × FETCH_COST row tests; reading the directory
# in its order until a page of PAGE rows is full costs about PAGE × people / n row tests.
# Candidates are fetched when they are fewer than where both costs meet,
# √(PAGE × people / FETCH_COST). Testing a row by membership in a list of candidates beats a
# lookup per row until the list is some times longer (measured on the large demo data).
PAGE = 51
FETCH_COST = 10
MEMBERSHIP_FACTOR = 4
# Counting up to `bounded_count`'s limit through candidates, by id, reads fewer rows than a walk
# in order but each costs more; it pays while they are fewer than this share of the directory
# (measured at both scales: `lee` + KR + cs.LG, 2,263 and 22,156 candidates, 9 → 6 and 27 → 15
# ms; `kim`, 31,023 of 200,000, 2 ms walking against 4).
COUNT_SHARE = 1 / 8
# A two-letter word that starts more trigrams than this is read row by row instead.
MAX_EXPANSION = 300
MAX_TRIGRAMS = 16  # looked up per word


def install(connection) -> None:
    """Creates the index if it is missing, and fills it from the people already there.

    Idempotent. On SQLite it also repairs the triggers and the covering index: Django rebuilds a
    table to alter it, and both go with the old table (`nairl.people.signals` calls this after
    every migrate)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            install_sqlite(cursor)
    elif connection.vendor == "postgresql":
        install_postgresql(connection)


def install_sqlite(cursor) -> None:
    cursor.execute("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'people_person'")
    present = set(cursor.fetchall())
    if (DIRECTORY_INDEX, DIRECTORY_INDEX_SQL) not in present:
        cursor.execute(f"DROP INDEX IF EXISTS {DIRECTORY_INDEX}")
        cursor.execute(DIRECTORY_INDEX_SQL)
    if set(TRIGGER_SQL.items()) <= present:
        return
    cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    # Contentless (the text is people_person's) and without positions (detail=none): a word is
    # looked up as all of its trigrams, and the exact test removes the rare rows holding them
    # apart. Case-sensitive: the text and the words are both case-folded already.
    cursor.execute(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(search_text, content='', "
        "tokenize='trigram case_sensitive 1', detail='none')"
    )
    cursor.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCABULARY} USING fts5vocab({FTS_TABLE}, 'row')"
    )
    for name, sql in TRIGGER_SQL.items():
        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(sql)
    cursor.execute(
        f"INSERT INTO {FTS_TABLE}(rowid, search_text) "
        "SELECT id, search_text || ' ' FROM people_person"
    )


def install_postgresql(connection) -> None:
    with connection.cursor() as cursor:
        before = postgresql_indexes(cursor)
        cursor.execute(
            f"""CREATE OR REPLACE FUNCTION {PAIRS_FUNCTION}(text) RETURNS text[]
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
                SELECT coalesce(array_agg(DISTINCT substr($1, i, 2)), '{{}}')
                FROM generate_series(1, length($1) - 1) AS i
            $$"""
        )
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {PAIR_INDEX} ON people_person "
            f"USING gin ({PAIRS_FUNCTION}(search_text)) WITH ({NO_PENDING_LIST})"
        )
        without_pending_list(cursor, PAIR_INDEX)  # made by an older install
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {COUNTRY_INDEX} ON people_person (country, is_public)"
        )
        if SEARCH_INDEX_MIGRATION in MigrationRecorder(connection).applied_migrations():
            install_search_index(cursor)
        # The planner's figures for new indexes. Not at every install (after every migrate):
        # at 200,000 people, computing the letter pairs of the sampled rows takes some 25 s.
        if postgresql_indexes(cursor) - before:
            cursor.execute("ANALYZE people_person")


def install_search_index(cursor) -> None:
    """PostgreSQL: `SEARCH_INDEX` in place of the indexes it replaces (migration 0008)."""
    cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    cursor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    cursor.execute(SEARCH_INDEX_SQL)
    for index in REPLACED_INDEXES:
        cursor.execute(f"DROP INDEX IF EXISTS {index}")
    cursor.execute(
        f"ALTER TABLE people_person ALTER COLUMN search_text SET STATISTICS {TEXT_STATISTICS}"
    )


def postgresql_indexes(cursor) -> set[str]:
    cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'people_person'")
    return {name for (name,) in cursor.fetchall()}


def uninstall(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {VOCABULARY}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
            cursor.execute(f"DROP INDEX IF EXISTS {DIRECTORY_INDEX}")
            cursor.execute(
                f"CREATE INDEX {DIRECTORY_INDEX} "
                "ON people_person (sort_name, id, is_public, search_text)"
            )
        elif connection.vendor == "postgresql":
            cursor.execute(f"DROP INDEX IF EXISTS {COUNTRY_INDEX}")
            cursor.execute(f"DROP INDEX IF EXISTS {PAIR_INDEX}")
            cursor.execute(f"DROP FUNCTION IF EXISTS {PAIRS_FUNCTION}(text)")
            for index in (SEARCH_INDEX, *REPLACED_INDEXES):
                cursor.execute(f"DROP INDEX IF EXISTS {index}")


def with_pairs(people, words: list[str]):
    """PostgreSQL: people narrowed by the pair index for two-letter words (the exact test stays)."""
    pairs = sorted({word for word in words if len(word) == 2})
    if not pairs:
        return people
    letter_pairs = Func(F("search_text"), function=PAIRS_FUNCTION, output_field=PAIRS)
    return people.alias(letter_pairs=letter_pairs).filter(letter_pairs__contains=pairs)


class Among(Func):
    """PostgreSQL: `pk = ANY(ARRAY(ids))`. The ids are fetched first, as one value, so that
    the planner reads those people by id and sorts them rather than walking the directory in
    its order and testing each row (`IN`/`EXISTS` let it choose the walk)."""

    template = "%(expressions)s)"
    arg_joiner = " = ANY("
    output_field = BooleanField()


def among(people, ids):
    """PostgreSQL: `people` whose id is among `ids` (a subquery of one column), candidates first.

    For an institution: its members are few, but the planner, assuming them spread evenly along
    the directory's order, walked it until a page was full; KAIST's people (2,933 of 200,000)
    mostly sort late, so it tested 44,000 people (210 ms), against 3,000 fetched by id."""
    return people.filter(Among(F("pk"), ArraySubquery(ids.order_by())))


def quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def trigrams(word: str) -> list[str]:
    """Some of the word's trigrams (a long word needs no more to be found; the exact test stays)."""
    return sorted({word[i : i + TRIGRAM] for i in range(len(word) - TRIGRAM + 1)})[:MAX_TRIGRAMS]


def terms_starting_with(pairs: list[str]) -> dict[str, list[str]]:
    ranges = " OR ".join("(term >= %s AND term <= %s)" for _pair in pairs)
    params = [bound for pair in pairs for bound in (pair, pair + chr(sys.maxunicode))]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT term FROM {VOCABULARY} WHERE {ranges}", params)
        terms = [term for (term,) in cursor.fetchall()]
    return {pair: [term for term in terms if term.startswith(pair)] for pair in pairs}


def text_source(words: list[str]) -> tuple[str, list] | None:
    """SQLite: the FTS5 lookup of the people who may hold every word of two letters or more;
    None when no word can use it (one letter) or a two-letter word starts too many trigrams."""
    parts = [quoted(piece) for word in words if len(word) >= TRIGRAM for piece in trigrams(word)]
    pairs = sorted({word for word in words if len(word) == 2})
    for terms in (terms_starting_with(pairs) if pairs else {}).values():
        if not terms:  # nobody's text holds this pair
            return f"SELECT rowid FROM {FTS_TABLE} WHERE 0", []
        if len(terms) > MAX_EXPANSION:
            continue
        parts.append("(" + " OR ".join(quoted(term) for term in terms) + ")")
    if not parts:
        return None
    query = " AND ".join(sorted(set(parts)))
    return f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [query]


def narrowed(people, text: tuple[str, list] | None, others: list[tuple[str, list]]):
    """SQLite: `people` read through the narrowest index, as (to read a page, to count).
    `text` and `others` are SQL (with its parameters) for the ids of the people the text's
    index, and each other filter, allows.

    With few candidates, they are fetched and sorted. With more, the directory is read in its
    order until a page is full, testing each row: the text cheaply (in the covering index of
    migration 0003); another filter, if its candidates are not so many that a page fills soon
    anyway, by membership in them rather than by a lookup per row. Counting, which goes on past
    the page up to `bounded_count`'s limit, reads the candidates by id whenever they are known
    to be fewer than `cap` (`COUNT_SHARE` of the directory, or more when the page's own decision
    needs more): reading in order would read the whole directory when the matches are fewer
    than the limit.
    """
    sources = ([text] if text else []) + others
    if not sources:
        return people, people
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM people_person")
        directory = cursor.fetchone()[0]
        few = math.sqrt(PAGE * directory / FETCH_COST)
        # Counting further decides nothing.
        cap = math.ceil(max(MEMBERSHIP_FACTOR * few, COUNT_SHARE * directory)) + 1
        # `SELECT 1`: the ids themselves are not needed, and reading them can cost a row lookup
        # each (a field's people: 7 ms for 25,000, against 1 ms from the index alone).
        cursor.execute(
            " UNION ALL ".join(
                f"SELECT {n}, count(*) FROM (SELECT 1 FROM ({sql}) LIMIT {cap})"
                for n, (sql, _params) in enumerate(sources)
            ),
            [param for _sql, params in sources for param in params],
        )
        size, source = min((count, n) for n, count in cursor.fetchall())
    sql, params = sources[source]
    candidates = people.filter(pk__in=RawSQL(sql, params))
    to_count = candidates if size < cap else people
    if size <= few:
        return candidates, candidates
    if (text and source == 0) or size > MEMBERSHIP_FACTOR * few:
        return people, to_count
    # `id + 0`: an expression SQLite cannot look up by, so it keeps reading in the page's order.
    unindexed = ExpressionWrapper(F("pk") + 0, output_field=IntegerField())
    return people.alias(unindexed_id=unindexed).filter(
        unindexed_id__in=RawSQL(sql, params)
    ), to_count
