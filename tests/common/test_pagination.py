import pytest
from django.urls import reverse

from factories import make_institution
from nairl.common.pagination import InvalidCursor, decode_cursor, encode_cursor, keyset_page
from nairl.people.models import Institution

pytestmark = pytest.mark.django_db


@pytest.fixture
def institutions():
    # Ties on the sort key: five institutions share each name.
    return [make_institution(f"Name {index // 5:02d}") for index in range(23)]


def walk(queryset, size, descending=False):
    seen, pages, cursor = [], 0, None
    while True:
        page = keyset_page(queryset, "sort_name", cursor, size=size, descending=descending)
        pages += 1
        seen += [row.pk for row in page.items]
        if not page.next_cursor:
            return seen, pages, page
        cursor = page.next_cursor


def test_forward_walk_visits_every_row_once_in_order_despite_ties(institutions):
    seen, pages, last = walk(Institution.objects.all(), size=4)
    expected = [i.pk for i in sorted(institutions, key=lambda i: (i.sort_name, i.pk))]
    assert seen == expected
    assert pages == 6
    assert last.previous_cursor is not None


def test_backward_walk_returns_the_previous_pages(institutions):
    queryset = Institution.objects.all()
    first = keyset_page(queryset, "sort_name", None, size=4)
    assert first.previous_cursor is None
    second = keyset_page(queryset, "sort_name", first.next_cursor, size=4)
    third = keyset_page(queryset, "sort_name", second.next_cursor, size=4)
    back_to_second = keyset_page(queryset, "sort_name", third.previous_cursor, size=4)
    assert [r.pk for r in back_to_second.items] == [r.pk for r in second.items]
    back_to_first = keyset_page(queryset, "sort_name", back_to_second.previous_cursor, size=4)
    assert [r.pk for r in back_to_first.items] == [r.pk for r in first.items]
    assert back_to_first.previous_cursor is None
    assert back_to_first.next_cursor is not None


def test_descending_walk(institutions):
    seen, _pages, _last = walk(Institution.objects.all(), size=5, descending=True)
    expected = [i.pk for i in sorted(institutions, key=lambda i: (i.sort_name, i.pk), reverse=True)]
    assert seen == expected


def test_descending_backward(institutions):
    queryset = Institution.objects.all()
    first = keyset_page(queryset, "sort_name", None, size=5, descending=True)
    second = keyset_page(queryset, "sort_name", first.next_cursor, size=5, descending=True)
    back = keyset_page(queryset, "sort_name", second.previous_cursor, size=5, descending=True)
    assert [r.pk for r in back.items] == [r.pk for r in first.items]


def test_single_page_has_no_links(institutions):
    page = keyset_page(Institution.objects.all(), "sort_name", None, size=50)
    assert len(page.items) == 23
    assert page.next_cursor is None and page.previous_cursor is None


def test_empty_list():
    page = keyset_page(Institution.objects.all(), "sort_name", None, size=5)
    assert page.items == [] and page.next_cursor is None and page.previous_cursor is None


def test_cursor_round_trip_keeps_korean_keys():
    token = encode_cursor("after", "김민준", 42)
    assert decode_cursor(token) == ("after", "김민준", 42)


@pytest.mark.parametrize(
    "token",
    [
        "garbage!",
        "",
        "bm90IGpzb24",
        encode_cursor("sideways", "a", 1),
        encode_cursor("after", "a", "1"),
    ],
)
def test_invalid_cursor_raises(token):
    with pytest.raises(InvalidCursor):
        decode_cursor(token)


def test_invalid_cursor_on_a_page_shows_a_message_and_the_first_page(client, institutions):
    response = client.get(reverse("people:institutions"), {"cursor": "not-a-cursor"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "That page link is no longer valid; showing the first page." in body
    assert [i.pk for i in response.context["page"].items][:3] == [i.pk for i in institutions[:3]]


def test_audit_log_pages_through_datetime_keys(client_for, administrator, institutions):
    from nairl.common.models import AuditEntry

    for index in range(40):
        make_institution(f"Extra {index}")
    admin_client = client_for(administrator)
    url, seen = reverse("audit-log"), []
    response = admin_client.get(url)
    while True:
        seen += [entry.pk for entry in response.context["page"].items]
        cursor = response.context["page"].next_cursor
        if not cursor:
            break
        response = admin_client.get(url, {"cursor": cursor})
    assert seen == list(AuditEntry.objects.order_by("-at", "-id").values_list("pk", flat=True))
    assert len(seen) > 50
    bad = admin_client.get(url, {"cursor": "%%%"})
    assert "no longer valid" in bad.content.decode()
