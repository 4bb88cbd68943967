from .projects import Membership, Program, Project

__all__ = ["Membership", "Program", "Project"]
