"""The hub's settings with the benchmark-only URLs added (a bare JSON view to compare against)
and each request's CPU time reported in a header (first middleware: it sees the whole stack)."""

from nairl.settings import *  # noqa: F403
from nairl.settings import MIDDLEWARE

ROOT_URLCONF = "benchmarks.common.urls"
MIDDLEWARE = ["benchmarks.common.cputime.CpuTimeMiddleware", *MIDDLEWARE]
