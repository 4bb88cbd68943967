from .outputs import OUTPUT_FIELDS, Output, OutputAuthor
from .projects import Membership, Program, Project

__all__ = ["OUTPUT_FIELDS", "Membership", "Output", "OutputAuthor", "Program", "Project"]

from .milestones import Milestone  # noqa: E402

__all__ += ["Milestone"]

from .figures import ProgramFigure  # noqa: E402

__all__ += ["ProgramFigure"]
