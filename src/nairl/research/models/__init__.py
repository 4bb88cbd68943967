from .outputs import Output, OutputAuthor
from .projects import Membership, Program, Project

__all__ = ["Membership", "Output", "OutputAuthor", "Program", "Project"]
