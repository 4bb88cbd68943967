import pytest
from django.contrib.auth.models import AnonymousUser

from factories import make_user
from nairl.common.roles import Role, grant, has_role, roles_of

pytestmark = pytest.mark.django_db


def test_anonymous_has_no_roles():
    assert roles_of(AnonymousUser()) == frozenset()
    assert not has_role(AnonymousUser(), Role.RESEARCHER)


def test_grant_gives_roles_and_resets_the_cache():
    user = make_user("sora")
    assert roles_of(user) == frozenset()
    grant(user, Role.RESEARCHER, Role.REVIEWER)
    assert roles_of(user) == {Role.RESEARCHER, Role.REVIEWER}
    assert has_role(user, Role.REVIEWER)
    assert not has_role(user, Role.HUB_STAFF)


def test_grant_twice_is_harmless():
    user = make_user("sora", Role.RESEARCHER)
    grant(user, Role.RESEARCHER)
    assert user.groups.count() == 1


def test_grant_rejects_unknown_role():
    user = make_user("sora")
    with pytest.raises(ValueError):
        grant(user, "emperor")


def test_roles_are_read_once_per_user_object(django_assert_num_queries):
    user = make_user("sora", Role.HUB_STAFF)
    with django_assert_num_queries(1):
        roles_of(user)
        roles_of(user)
        has_role(user, Role.HUB_STAFF)
        has_role(user, Role.FINANCE_OFFICER)


def test_groups_not_named_after_roles_are_ignored():
    from django.contrib.auth.models import Group

    user = make_user("sora")
    user.groups.add(Group.objects.create(name="chess club"))
    assert roles_of(user) == frozenset()


def test_superuser_is_administrator():
    user = make_user("root", is_superuser=True)
    assert Role.ADMINISTRATOR in roles_of(user)


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.ADMINISTRATOR])
def test_administrator_passes_every_role_check(role):
    admin = make_user("admin", Role.ADMINISTRATOR)
    assert has_role(admin, role)
