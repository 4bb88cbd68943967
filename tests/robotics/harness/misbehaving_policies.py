"""Test-only policies: one that misbehaves in a different way for each episode seed."""

from __future__ import annotations

import os
import signal
import sys
import time

import numpy as np

SEED0 = 500
BEHAVIOURS = (
    "ok",
    "raise",
    "nan",
    "wrong-shape",
    "out-of-bounds",
    "busy-loop",
    "sleep",
    "exit",
    "memory-hog",
    "ok",
    "ignore-alarm",
    "reset-raises",
    "not-numeric",
    "prints-and-reads-stdin",  # harmless: must not disturb the worker's protocol pipes
)


class MisbehavingPolicy:
    def reset(self, task):
        self.behaviour = BEHAVIOURS[task.seed - SEED0]
        if self.behaviour == "reset-raises":
            raise RuntimeError("cannot reset")

    def act(self, observation):
        behaviour = self.behaviour
        if behaviour == "raise":
            raise ValueError("policy bug")
        if behaviour == "nan":
            return np.array([np.nan, 0, 0, 0])
        if behaviour == "wrong-shape":
            return np.zeros(7)
        if behaviour == "out-of-bounds":
            return np.array([3.0, 0, 0, 0])
        if behaviour == "busy-loop":
            while True:
                pass
        if behaviour == "sleep":
            time.sleep(60)
        if behaviour == "exit":
            os._exit(3)
        if behaviour == "memory-hog":
            hog = []
            while True:
                hog.append(np.empty(50_000_000))  # address space is what RLIMIT_AS counts
        if behaviour == "ignore-alarm":
            signal.signal(signal.SIGALRM, signal.SIG_IGN)
            time.sleep(60)
        if behaviour == "not-numeric":
            return "left"
        if behaviour == "prints-and-reads-stdin":
            print("chatty policy")
            os.write(1, b"raw bytes on fd 1\n")
            assert sys.stdin.read() == ""
        return np.zeros(4)


def make_policy():
    return MisbehavingPolicy()


def make_failing_factory():
    raise RuntimeError("factory exploded")


def make_not_a_policy():
    return object()
