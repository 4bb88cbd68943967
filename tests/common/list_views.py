"""Common's list pages for the query-count test."""

from factories import make_institution, make_person, make_user
from list_views import ListView
from nairl.common.context import acting_as
from nairl.common.models import User
from nairl.common.roles import Role
from nairl.people.models import Institution

from .home_world import add_home_rows, demo_user


def add_audit_entries(count: int) -> None:
    """Entries of two models, with choices, booleans and foreign keys among their fields."""
    actor = User.objects.filter(username="audit-actor").first() or make_user("audit-actor")
    with acting_as(actor, "query-count"):
        for _ in range(count):
            institution = make_institution(parent=Institution.objects.first())
            institution.name_ko = "바뀐 이름"
            institution.kind = Institution.Kind.COMPANY
            institution.save()
            person = make_person(institutions=[institution])
            person.is_public = False
            person.save()


def add_users(count: int) -> None:
    for _ in range(count):
        make_user(None, Role.RESEARCHER, Role.REVIEWER)


LIST_VIEWS = [
    ListView("users", "/accounts/users/", add_users, role="administrator"),
    ListView(
        "users",
        "/accounts/users/?role=reviewer&q=user",
        add_users,
        role="administrator",
        label="by role",
    ),
    ListView("my-home", "/me/", add_home_rows, viewer=lambda: demo_user("researcher")),
    ListView("my-home", "/me/", add_home_rows, viewer=lambda: demo_user("admin"), label="admin"),
    ListView("audit-log", "/audit/", add_audit_entries, role="administrator"),
    ListView("audit-export", "/audit/export.csv", add_audit_entries, role="administrator"),
    ListView(
        "audit-log",
        "/audit/?model=institution",
        add_audit_entries,
        role="administrator",
        label="by model",
    ),
]
