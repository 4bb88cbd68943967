"""The identifiers research outputs carry, in the canonical form used for duplicates and links.

DOI and arXiv ids follow `nairl.common.identifiers` (one rule for the whole hub); outputs add the
arXiv id without its version (v1 and v2 are one paper), web addresses for code, data sets and
models, and patent numbers. Each function returns the canonical form or raises ValidationError
saying what is wrong.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from nairl.common.identifiers import normalize_arxiv, normalize_doi

ARXIV_VERSION = re.compile(r"v\d+$")
# Office code, then the number's digits, then an optional kind code (B2, A1): KR1020230012345,
# US11234567B2, EP3456789A1.
PATENT_SHAPE = re.compile(r"^[A-Z]{2}\d{4,14}([A-Z]\d?)?$")
PATENT_SEPARATORS = re.compile(r"[\s,.\-/]")
web_address = URLValidator(schemes=["http", "https"])

__all__ = ["normalize_arxiv_id", "normalize_doi", "normalize_patent", "normalize_url"]


def normalize_arxiv_id(value: str) -> str:
    """2101.00001v2 → 2101.00001; cs.LG/0101001 stays as it is."""
    return ARXIV_VERSION.sub("", normalize_arxiv(value))


def normalize_url(value: str) -> str:
    url = value.strip()
    try:
        web_address(url)
    except ValidationError:
        raise ValidationError(
            _("“%(value)s” is not a web address: it starts with https:// or http://."),
            code="url_format",
            params={"value": value},
        ) from None
    return url


def normalize_patent(value: str) -> str:
    """KR10-2023-0012345 → KR1020230012345; US 11,234,567 B2 → US11234567B2."""
    number = PATENT_SEPARATORS.sub("", value.strip().upper())
    if not PATENT_SHAPE.match(number):
        raise ValidationError(
            _(
                "“%(value)s” is not a patent number: it has the form KR10-2023-0012345 or "
                "US 11,234,567 B2."
            ),
            code="patent_format",
            params={"value": value},
        )
    return number
