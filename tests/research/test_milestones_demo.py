"""The research demo's milestones: five a project, valid by the model's rules, loaded once."""

import io

import pytest

from nairl.common.management.demo import load_users
from nairl.people import demo as people_demo
from nairl.research import demo
from nairl.research.models import Milestone, Project

pytestmark = pytest.mark.django_db


def test_every_demo_project_gets_five_valid_milestones_once():
    out = io.StringIO()
    load_users("small", out)
    people_demo.load("small", out)
    demo.load("small", out)
    milestones = list(Milestone.objects.select_related("project"))
    assert len(milestones) == 5 * Project.objects.count() > 0
    for milestone in milestones:
        milestone.full_clean()  # owner a member, due within the project's dates
    assert Milestone.objects.overdue().exists()
    assert Milestone.objects.filter(completed_on__isnull=False).exists()
    demo.load("small", out)
    assert Milestone.objects.count() == len(milestones)
