"""A module no evaluation may import: importing it leaves a mark (see test_security)."""

import os

MARK = os.environ.get("NAIRL_TEST_CANARY")
if MARK:
    with open(MARK, "w") as stream:
        stream.write("imported")


def make_policy():
    raise AssertionError("never reached")
