"""Robot-foundation-model evaluation harness: plain Python, no Django.

Typical use::

    from nairl.robotics.harness import evaluate, get_suite
    report, episodes = evaluate("mypkg.policy:make_policy", [get_suite("control-mt10")])
"""

from nairl.robotics.harness.episodes import EpisodeJob, Limits
from nairl.robotics.harness.policies import (
    ActionSpec,
    Policy,
    PolicyLoadError,
    PolicySpec,
    PolicyTask,
)
from nairl.robotics.harness.results import (
    CapabilityResult,
    EpisodeResult,
    EvaluationReport,
    PerturbationDrop,
    TaskResult,
)
from nairl.robotics.harness.runner import ProgressCallback, evaluate
from nairl.robotics.harness.stats import Estimate, macro_average, wilson_interval
from nairl.robotics.harness.suites import (
    CAPABILITIES,
    Suite,
    TaskSpec,
    UnknownSuiteError,
    get_suite,
    list_suites,
)

__all__ = [
    "CAPABILITIES",
    "ActionSpec",
    "CapabilityResult",
    "EpisodeJob",
    "EpisodeResult",
    "Estimate",
    "EvaluationReport",
    "Limits",
    "PerturbationDrop",
    "Policy",
    "PolicyLoadError",
    "PolicySpec",
    "PolicyTask",
    "ProgressCallback",
    "Suite",
    "TaskResult",
    "TaskSpec",
    "UnknownSuiteError",
    "evaluate",
    "get_suite",
    "list_suites",
    "macro_average",
    "wilson_interval",
]
