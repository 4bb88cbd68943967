"""Every URL the resolver knows, made concrete: the permission walk and the page checks use it.

`pages(world)` lists, for every page (a GET answered with HTML), one role that may see it.
"""

import re

from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from factories import make_user
from nairl.common.roles import Role
from permission_expectations import ROLES, build_objects, load_expectations

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


PATTERNS = sorted(set(url_patterns()))


def build_world() -> dict:
    """One user per role (named walk-<role>) and the records every module's URLs need."""
    return build_objects({role: make_user(f"walk-{role}", role) for role in Role.values})


def pages(world) -> list[tuple[str, str]]:
    """(role, path) for every HTML page some role may open, with the first such role in ROLES."""
    table = load_expectations()
    found = []
    for name, text in PATTERNS:
        for case in table.get(name, []):
            role = next((r for r in ROLES if case.status[r] == 200), None)
            if case.method != "get" or role is None:
                continue
            kwargs = {"format": "json", **case.url_kwargs(world)}
            path = fill(text, kwargs)
            response = request_as(role, world, "get", path, case.data)
            if response.get("Content-Type", "").startswith("text/html"):
                found.append((role, path))
    return found
