"""The OpenAPI schema tells the truth: every answer the permission walk gets from the API, for
every role (errors included), is documented for its status and valid against its schema."""

import copy
import re

import jsonschema
import pytest
from drf_spectacular.generators import SchemaGenerator

from permission_expectations import ROLES, load_expectations
from url_walk import PATTERNS, arguments, build_world, fill, request_as

# The browsable index of the API is a convenience page, not an operation.
NOT_OPERATIONS = {"api-root"}
API_PATTERNS = [
    (name, text)
    for name, text in PATTERNS
    if name
    and name not in NOT_OPERATIONS
    and text.startswith("api/v1/")
    and "format" not in arguments(text)
]


@pytest.fixture(scope="module")
def openapi():
    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.fixture
def world(db):
    return build_world()


def operation_for(openapi, url: str, method: str):
    """The schema's path template for the URL and its operation for the method (None when the
    path has no such method). Literal paths win over templated ones, as in the router:
    `/room-bookings/conflicts/` is an action, not the object with id "conflicts"."""
    by_literalness = sorted(openapi["paths"].items(), key=lambda item: item[0].count("{"))
    for template, operations in by_literalness:
        pattern = "[^/]+".join(re.escape(part) for part in re.split(r"\{[^}]+\}", template))
        if re.fullmatch(pattern, url):
            return template, operations.get(method)
    return None, None


def inline(schema, openapi, depth=0):
    """The schema with its component references replaced by the components."""
    if depth > 20:
        return schema
    if isinstance(schema, dict):
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            return inline(copy.deepcopy(openapi["components"]["schemas"][name]), openapi, depth + 1)
        return {key: inline(value, openapi, depth + 1) for key, value in schema.items()}
    if isinstance(schema, list):
        return [inline(item, openapi, depth + 1) for item in schema]
    return schema


@pytest.mark.parametrize("name, text", API_PATTERNS, ids=[name for name, _ in API_PATTERNS])
def test_every_answer_matches_the_schema(name, text, world, openapi):
    problems = []
    for case in load_expectations().get(name, []):
        url = fill(text, case.url_kwargs(world))
        template, operation = operation_for(openapi, url, case.method)
        assert template is not None, f"{url} is not in the schema"
        for role in ROLES:
            response = request_as(role, world, case.method, url, case.data)
            if operation is None:  # a method the endpoint does not have
                if response.status_code not in (401, 403, 405):
                    problems.append(f"{role}: {case.method} {url}: {response.status_code}")
                continue
            documented = operation["responses"].get(str(response.status_code))
            if documented is None:
                problems.append(
                    f"{role}: {case.method} {url} answered {response.status_code}, "
                    f"not documented for {template}"
                )
                continue
            content = documented.get("content", {}).get("application/json")
            if content is None or not response.content:
                continue
            try:
                jsonschema.validate(response.json(), inline(content["schema"], openapi))
            except jsonschema.ValidationError as error:
                problems.append(
                    f"{role}: {case.method} {url} {response.status_code}: "
                    f"{error.message} at {list(error.absolute_path)}"
                )
    assert problems == []
