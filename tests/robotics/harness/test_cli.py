import io
import json
import subprocess
import sys

import pytest

from nairl.robotics.cli import main


def run_cli(*argv):
    out = io.StringIO()
    code = main(list(argv), out)
    return code, out.getvalue()


def test_suites_lists_every_suite_with_its_hash():
    code, out = run_cli("suites", "--json")
    suites = json.loads(out)
    assert code == 0
    assert {s["name"] for s in suites} == {"control-mt10", "perception-mt10", "decision-mt10"}
    assert all(len(s["hash"]) == 16 for s in suites)
    assert "control-mt10" in run_cli("suites")[1]


def test_eval_json_reports_tasks_capabilities_and_writes_episodes(tmp_path):
    out_file = tmp_path / "results.jsonl"
    code, out = run_cli(
        "eval", "--policy", "random", "--suite", "control-mt10", "--episodes", "2",
        "--episode-length", "5", "--tasks", "reach-v3,push-v3", "--workers", "2",
        "--out", str(out_file), "--json",
    )  # fmt: skip
    assert code == 0
    report = json.loads(out)
    assert [t["task"] for t in report["tasks"]] == ["reach-v3", "push-v3"]
    assert set(report["tasks"][0]["success"]) == {"mean", "low", "high", "n"}
    assert report["capabilities"][0]["capability"] == "control"
    assert "mujoco" in report["versions"]
    lines = [json.loads(line) for line in out_file.read_text().splitlines()]
    assert len(lines) == 4 and lines[0]["suite_hash"] == report["suites"][0]["hash"]
    assert json.loads(out_file.with_suffix(".summary.json").read_text()) == report


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["eval", "--policy", "random", "--suite", "nope"], "unknown suite 'nope'"),
        (["eval", "--policy", "nairl_nope.x:make", "--suite", "control-mt10"], "cannot import"),
        (["eval", "--policy", "nonsense", "--suite", "control-mt10"], "neither a reference"),
        (["eval", "--policy", "random", "--suite", "control-mt10", "--tasks", "fly"], "no task"),
        (["eval", "--policy", "baseline:/nonexistent.npz", "--suite", "control-mt10",
          "--episodes", "1", "--tasks", "reach-v3"],
         "cannot read the policy's file 'nonexistent.npz' (no such file or directory)"),
        (["eval", "--policy", "ws://127.0.0.1:9", "--suite", "control-mt10"],
         "cannot connect to the policy server"),
        (["serve-policy", "--policy", "ws://127.0.0.1:9"], "not another server"),
    ],
)  # fmt: skip
def test_usage_errors_print_one_line_and_exit_2(argv, message, capsys):
    code, _ = run_cli(*argv)
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("error: ") and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_module_entry_point_exits_2_on_bad_suite():
    process = subprocess.run(
        [sys.executable, "-m", "nairl.robotics.cli", "eval", "--policy", "random", "--suite", "x"],
        capture_output=True,
        text=True,
    )
    assert process.returncode == 2
    assert process.stderr.strip().startswith("error: unknown suite")


def test_argparse_rejects_non_positive_counts(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["eval", "--policy", "random", "--suite", "control-mt10", "--episodes", "0"])
    assert exit_info.value.code == 2


def test_export_dataset_writes_a_lerobot_layout(tmp_path):
    code, out = run_cli(
        "export-dataset", "--policy", "random", "--suite", "control-mt10", "--episodes", "1",
        "--episode-length", "3", "--tasks", "reach-v3", "--out", str(tmp_path),
    )  # fmt: skip
    assert code == 0 and "wrote 1 episodes, 3 frames" in out
    assert json.loads((tmp_path / "meta/info.json").read_text())["total_frames"] == 3
