"""A program's indicators: each output counted once however many of the program's projects it
belongs to, only what the viewer may see, merged records left out, and fresh right after a
change."""

import pytest

from factories import make_institution, make_user
from nairl.common.roles import Role
from nairl.research.domain.duplicates import merge_outputs
from nairl.research.domain.indicators import program_indicators, project_share
from nairl.research.domain.outputs import update_output

from ..helpers import flagship, make_output, make_project

pytestmark = pytest.mark.django_db


def figures(user, program) -> dict:
    found = program_indicators(user, program)
    return {
        "years": [(bar.label, bar.count) for bar in found["outputs_by_year"]],
        "kinds": [(bar.label, bar.count) for bar in found["outputs_by_kind"]],
        "share": found["share"],
    }


@pytest.fixture
def program_outputs():
    kr, ca = make_institution("KAIST", country="KR"), make_institution("Mila", country="CA")
    public, hidden = make_project(), make_project(is_public=False)
    elsewhere = make_project(program=flagship("robot-fm"))
    both = make_output("In both", year=2023, projects=[public, hidden], authors=[("A", None, kr)])
    make_output("Abroad", year=2024, projects=[public], authors=[("B", None, kr), ("C", None, ca)])
    make_output("Code", year=2024, kind="code", url="https://x.example", projects=[public])
    make_output("Secret", year=2024, projects=[hidden])
    make_output("Other program", year=2022, projects=[elsewhere])
    return {"public": public, "both": both}


def test_each_output_counts_once_and_only_what_the_viewer_may_see(program_outputs):
    director = make_user("indicator-director", Role.PROGRAM_DIRECTOR)
    assert figures(director, flagship()) == {
        "years": [("2023", 1), ("2024", 3)],
        "kinds": [("Paper", 3), ("Code", 1)],
        "share": {"total": 4, "international": 1, "percent": 25},
    }
    assert figures(make_user("anyone", Role.RESEARCHER), flagship()) == {
        "years": [("2023", 1), ("2024", 2)],
        "kinds": [("Paper", 2), ("Code", 1)],
        "share": {"total": 3, "international": 1, "percent": 33},
    }
    assert project_share(director, program_outputs["public"]) == {
        "total": 3,
        "international": 1,
        "percent": 33,
    }


def test_the_figures_follow_an_edit_and_a_merge_at_once(program_outputs):
    director = make_user("indicator-director", Role.PROGRAM_DIRECTOR)
    both = program_outputs["both"]
    both.year = 2024
    update_output(output=both, by=None)
    assert figures(director, flagship())["years"] == [("2024", 4)]
    twin = make_output("in both", year=2024, projects=[program_outputs["public"]])
    assert figures(director, flagship())["share"]["total"] == 5
    merge_outputs(duplicate=twin, into=both, by=director)
    assert figures(director, flagship())["share"]["total"] == 4
    assert figures(director, flagship("robot-fm"))["years"] == [("2022", 1)]
