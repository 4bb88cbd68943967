"""Every robotics URL, requested as every role, answers as the permission table says."""

import pytest

from nairl.common.roles import Role

from .permission_table import ANON, EXPECTATIONS, expected, objects

pytestmark = pytest.mark.django_db
ROLES = [ANON, *Role.values]


@pytest.mark.parametrize("role", ROLES)
def test_every_url_for_role(role, role_users, client_for, api_client_for):
    values = objects(role_users)
    user = None if role == ANON else role_users[role]
    pages, api = client_for(user), api_client_for(user)
    wrong = []
    for template, default, exceptions in EXPECTATIONS:
        url = template.format(**values)
        status = (api if url.startswith("/api/") else pages).get(url).status_code
        want = expected(role, default, exceptions)
        if status != want:
            wrong.append(f"{url}: {status}, expected {want}")
    assert not wrong, f"as {role}:\n" + "\n".join(wrong)
