"""Test-only policy that reports, as its error, what the worker it runs in can see and do."""

import json
import os
import resource

LIMIT_AT_IMPORT = resource.getrlimit(resource.RLIMIT_AS)[0]  # before any policy code ran


def _try(action):
    try:
        return action()
    except OSError as exc:
        return type(exc).__name__


class Probe:
    def __init__(self, secret_path):
        self.secret_path = secret_path

    def reset(self, task):
        facts = {
            "uid": os.getuid(),
            "euid": os.geteuid(),
            "gid": os.getgid(),
            "groups": os.getgroups(),
            "environment": dict(os.environ),
            "cwd": os.getcwd(),
            "limit_at_import": LIMIT_AT_IMPORT,
            "secret": _try(lambda: open(self.secret_path).read()),
            "root_home": _try(lambda: sorted(os.listdir("/root"))),
        }
        raise RuntimeError("PROBE" + json.dumps(facts))

    def act(self, observation):
        raise AssertionError("never reached")


def make_probe(secret_path):
    return Probe(secret_path)
