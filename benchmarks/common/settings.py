"""The hub's settings with the benchmark-only URLs added (a bare JSON view to compare against)."""

from nairl.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.common.urls"
