from .studies import LAW_CHOICES, RUN_NUMBERS, Comparison, Fit, Job, Program, Run, Study

__all__ = ["LAW_CHOICES", "RUN_NUMBERS", "Comparison", "Fit", "Job", "Program", "Run", "Study"]
