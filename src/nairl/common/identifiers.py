"""Validators for the identifiers research records carry: ORCID, ROR, DOI, arXiv.

Each normaliser takes what people paste (URLs, lower case, spaces) and returns the canonical
form, or raises ValidationError saying exactly what is wrong.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORCID_SHAPE = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
# ROR ids: '0', six Crockford base-32 characters, two check digits.
ROR_SHAPE = re.compile(r"^0[0-9a-hjkmnp-tv-z]{6}\d{2}$")
CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
DOI_SHAPE = re.compile(r"^10\.\d{4,9}/\S+$")
ARXIV_SHAPE = re.compile(r"^(\d{4}\.\d{4,5}|[a-z\-]+(\.[A-Z]{2})?/\d{7})(v\d+)?$")


def strip_prefixes(value: str, *prefixes: str) -> str:
    value = value.strip()
    for prefix in prefixes:
        if value.lower().startswith(prefix):
            return value[len(prefix) :]
    return value


def orcid_check_digit(base_digits: str) -> str:
    """ISO 7064 MOD 11-2 over the first 15 digits."""
    total = 0
    for digit in base_digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def normalize_orcid(value: str) -> str:
    orcid = strip_prefixes(value, "https://orcid.org/", "http://orcid.org/", "orcid.org/").upper()
    if len(orcid) == 16 and "-" not in orcid:
        orcid = "-".join(orcid[i : i + 4] for i in range(0, 16, 4))
    if not ORCID_SHAPE.match(orcid):
        raise ValidationError(
            _("“%(value)s” is not an ORCID iD: it has the form 0000-0002-1825-0097."),
            code="orcid_format",
            params={"value": value},
        )
    digits = orcid.replace("-", "")
    if orcid_check_digit(digits[:15]) != digits[15]:
        raise ValidationError(
            _("“%(value)s” is not a valid ORCID iD: its check digit does not match."),
            code="orcid_checksum",
            params={"value": value},
        )
    return orcid


def ror_checksum(body: str) -> str:
    """ISO 7064 MOD 97-10 over the base-32 number of a ROR id's first seven characters."""
    number = 0
    for char in body:
        number = number * 32 + CROCKFORD.index(char)
    return f"{98 - (number * 100) % 97:02d}"


def normalize_ror(value: str) -> str:
    ror = strip_prefixes(value, "https://ror.org/", "http://ror.org/", "ror.org/").lower()
    if not ROR_SHAPE.match(ror):
        raise ValidationError(
            _(
                "“%(value)s” is not a ROR id: it has the form 05apxxy63 "
                "(nine characters, starting with 0)."
            ),
            code="ror_format",
            params={"value": value},
        )
    if ror_checksum(ror[:7]) != ror[7:]:
        raise ValidationError(
            _("“%(value)s” is not a valid ROR id: its check digits do not match."),
            code="ror_checksum",
            params={"value": value},
        )
    return ror


def normalize_doi(value: str) -> str:
    doi = strip_prefixes(value, "https://doi.org/", "http://doi.org/", "doi:", "doi.org/")
    if not DOI_SHAPE.match(doi):
        raise ValidationError(
            _("“%(value)s” is not a DOI: it has the form 10.1234/abc."),
            code="doi_format",
            params={"value": value},
        )
    return doi.lower()


def normalize_arxiv(value: str) -> str:
    arxiv = strip_prefixes(value, "https://arxiv.org/abs/", "http://arxiv.org/abs/", "arxiv:")
    if not ARXIV_SHAPE.match(arxiv):
        raise ValidationError(
            _("“%(value)s” is not an arXiv id: it has the form 2203.15556 or cs/0112017."),
            code="arxiv_format",
            params={"value": value},
        )
    return arxiv


def validate_orcid(value: str) -> None:
    normalize_orcid(value)


def validate_ror(value: str) -> None:
    normalize_ror(value)
