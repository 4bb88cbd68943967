"""Walks every URL the resolver knows, as every role, against tests/*/url_expectations.py."""

import pytest
from django.urls import resolve

from permission_expectations import ROLES, load_expectations
from security_headers import csp_directives, inline_code
from url_walk import PATTERNS, arguments, build_world, fill, request_as


def test_every_view_is_named():
    unnamed = [text for name, text in PATTERNS if not name]
    assert unnamed == [], "Name these URL patterns so the permission walk can hold them to a table"


def test_every_expectation_is_for_a_real_url():
    names = {name for name, _text in PATTERNS}
    assert sorted(set(load_expectations()) - names) == []


@pytest.fixture
def world(db):
    return build_world()


@pytest.mark.parametrize(
    "name, text", [p for p in PATTERNS if p[0]], ids=[f"{n} {t}" for n, t in PATTERNS if n]
)
def test_url_answers_each_role_as_expected(name, text, world):
    table = load_expectations()
    if name not in table:
        pytest.fail(
            f"No permission expectation for URL {name!r} ({text}): add one to "
            f"tests/<app>/url_expectations.py (see tests/permission_expectations.py)"
        )
    mismatches = []
    for case in table[name]:
        kwargs = case.url_kwargs(world)
        if "format" in arguments(text):
            kwargs["format"] = "json"
        missing = arguments(text) - set(kwargs)
        if missing:
            pytest.fail(f"{name}: the case {case.label!r} gives no value for {missing}")
        url = fill(text, kwargs)
        assert resolve(url).url_name == name.rsplit(":", 1)[-1], url
        for role in ROLES:
            response = request_as(role, world, case.method, url, case.data)
            if response.status_code != case.status[role]:
                mismatches.append(
                    f"{case.method.upper()} {url} as {role}: {response.status_code}, "
                    f"expected {case.status[role]} {case.label}"
                )
            mismatches += security_problems(response, f"{case.method.upper()} {url} as {role}")
    assert mismatches == []


def security_problems(response, what: str) -> list[str]:
    """Every answer, page or API, error or not, carries the content and permissions policies,
    and no page has code the policy would refuse (inline scripts, event handler attributes)."""
    policy = response.get("Content-Security-Policy", "")
    problems = []
    directives = csp_directives(policy)
    scripts = directives.get("script-src", directives.get("default-src"))
    if scripts not in (["'self'"], ["'none'"]):  # the hub's own scripts, or none at all
        problems.append(f"{what}: no Content-Security-Policy limiting scripts ({policy!r})")
    if "camera=()" not in response.get("Permissions-Policy", ""):
        problems.append(f"{what}: no Permissions-Policy")
    if response.get("Content-Type", "").startswith("text/html"):
        problems += [f"{what}: inline code {code}" for code in inline_code(response.text)]
    return problems
