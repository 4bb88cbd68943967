import json

import pandas as pd
import pytest

from nairl.robotics.harness.lerobot_export import export_lerobot
from nairl.robotics.harness.runner import evaluate
from nairl.robotics.harness.suites import get_suite


@pytest.fixture(scope="module")
def recorded():
    suite = get_suite("decision-mt10").with_overrides(
        episodes=1, episode_length=4, tasks=["reach-v3", "chain/drawer-open>reach>drawer-close"]
    )
    _, episodes = evaluate("random", [suite], record=True)
    return episodes


def test_export_writes_the_v3_layout(recorded, tmp_path):
    summary = export_lerobot(recorded, tmp_path)
    info = json.loads((tmp_path / "meta/info.json").read_text())
    assert info["codebase_version"] == "v3.0"
    assert info["total_episodes"] == 2 and info["total_frames"] == summary.frames == 8
    assert info["features"]["observation.state"]["shape"] == [39]
    assert info["features"]["action"]["shape"] == [4]
    suffix = ".parquet" if not summary.notes else ".jsonl"
    data = tmp_path / f"data/chunk-000/file-000{suffix}"
    episodes = tmp_path / f"meta/episodes/chunk-000/file-000{suffix}"
    tasks = tmp_path / f"meta/tasks{suffix}"
    assert data.exists() and episodes.exists() and tasks.exists()
    if suffix == ".parquet":
        frames = pd.read_parquet(data)
        assert list(frames["index"]) == list(range(8))
        assert pd.read_parquet(episodes)["length"].tolist() == [4, 4]
        assert pd.read_parquet(tasks).index.name == "task"


def test_export_without_pyarrow_says_so(recorded, tmp_path, monkeypatch):
    def no_parquet(*args, **kwargs):
        raise ImportError("pyarrow missing")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", no_parquet)
    summary = export_lerobot(recorded, tmp_path)
    assert any("pyarrow" in note for note in summary.notes)
    rows = (tmp_path / "data/chunk-000/file-000.jsonl").read_text().splitlines()
    assert len(rows) == 8 and (tmp_path / "meta/info.json").exists()
