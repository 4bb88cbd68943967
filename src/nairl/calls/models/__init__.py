from .applications import Application, Attachment
from .calls import PHASE_BOUNDARIES, Call, Criterion, Question
from .cohorts import Cohort, CohortMember, CohortSession
from .reviews import (
    AccessRefusal,
    AdvisorRelation,
    Assignment,
    AssignmentRun,
    CallReviewer,
    Conflict,
    Review,
)

__all__ = [
    "PHASE_BOUNDARIES",
    "AccessRefusal",
    "AdvisorRelation",
    "Application",
    "Assignment",
    "AssignmentRun",
    "Attachment",
    "Call",
    "CallReviewer",
    "Cohort",
    "CohortMember",
    "CohortSession",
    "Conflict",
    "Criterion",
    "Question",
    "Review",
]
