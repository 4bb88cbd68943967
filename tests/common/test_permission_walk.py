"""Walks every URL the resolver knows, as every role, against tests/*/url_expectations.py."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RoutePattern

from factories import make_user
from nairl.common.roles import Role
from permission_expectations import ROLES, build_objects, load_expectations
from security_headers import csp_directives, inline_code

SKIPPED_PREFIXES = ("admin/", settings.STATIC_URL.lstrip("/"))
GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?:[^()]|\([^()]*\))*\)")  # one level of nesting
ROUTE_ARG = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def pattern_text(pattern) -> str:
    if isinstance(pattern, RoutePattern):
        return str(pattern)
    return pattern.regex.pattern.lstrip("^").rstrip("$").replace("\\Z", "")


def url_patterns(patterns=None, prefix="", namespace=""):
    """(full name, pattern text) for every view, nested includes flattened."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        text = prefix + pattern_text(entry.pattern)
        if text.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry.url_patterns, text, inner)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}{entry.name}" if entry.name else "", text)


def fill(text: str, kwargs: dict) -> str:
    """A concrete path for a pattern text, from route or regex syntax."""
    text = GROUP.sub(lambda m: str(kwargs[m["name"]]), text)
    text = ROUTE_ARG.sub(lambda m: route_value(m, kwargs), text)
    return "/" + text.replace("\\.", ".").replace("/?", "/")


def route_value(match, kwargs) -> str:
    value = str(kwargs[match["name"]])
    # DRF's format suffix converter takes the dot with the suffix: "/api/v1/.json".
    return f".{value}" if match["converter"] == "drf_format_suffix" else value


def arguments(text: str) -> set[str]:
    names = {m["name"] for m in GROUP.finditer(text)}
    return names | {m["name"] for m in ROUTE_ARG.finditer(GROUP.sub("", text))}


PATTERNS = sorted(set(url_patterns()))


def test_every_view_is_named():
    unnamed = [text for name, text in PATTERNS if not name]
    assert unnamed == [], "Name these URL patterns so the permission walk can hold them to a table"


def test_every_expectation_is_for_a_real_url():
    names = {name for name, _text in PATTERNS}
    assert sorted(set(load_expectations()) - names) == []


@pytest.fixture
def world(db):
    users = {role: make_user(f"walk-{role}", role) for role in Role.values}
    return build_objects(users)


def request_as(role, world, method, url, data):
    # Each role from its own address: the sign-in lockout counts failures per name and address.
    address = f"127.0.0.{ROLES.index(role) + 1}"
    browser = Client(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR=address)
    if role != "anonymous":
        browser.force_login(world["users"][role])
    send = getattr(browser, method)
    if method in ("patch", "put"):
        return send(url, data or {}, content_type="application/json")
    return send(url, data or {})


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
    if csp_directives(policy).get("script-src") != ["'self'"]:
        problems.append(f"{what}: no Content-Security-Policy limiting scripts ({policy!r})")
    if "camera=()" not in response.get("Permissions-Policy", ""):
        problems.append(f"{what}: no Permissions-Policy")
    if response.get("Content-Type", "").startswith("text/html"):
        problems += [f"{what}: inline code {code}" for code in inline_code(response.text)]
    return problems
