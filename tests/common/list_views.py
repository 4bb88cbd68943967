"""Common's list pages for the query-count test."""

from factories import make_institution, make_user
from list_views import ListView
from nairl.common.context import acting_as
from nairl.common.models import User


def add_audit_entries(count: int) -> None:
    actor = User.objects.filter(username="audit-actor").first() or make_user("audit-actor")
    with acting_as(actor, "query-count"):
        for _ in range(count):
            institution = make_institution()
            institution.name_ko = "바뀐 이름"
            institution.save()


LIST_VIEWS = [
    ListView("audit log", "/audit/", add_audit_entries, role="administrator"),
    ListView(
        "audit log by model", "/audit/?model=institution", add_audit_entries, role="administrator"
    ),
]
