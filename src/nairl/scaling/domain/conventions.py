"""What every stored result of the workbench shares: its interval level, how far predictions
extrapolate, the bootstrap seed, and which laws are in N and D (plain Python, no Django)."""

EXTRAPOLATION_FACTORS = (1.0, 10.0, 100.0, 1000.0)
SEED = 20240601
LEVEL = 0.95


def is_two_variable(law) -> bool:
    return {"n", "d"} <= set(law.inputs)
