"""Registry of list pages and endpoints that must not grow their query count with their rows.

Each app lists its own in `tests/<app>/list_views.py`:

    LIST_VIEWS = [ListView("directory", url="/people/", add_rows=add_people, role="hub_staff")]

`add_rows(count)` creates `count` more rows (with everything a row shows: related records,
many-to-many links) and returns nothing; `url` is a path or a function of no arguments called
after the first rows exist. tests/common/test_query_counts.py requests each view with 1 row and
with 30, and the query counts must be equal.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TESTS_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class ListView:
    label: str
    url: str | Callable[[], str]
    add_rows: Callable[[int], None]
    role: str = "anonymous"  # who asks; "anonymous" or a Role value

    def path(self) -> str:
        return self.url() if callable(self.url) else self.url


def load_list_views() -> list[ListView]:
    views = []
    for path in sorted(TESTS_DIR.glob("*/list_views.py")):
        views += importlib.import_module(f"{path.parent.name}.list_views").LIST_VIEWS
    return views
