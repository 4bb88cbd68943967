"""The demo links the scaling demo study and the robotics demo team to a public project of their
flagship program, in steps that run after every app's own (so after the projects exist)."""

import io

import pytest

from nairl.common.management.demo import demo_steps
from nairl.robotics import demo as robotics_demo
from nairl.robotics.models import Team
from nairl.scaling import demo as scaling_demo
from nairl.scaling.models import Study

from .helpers import flagship, make_project

pytestmark = pytest.mark.django_db


def said(step) -> str:
    """What a demo step writes (one line, as `nairl demo` prints it)."""
    out = io.StringIO()
    step("small", out)
    return out.getvalue()


def test_the_link_steps_run_after_the_research_demo():
    names = [step.name for step in demo_steps()]
    assert names.index("research") < names.index("scaling-project")
    assert names.index("research") < names.index("robotics-project")


def test_the_demo_study_and_team_link_to_a_public_flagship_project(role_users):
    make_project(title_en="Closed scaling", program=flagship("beyond-scaling"), is_public=False)
    scaling_project = make_project(title_en="Open scaling", program=flagship("beyond-scaling"))
    robot_project = make_project(title_en="Open robots", program=flagship("robot-fm"))
    study = scaling_demo.create_demo_study(comparison=False, learning_curves=False, bootstrap=0)
    team = Team.objects.create(name_en=robotics_demo.TEAM_EN)
    assert said(scaling_demo.link_to_project) == (
        f"scaling: demo study: 1 linked to project #{scaling_project.pk}"
    )
    assert said(robotics_demo.link_to_project) == (
        f"robotics: demo team: 1 linked to project #{robot_project.pk}"
    )
    assert said(scaling_demo.link_to_project) == (  # again: nothing more to link
        f"scaling: demo study: 0 linked to project #{scaling_project.pk}"
    )
    assert Study.objects.get(pk=study.pk).project == scaling_project
    assert Team.objects.get(pk=team.pk).project == robot_project


def test_without_a_public_project_nothing_is_linked():
    team = Team.objects.create(name_en=robotics_demo.TEAM_EN)
    assert said(robotics_demo.link_to_project) == (
        "robotics: demo team: no public robot-fm project to link to"
    )
    assert Team.objects.get(pk=team.pk).project is None
