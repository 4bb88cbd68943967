"""Export recorded episodes in the LeRobot dataset v3.0 layout, without depending on LeRobot.

Layout: meta/info.json, meta/tasks.parquet, meta/episodes/chunk-000/file-000.parquet and
data/chunk-000/file-000.parquet (one file each: evaluation datasets are small). Images are not
exported; observation.state is the state vector (or proprioception in pixel suites). Parquet
needs pyarrow; without it the same tables are written as JSON lines and the summary says so.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from nairl.robotics.harness.language import PHRASES
from nairl.robotics.harness.results import EpisodeResult

CODEBASE_VERSION = "v3.0"
FPS = 80  # Meta-World steps 5 physics substeps of 2.5 ms: 12.5 ms per frame
DATA_PATH = "data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet"


@dataclass
class ExportSummary:
    episodes: int = 0
    frames: int = 0
    files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _task_text(env_task: str) -> str:
    """LeRobot tasks are language; use the task's first training phrasing."""
    return PHRASES[env_task][0][0]


def _feature(dtype: str, shape: int) -> dict[str, Any]:
    return {"dtype": dtype, "shape": [shape], "names": None}


def _tables(
    episodes: Sequence[EpisodeResult], env_tasks: dict[tuple[str, str], tuple[str, ...]]
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    task_index: dict[str, int] = {}
    rows, episode_rows = [], []
    for episode_index, episode in enumerate(episodes):
        links = env_tasks[(episode.suite, episode.task)]
        start = len(rows)
        texts = []
        for frame_index, frame in enumerate(episode.frames or []):
            text = _task_text(links[frame["link"]])
            if text not in texts:
                texts.append(text)
            rows.append(
                {
                    "observation.state": frame["state"],  # float32 arrays: list<float>
                    "action": frame["action"],
                    "next.reward": np.float32(frame["reward"]),
                    "next.success": bool(frame["success"]),
                    "next.done": frame_index == len(episode.frames) - 1,
                    "timestamp": np.float32(frame_index / FPS),
                    "frame_index": frame_index,
                    "episode_index": episode_index,
                    "index": len(rows),
                    "task_index": task_index.setdefault(text, len(task_index)),
                }
            )
        episode_rows.append(
            {
                "episode_index": episode_index,
                "tasks": texts,
                "length": len(rows) - start,
                "data/chunk_index": 0,
                "data/file_index": 0,
                "dataset_from_index": start,
                "dataset_to_index": len(rows),
                "meta/episodes/chunk_index": 0,
                "meta/episodes/file_index": 0,
                "suite": episode.suite,
                "suite_task": episode.task,
                "seed": episode.seed,
                "success": episode.success,
            }
        )
    tasks = pd.DataFrame({"task_index": list(task_index.values())}, index=list(task_index))
    tasks.index.name = "task"
    return pd.DataFrame(rows), pd.DataFrame(episode_rows), tasks


def _info(frames: pd.DataFrame, episodes: int, tasks: int) -> dict[str, Any]:
    state = len(frames["observation.state"].iloc[0]) if len(frames) else 0
    action = len(frames["action"].iloc[0]) if len(frames) else 0
    scalar = {"timestamp": "float32", "frame_index": "int64", "episode_index": "int64"}
    scalar |= {"index": "int64", "task_index": "int64", "next.reward": "float32"}
    scalar |= {"next.success": "bool", "next.done": "bool"}
    return {
        "codebase_version": CODEBASE_VERSION,
        "robot_type": "sawyer",
        "total_episodes": episodes,
        "total_frames": len(frames),
        "total_tasks": tasks,
        "chunks_size": 1000,
        "data_files_size_in_mb": 100,
        "video_files_size_in_mb": 200,
        "fps": FPS,
        "splits": {"train": f"0:{episodes}"},
        "data_path": DATA_PATH,
        "video_path": None,
        "features": {
            "observation.state": _feature("float32", state),
            "action": _feature("float32", action),
            **{name: _feature(dtype, 1) for name, dtype in scalar.items()},
        },
    }


def _write_table(table: pd.DataFrame, path: Path, summary: ExportSummary, index: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        table.to_parquet(path, index=index)
    except ImportError:
        path = path.with_suffix(".jsonl")
        (table.reset_index() if index else table).to_json(path, orient="records", lines=True)
        note = "pyarrow is not installed: tables were written as JSON lines, not parquet"
        if note not in summary.notes:
            summary.notes.append(note)
    summary.files.append(str(path))


def export_lerobot(
    episodes: Sequence[EpisodeResult],
    root: Path,
    env_tasks: dict[tuple[str, str], tuple[str, ...]] | None = None,
) -> ExportSummary:
    """Write recorded episodes (those with frames) under `root` in the LeRobot v3 layout.

    `env_tasks` maps (suite, task) to its Meta-World tasks; by default it is read from the
    suite registry.
    """
    if env_tasks is None:
        from nairl.robotics.harness.suites import SUITES

        env_tasks = {(s.name, t.name): t.env_tasks for s in SUITES.values() for t in s.tasks}
    recorded = [e for e in episodes if e.frames]
    summary = ExportSummary(episodes=len(recorded))
    skipped = len(episodes) - len(recorded)
    if skipped:
        summary.notes.append(f"{skipped} episodes without recorded frames were left out")
    frames, episode_table, tasks = _tables(recorded, env_tasks)
    summary.frames = len(frames)
    _write_table(frames, root / DATA_PATH.format(chunk_index=0, file_index=0), summary, False)
    _write_table(episode_table, root / "meta/episodes/chunk-000/file-000.parquet", summary, False)
    _write_table(tasks, root / "meta/tasks.parquet", summary, True)
    info = root / "meta/info.json"
    info.write_text(json.dumps(_info(frames, len(recorded), len(tasks)), indent=2))
    summary.files.append(str(info))
    return summary
