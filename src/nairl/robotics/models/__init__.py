from .evaluations import CapabilityScore, Evaluation, TaskResult
from .teams import RobotPolicy, Team

__all__ = ["CapabilityScore", "Evaluation", "RobotPolicy", "TaskResult", "Team"]
