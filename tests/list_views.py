"""Registry of list pages and endpoints that must not grow their query count with their rows.

Each app lists its own in `tests/<app>/list_views.py`:

    LIST_VIEWS = [ListView("people:directory", "/people/", add_rows=add_people, role="hub_staff")]

`name` is the URL's name (as the permission walk knows it); every list page (a view built on
`nairl.common.pages.ObjectListView`) and every list endpoint (a viewset's `list`) must have at
least one entry, or tests/common/test_query_counts.py fails. `add_rows(count)` creates `count`
more rows (with everything a row shows: related records, many-to-many links); `url` is a path
or a function of no arguments called after the first rows exist. The view is requested with 1
row and with 30, and the query counts must be equal. `viewer` (a function returning a user)
asks as that user instead of a user of `role`; `never_reads` lists SQL fragments (such as a big
column's quoted name) that no query of the request may contain; `label` tells apart several
entries of one URL.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TESTS_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class ListView:
    name: str
    url: str | Callable[[], str]
    add_rows: Callable[[int], None]
    role: str = "anonymous"  # who asks; "anonymous" or a Role value
    viewer: Callable[[], object] | None = None
    never_reads: tuple[str, ...] = ()
    label: str = ""

    def path(self) -> str:
        return self.url() if callable(self.url) else self.url

    @property
    def test_id(self) -> str:
        who = self.label or self.role
        return f"{self.name} ({who})"


def load_list_views() -> list[ListView]:
    views = []
    for path in sorted(TESTS_DIR.glob("*/list_views.py")):
        views += importlib.import_module(f"{path.parent.name}.list_views").LIST_VIEWS
    return views
