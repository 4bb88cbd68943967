"""Test-only policy that fails loudly when a suite shows it the wrong observation or task."""

from __future__ import annotations

import numpy as np

EXPECTED_KEYS = {
    "control": {"state", "task_onehot"},
    "perception": {"image", "proprio", "task_onehot"},
    "decision": {"state", "instruction"},
}


class ObservationCheckingPolicy:
    def reset(self, task):
        if task.capability == "decision":
            assert task.name is None and task.instruction, "decision must hide the task id"
        else:
            assert task.name and task.instruction is None
        self.task = task

    def act(self, observation):
        assert set(observation) == EXPECTED_KEYS[self.task.capability], sorted(observation)
        if "image" in observation:
            image = observation["image"]
            assert image.shape == (64, 64, 3) and image.dtype == np.uint8 and image.std() > 0
            assert observation["proprio"].shape == (4,)
        if "state" in observation:
            assert observation["state"].shape == (39,)
        return np.zeros(self.task.action.shape)


def make_policy():
    return ObservationCheckingPolicy()
