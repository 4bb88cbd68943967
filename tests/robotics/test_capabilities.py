"""Capabilities are shown by their label in the reader's language; URLs and the API keep codes."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from factories import make_user
from nairl.common.roles import Role
from nairl.robotics.capabilities import (
    CAPABILITY_LABELS,
    capability_choices,
    capability_label,
)
from nairl.robotics.harness.suites import CAPABILITIES, list_suites

from .helpers import make_policy, make_result, make_team

KOREAN = {"perception": "인지", "decision": "의사결정", "control": "제어"}


def test_every_harness_capability_has_a_label():
    assert set(CAPABILITY_LABELS) == set(CAPABILITIES)
    assert [code for code, _label in capability_choices()] == list(CAPABILITIES)


def test_labels_follow_the_language_and_unknown_codes_stay_as_they_are():
    assert str(capability_label("decision")) == "Decision-making"
    with translation.override("ko"):
        assert {code: str(label) for code, label in capability_choices()} == KOREAN
    assert capability_label("flying") == "flying"


@pytest.fixture
def korean(db, client_for):
    member = make_user("dokyung", Role.RESEARCHER, language="ko")
    policy = make_policy(make_team(member, name_en="Walkers"), "leader")
    evaluation = make_result(policy, 0.8, 0.6, 0.9)
    return {"client": client_for(member), "evaluation": evaluation}


def page(browser, url, **query):
    response = browser.get(url, query)
    assert response.status_code == 200, url
    return response.content.decode()


def no_bare_codes(html):
    """No capability code shown as text (codes in URLs and form values are expected)."""
    text = re.sub(r"<[^>]+>", "\n", html)
    shown = {line.strip() for line in text.splitlines()}
    return not shown & set(CAPABILITIES)


def test_capability_page_heading_and_links_use_korean_labels(korean):
    html = page(korean["client"], reverse("robotics:capability", args=["control"]))
    assert "<h1>역량별 리더보드: 제어</h1>" in html
    assert "<title>역량별 리더보드: 제어" in html
    for code in ("perception", "decision"):
        assert f'<a href="{reverse("robotics:capability", args=[code])}">{KOREAN[code]}</a>' in html
    assert no_bare_codes(html)


def test_index_lists_capabilities_by_korean_label(korean):
    html = page(korean["client"], reverse("robotics:index"))
    for suite in list_suites():
        url = reverse("robotics:capability", args=[suite.capability])
        assert f'<a href="{url}">{KOREAN[suite.capability]}</a>' in html
    assert html.count('<li><a href="/robotics/capabilities/') == len(CAPABILITIES)
    assert no_bare_codes(html)


def test_leaderboard_by_capability_names_it_in_the_heading_and_chart(korean):
    html = page(
        korean["client"],
        reverse("robotics:leaderboard", args=["control-mt10"]),
        capability="control",
    )
    assert "<h1>리더보드: control-mt10 · 제어</h1>" in html
    assert "<title>리더보드: control-mt10 · 제어" in html
    assert html.count("리더보드: control-mt10 · 제어") == 3  # title, heading and chart title
    assert no_bare_codes(html)


def test_evaluation_pages_show_korean_labels(korean):
    detail = page(korean["client"], korean["evaluation"].get_absolute_url())
    assert f'<a href="{reverse("robotics:capability", args=["control"])}">제어</a>' in detail
    assert no_bare_codes(detail)
    listing = page(korean["client"], reverse("robotics:evaluations"))
    assert ">control-mt10 (제어)</option>" in listing
    assert "(control)" not in listing


def test_english_readers_get_english_labels(korean, client_for):
    html = page(client_for(None), reverse("robotics:capability", args=["decision"]))
    assert "<h1>Leaderboard by capability: Decision-making</h1>" in html
    assert ">Perception</a>" in html and ">Control</a>" in html


def test_api_keeps_capability_codes(korean, api_client_for):
    data = api_client_for(None).get(f"/api/v1/robotics/evaluations/{korean['evaluation'].pk}/")
    assert data.json()["capabilities"][0]["capability"] == "control"


def test_suite_descriptions_are_the_harness_own_in_english_and_translated_in_korean():
    from nairl.robotics.capabilities import suite_description

    for suite in list_suites():
        assert str(suite_description(suite.name, suite.description)) == suite.description
        with translation.override("ko"):
            korean = str(suite_description(suite.name, suite.description))
        assert korean != suite.description and re.search("[가-힣]", korean)
    assert suite_description("custom-suite", "Our own suite.") == "Our own suite."


@pytest.mark.django_db
def test_the_suite_list_describes_suites_in_korean(client_for):
    reader = client_for(make_user("reader", Role.RESEARCHER, language="ko"))
    text = reader.get(reverse("robotics:index")).content.decode()
    assert "Meta-World MT10 with full state" not in text
    assert "원-핫" in text
