"""Policy factories for the hub's evaluation tests (imported by the harness's worker processes)."""


def make_exploding_policy():
    raise RuntimeError("weights file is missing")
