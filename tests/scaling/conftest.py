import pytest

from factories import make_user
from nairl.common.roles import Role


@pytest.fixture
def owner(db):
    """A researcher who owns the studies a test makes."""
    return make_user("owner", Role.RESEARCHER)
