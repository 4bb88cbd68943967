import pytest

from factories import make_person, make_user
from nairl.common.roles import Role


@pytest.fixture
def profile_owner(db):
    """A researcher's login and the directory profile it owns."""
    user = make_user("profile-owner", Role.RESEARCHER)
    return user, make_person("Owner Person", user=user)
