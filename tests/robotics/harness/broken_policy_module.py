"""A policy module that cannot be imported (its dependency does not exist)."""

import nairl_no_such_dependency  # noqa: F401


def make_policy():
    raise AssertionError("never reached")
