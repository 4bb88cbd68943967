from .studies import Comparison, Fit, Job, Program, Run, Study

__all__ = ["Comparison", "Fit", "Job", "Program", "Run", "Study"]
