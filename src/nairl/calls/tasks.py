"""Background entry points (thin: the work is in domain/)."""


def run_assignment(run_id: int) -> str:
    from .domain.assignment import run_assignment as run

    return run(run_id)


def send_reminders() -> int:
    from .domain.reminders import send_reminders as send

    return send()
