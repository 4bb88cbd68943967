"""Background tasks of the robotics app, queued through nairl.common.tasks.enqueue."""


def run_evaluation(evaluation_id: int) -> None:
    """Run a queued evaluation through the harness and store its results."""
    from nairl.robotics.domain.evaluations import run_evaluation as run

    run(evaluation_id)
