"""What a policy's worker process can see: proven from inside a real worker."""

import json
import os
import pwd
import tempfile

import pytest

from nairl.robotics.harness import sandbox
from nairl.robotics.harness.episodes import Limits
from nairl.robotics.harness.policies import PolicyLoadError, PolicySpec
from nairl.robotics.harness.runner import evaluate
from nairl.robotics.harness.suites import get_suite

LIMITS = Limits(step_timeout=5.0, episode_timeout=30.0, memory_mb=1536)
ALLOWED_VARIABLES = {
    *sandbox.INHERITED,
    *sandbox.ONE_THREAD,
    "PATH",
    "HOME",
    "TMPDIR",
    "XDG_CACHE_HOME",
    "MPLCONFIGDIR",
    "PYTHONPATH",
    "PYTHONDONTWRITEBYTECODE",
    "LC_CTYPE",  # Python sets it in its own environment when the locale is coerced
    "PYGAME_HIDE_SUPPORT_PROMPT",  # gymnasium sets it when the simulator is imported
}


@pytest.fixture
def hub_data():
    """A data directory anybody could read, as a careless umask leaves one; the hub hides it."""
    directory = tempfile.mkdtemp(prefix="nairl-hub-data-")
    os.chmod(directory, 0o755)
    secret = os.path.join(directory, "nairl.sqlite3")
    with open(secret, "w") as stream:
        stream.write("the hub's database")
    os.chmod(secret, 0o644)
    yield directory, secret
    os.remove(secret)
    os.rmdir(directory)


@pytest.fixture
def facts(hub_data, monkeypatch):
    directory, secret = hub_data
    for name, value in {
        "DATABASE_URL": "postgres://hub:password@127.0.0.1/nairl",
        "NAIRL_SECRET_KEY": "the-production-secret",
        "NAIRL_BROKER_URL": "redis://:password@127.0.0.1:6379/0",
        "AWS_SECRET_ACCESS_KEY": "credential",
        "PYTHONSTARTUP": "/tmp/evil.py",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sandbox, "_hidden", {os.path.realpath(directory)})
    spec = PolicySpec("tests.robotics.harness.sandbox_probe:make_probe", {"secret_path": secret})
    suite = get_suite("control-mt10").with_overrides(
        episodes=1, episode_length=1, tasks=["reach-v3"]
    )
    _, [episode] = evaluate(spec, [suite], limits=LIMITS)
    return json.loads(episode.error.split("PROBE", 1)[1])


def test_the_worker_gets_no_secret_of_the_hub_in_its_environment(facts):
    environment = facts["environment"]
    assert set(environment) <= ALLOWED_VARIABLES, sorted(set(environment) - ALLOWED_VARIABLES)
    assert not any("password" in value or "secret" in value for value in environment.values())
    assert environment["HOME"] == facts["cwd"]  # its own empty home, where it starts
    assert os.path.basename(facts["cwd"]).startswith("nairl-worker-")


def test_limits_are_set_before_the_policy_module_is_imported(facts):
    assert facts["limit_at_import"] == LIMITS.memory_mb * 1024 * 1024


@pytest.mark.skipif(os.geteuid() != 0, reason="the change of user needs a hub running as root")
def test_a_hub_running_as_root_runs_workers_as_an_unprivileged_user(facts):
    account = sandbox.worker_account()
    assert account is not None and account.pw_uid != 0
    assert account.pw_name in (sandbox.DEFAULT_WORKER_USER, sandbox.FALLBACK_WORKER_USER)
    assert (facts["uid"], facts["euid"], facts["gid"]) == (
        account.pw_uid,
        account.pw_uid,
        account.pw_gid,
    )
    assert 0 not in facts["groups"]
    # The hub's data directory is an empty one in the worker's view; root's home shows at most
    # the way to the interpreter, nothing else of it.
    assert facts["secret"] == "FileNotFoundError"
    assert facts["root_home"] in ("PermissionError", [], [".pyenv"])


@pytest.mark.skipif(os.geteuid() != 0, reason="choosing the worker's user needs root")
def test_no_worker_runs_as_root_when_no_unprivileged_user_exists(monkeypatch):
    def no_such_user(name):
        raise KeyError(name)

    monkeypatch.setattr(pwd, "getpwnam", no_such_user)
    with pytest.raises(PolicyLoadError, match="never run as root"):
        sandbox.worker_account()
    monkeypatch.undo()
    monkeypatch.setenv(sandbox.WORKER_USER_VARIABLE, "root")  # root is never taken, even named
    assert sandbox.worker_account().pw_uid != 0


@pytest.mark.skipif(os.geteuid() != 0, reason="masking directories needs a hub running as root")
def test_a_data_directory_inside_a_private_one_does_not_stop_the_worker(monkeypatch):
    """The layout of a fresh clone in a private temporary folder (mode 0700): the folder is
    masked for the worker, so the data directory inside it is gone already — it must not be
    mounted over (it no longer exists), and the worker must start."""
    private = tempfile.mkdtemp(prefix="nairl-private-")
    code, data = os.path.join(private, "src"), os.path.join(private, "var")
    os.mkdir(code, 0o755)
    os.mkdir(data, 0o755)
    monkeypatch.syspath_prepend(code)  # the clone's code: masked with its folder, bound back
    secret = os.path.join(data, "nairl.sqlite3")
    with open(secret, "w") as stream:
        stream.write("the hub's database")
    try:
        monkeypatch.setattr(sandbox, "_hidden", {os.path.realpath(data)})
        plan = sandbox.MountPlan.for_account(sandbox.worker_account())
        assert os.path.realpath(private) in plan.masked and plan.hidden == ()
        assert os.path.realpath(code) in plan.bound
        spec = PolicySpec(
            "tests.robotics.harness.sandbox_probe:make_probe", {"secret_path": secret}
        )
        suite = get_suite("control-mt10").with_overrides(
            episodes=1, episode_length=1, tasks=["reach-v3"]
        )
        _, [episode] = evaluate(spec, [suite], limits=LIMITS)
        assert "PROBE" in episode.error, episode.error  # the probe ran in a started worker
        assert json.loads(episode.error.split("PROBE", 1)[1])["secret"] == "FileNotFoundError"
    finally:
        os.remove(secret)
        os.rmdir(data)
        os.rmdir(code)
        os.rmdir(private)
