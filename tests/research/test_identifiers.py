"""Identifiers of research outputs: what is accepted, in which canonical form, what is refused."""

import pytest
from django.core.exceptions import ValidationError

from nairl.research.identifiers import (
    normalize_arxiv_id,
    normalize_doi,
    normalize_patent,
    normalize_url,
)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("10.1234/ABC.def", "10.1234/abc.def"),
        ("https://doi.org/10.48550/arXiv.2101.00001", "10.48550/arxiv.2101.00001"),
        ("doi:10.123456789/x-y", "10.123456789/x-y"),
    ],
)
def test_dois_are_lower_case_without_their_resolver(written, canonical):
    assert normalize_doi(written) == canonical


@pytest.mark.parametrize("written", ["10.12/abc", "11.1234/abc", "10.1234/", "doi 10.1234/a b"])
def test_malformed_dois_are_refused(written):
    with pytest.raises(ValidationError, match="not a DOI"):
        normalize_doi(written)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("2101.00001v2", "2101.00001"),
        ("arXiv:2203.15556", "2203.15556"),
        ("https://arxiv.org/abs/2101.00001v1", "2101.00001"),
        ("cs.LG/0101001", "cs.LG/0101001"),
        ("hep-th/9901001v3", "hep-th/9901001"),
    ],
)
def test_arxiv_ids_lose_their_version(written, canonical):
    assert normalize_arxiv_id(written) == canonical


@pytest.mark.parametrize("written", ["2101.001", "arxiv 2101.00001", "CS.lg/0101001", "abc"])
def test_malformed_arxiv_ids_are_refused(written):
    with pytest.raises(ValidationError, match="not an arXiv id"):
        normalize_arxiv_id(written)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("KR10-2023-0012345", "KR1020230012345"),
        ("US 11,234,567 B2", "US11234567B2"),
        ("ep 3456789 a1", "EP3456789A1"),
    ],
)
def test_patent_numbers_lose_their_separators(written, canonical):
    assert normalize_patent(written) == canonical


@pytest.mark.parametrize("written", ["11,234,567", "KR-ABC", "K1020230012345", ""])
def test_malformed_patent_numbers_are_refused(written):
    with pytest.raises(ValidationError, match="not a patent number"):
        normalize_patent(written)


def test_only_web_addresses_are_urls():
    assert normalize_url(" https://github.com/nairl/x ") == "https://github.com/nairl/x"
    for written in ("ftp://example.org/x", "javascript:alert(1)", "github.com/x"):
        with pytest.raises(ValidationError, match="not a web address"):
            normalize_url(written)
