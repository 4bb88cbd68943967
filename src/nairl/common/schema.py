"""The OpenAPI schema tells the truth about errors too: every operation documents the 401 a
request without valid credentials gets, the 403 of a signed-in user who may not, the 404 of an
object that does not exist or is hidden, and the 400 (field → messages) of bad input."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in the requester's language.")


VALIDATION_ERRORS = {
    "type": "object",
    "description": "Each field that is wrong (or non_field_errors) with its messages.",
    "additionalProperties": {
        "oneOf": [
            {"type": "array", "items": {"type": "string"}},
            {"type": "array", "items": {"type": "object"}},
            {"type": "object"},
        ]
    },
}


class HubAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        errors = {
            "401": OpenApiResponse(ErrorSerializer, "No valid credentials."),
            "403": OpenApiResponse(ErrorSerializer, "Signed in, but not allowed."),
        }
        if "{" in self.path:
            errors["404"] = OpenApiResponse(ErrorSerializer, "No such object, or hidden.")
        # Writes validate their body; reads their query (unknown parameters are refused).
        errors["400"] = OpenApiResponse(VALIDATION_ERRORS, "Bad input; nothing changed.")
        for code, response in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code)
        return responses


def truthful_schema(result, generator, request, public):
    """Post-processing: pieces written for OpenAPI 3.0 (DRF's pagination marks `nullable`) are
    said the 3.1 way, and a blank-or-value choice is `anyOf` (an empty string is both a blank
    and a string, which `oneOf` would refuse)."""

    def fix(node):
        if isinstance(node, dict):
            if node.pop("nullable", False) and isinstance(node.get("type"), str):
                node["type"] = [node["type"], "null"]
            alternatives = node.get("oneOf")
            if isinstance(alternatives, list) and {"type": "string", "maxLength": 0} in [
                {k: v for k, v in alternative.items() if k in ("type", "maxLength")}
                for alternative in alternatives
                if isinstance(alternative, dict)
            ]:
                node["anyOf"] = node.pop("oneOf")
            for value in node.values():
                fix(value)
        elif isinstance(node, list):
            for value in node:
                fix(value)

    fix(result)
    return result
