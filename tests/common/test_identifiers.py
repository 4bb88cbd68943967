import pytest
from django.core.exceptions import ValidationError

from nairl.common.identifiers import (
    normalize_arxiv,
    normalize_doi,
    normalize_orcid,
    normalize_ror,
    orcid_check_digit,
    validate_orcid,
    validate_ror,
)


def error_code(function, value):
    with pytest.raises(ValidationError) as caught:
        function(value)
    return caught.value.code


# --- ORCID -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("0000-0002-1825-0097", "0000-0002-1825-0097"),
        ("https://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097"),
        ("http://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097"),
        ("orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097"),
        ("  0000-0002-1825-0097 ", "0000-0002-1825-0097"),
        ("0000000218250097", "0000-0002-1825-0097"),
        ("0000-0002-1694-233X", "0000-0002-1694-233X"),  # check digit X
        ("0000-0002-1694-233x", "0000-0002-1694-233X"),
        ("https://ORCID.org/0000-0002-1694-233x", "0000-0002-1694-233X"),
    ],
)
def test_orcid_accepted_forms(value, expected):
    assert normalize_orcid(value) == expected
    validate_orcid(value)


def test_orcid_check_digit_can_be_x():
    assert orcid_check_digit("000000021694233") == "X"
    assert orcid_check_digit("000000021825009") == "7"


@pytest.mark.parametrize(
    "value",
    [
        "0000-0002-1825-0098",
        "0000-0002-1825-0096",
        "0000-0002-1694-2330",
        "0000-0002-1825-0079",
    ],
)
def test_orcid_wrong_check_digit(value):
    assert error_code(normalize_orcid, value) == "orcid_checksum"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "0000-0002-1825",
        "0000-0002-1825-00977",
        "0000-0002-1825-009Y",
        "X000-0002-1825-0097",
        "0000_0002_1825_0097",
        "https://example.org/0000-0002-1825-0097",
        "abcd-efgh-ijkl-mnop",
    ],
)
def test_orcid_bad_shape(value):
    assert error_code(normalize_orcid, value) == "orcid_format"


def test_orcid_message_quotes_the_value_and_shows_the_form():
    with pytest.raises(ValidationError) as caught:
        normalize_orcid("1234")
    assert "1234" in caught.value.messages[0]
    assert "0000-0002-1825-0097" in caught.value.messages[0]


# --- ROR ---------------------------------------------------------------------------------------

REAL_ROR_IDS = ["05apxxy63", "00f54p054", "01wjejq96", "02fa3aq29"]


@pytest.mark.parametrize("ror", REAL_ROR_IDS)
def test_real_ror_ids_are_valid(ror):
    assert normalize_ror(ror) == ror
    assert normalize_ror(f"https://ror.org/{ror}") == ror
    assert normalize_ror(ror.upper()) == ror
    validate_ror(ror)


@pytest.mark.parametrize("ror", REAL_ROR_IDS)
def test_altered_ror_ids_are_invalid(ror):
    last = ror[-1]
    changed = ror[:-1] + ("0" if last != "0" else "1")
    assert error_code(normalize_ror, changed) == "ror_checksum"
    swapped_body = ror[:3] + ("a" if ror[3] != "a" else "b") + ror[4:]
    assert error_code(normalize_ror, swapped_body) == "ror_checksum"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "15apxxy63",
        "05apxxy6",
        "05apxxy633",
        "05apxxi63",
        "05apxxl63",
        "05apxxo63",
        "05apxxu63",
        "05apxxyab",
        "https://example.org/05apxxy63",
    ],
)
def test_ror_bad_shape(value):
    assert error_code(normalize_ror, value) == "ror_format"


# --- DOI and arXiv -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("10.1038/nature14539", "10.1038/nature14539"),
        ("https://doi.org/10.48550/arXiv.2203.15556", "10.48550/arxiv.2203.15556"),
        ("doi:10.1145/3292500.3330701", "10.1145/3292500.3330701"),
        ("doi.org/10.1000/ABC", "10.1000/abc"),
    ],
)
def test_doi_accepted(value, expected):
    assert normalize_doi(value) == expected


@pytest.mark.parametrize(
    "value", ["", "10.12/abc", "11.1234/abc", "10.1234/", "10.1234/a b", "doi"]
)
def test_doi_rejected(value):
    assert error_code(normalize_doi, value) == "doi_format"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2203.15556", "2203.15556"),
        ("2203.15556v2", "2203.15556v2"),
        ("1501.0001", "1501.0001"),
        ("arXiv:2001.08361", "2001.08361"),
        ("https://arxiv.org/abs/2001.08361v1", "2001.08361v1"),
        ("cs/0112017", "cs/0112017"),
        ("math.GT/0309136", "math.GT/0309136"),
    ],
)
def test_arxiv_accepted(value, expected):
    assert normalize_arxiv(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "2203.155",
        "2203.155566",
        "22031.5556",
        "cs/011201",
        "CS/0112017",
        "2203.15556v",
        "https://example.org/abs/2203.15556",
    ],
)
def test_arxiv_rejected(value):
    assert error_code(normalize_arxiv, value) == "arxiv_format"
