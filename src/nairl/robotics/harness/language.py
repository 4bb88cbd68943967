"""Natural-language instructions for the MT10 tasks, and a simple grounding of them.

Instructions are paraphrase templates. Training phrasings (what a policy may learn from) and
evaluation phrasings (what the decision suite asks) are disjoint, so a policy has to generalise
across wordings instead of matching strings.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache

# task -> (training phrases, held-out evaluation phrases)
PHRASES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "reach-v3": (
        ("reach the goal", "move the gripper to the target position"),
        ("bring your hand to the marked target", "reach out to the goal point"),
    ),
    "push-v3": (
        ("push the puck to the goal", "slide the puck across the table to the target"),
        ("nudge the puck over to the goal", "shove the puck until it reaches the target"),
    ),
    "pick-place-v3": (
        ("pick up the puck and place it at the goal", "grasp the puck and put it on the target"),
        ("lift the puck and set it down at the goal", "grab the puck, carry it to the target"),
    ),
    "door-open-v3": (
        ("open the door", "pull the door open by its handle"),
        ("swing the door open", "get the door open"),
    ),
    "drawer-open-v3": (
        ("open the drawer", "pull the drawer out"),
        ("pull out the drawer", "get the drawer open"),
    ),
    "drawer-close-v3": (
        ("close the drawer", "push the drawer shut"),
        ("shut the drawer", "push the drawer closed"),
    ),
    "button-press-topdown-v3": (
        ("press the button from above", "push the button down from the top"),
        ("press down on the button", "hit the button from above"),
    ),
    "peg-insert-side-v3": (
        ("insert the peg into the hole", "put the peg in the side hole of the box"),
        ("slide the peg into the hole", "fit the peg into the hole in the box"),
    ),
    "window-open-v3": (
        ("open the window", "slide the window open"),
        ("push the window open", "get the window open"),
    ),
    "window-close-v3": (
        ("close the window", "slide the window shut"),
        ("push the window closed", "shut the window"),
    ),
}
TRAIN_FRAMES = ("{}", "please {}", "can you {}?")
EVAL_FRAMES = ("{}.", "I need you to {}", "robot, {} now")
_STOPWORDS = frozenset(
    {"the", "a", "it", "to", "please", "can", "you", "i", "need", "now", "robot"}
)


def instructions(task: str, held_out: bool) -> tuple[str, ...]:
    """All phrasings of `task`: the evaluation set when `held_out`, else the training set."""
    phrases = PHRASES[task][1 if held_out else 0]
    frames = EVAL_FRAMES if held_out else TRAIN_FRAMES
    return tuple(frame.format(phrase) for phrase in phrases for frame in frames)


def instruction_for(task: str, seed: int, held_out: bool = True) -> str:
    """The phrasing an episode with this seed receives (deterministic)."""
    options = instructions(task, held_out)
    return options[seed % len(options)]


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]+", text.lower()) if w not in _STOPWORDS]


@cache
def _task_profiles() -> dict[str, Counter[str]]:
    return {
        task: Counter(w for t in instructions(task, False) for w in _words(t)) for task in PHRASES
    }


@cache
def _idf() -> dict[str, float]:
    profiles = _task_profiles()
    df = Counter(w for profile in profiles.values() for w in profile)
    return {w: math.log((1 + len(profiles)) / (1 + n)) + 1 for w, n in df.items()}


def ground_instruction(text: str) -> str:
    """The MT10 task an instruction most likely means (TF-IDF cosine to training phrasings).

    A deliberately simple reference for the decision suite, learned from training phrasings
    only; unknown words are ignored.
    """
    idf = _idf()
    query = Counter(w for w in _words(text) if w in idf)
    best, best_score = next(iter(PHRASES)), -1.0
    for task, profile in _task_profiles().items():
        dot = sum(query[w] * profile[w] * idf[w] ** 2 for w in query)
        norm = math.sqrt(sum((c * idf[w]) ** 2 for w, c in profile.items()))
        score = dot / norm if norm else 0.0
        if score > best_score:
            best, best_score = task, score
    return best


def grounding_accuracy(held_out: bool = True) -> float:
    """Share of phrasings that `ground_instruction` maps to their own task."""
    pairs = [(t, text) for t in PHRASES for text in instructions(t, held_out)]
    return sum(ground_instruction(text) == t for t, text in pairs) / len(pairs)
