import pytest

from factories import make_user
from nairl.common.roles import Role
from nairl.scaling.models import Study
from nairl.scaling.policies import study_policy

from .helpers import make_study

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(role_users):
    owner = make_user("owner", Role.RESEARCHER)
    member = make_user("member", Role.RESEARCHER)
    return {
        "owner": owner,
        "member": member,
        "other": role_users[Role.RESEARCHER],
        "director": role_users[Role.PROGRAM_DIRECTOR],
        "admin": role_users[Role.ADMINISTRATOR],
        "funder": role_users[Role.FUNDER_VIEWER],
    }


def test_private_study_is_seen_and_edited_by_owner_members_directors_admins(people):
    from django.contrib.auth.models import AnonymousUser

    study = make_study(people["owner"], members=[people["member"]])
    for name in ("owner", "member", "director", "admin"):
        assert study_policy.can_view(people[name], study), name
        assert study_policy.can_change(people[name], study), name
        assert study_policy.visible(people[name], Study.objects.all()).filter(pk=study.pk).exists()
    for user in (people["other"], people["funder"], AnonymousUser()):
        assert not study_policy.can_view(user, study)
        assert not study_policy.can_change(user, study)
        assert not study_policy.visible(user, Study.objects.all()).exists()


def test_public_study_is_seen_by_everyone_but_edited_by_members_only(people):
    from django.contrib.auth.models import AnonymousUser

    study = make_study(people["owner"], is_public=True)
    for user in (people["other"], people["funder"], AnonymousUser()):
        assert study_policy.can_view(user, study)
        assert not study_policy.can_change(user, study)
        assert study_policy.visible(user, Study.objects.all()).count() == 1


def test_members_do_not_manage_members_or_delete(people):
    study = make_study(people["owner"], members=[people["member"]])
    assert not study_policy.can_manage_members(people["member"], study)
    assert not study_policy.can_delete(people["member"], study)
    assert study_policy.can_delete(people["owner"], study)
    assert study_policy.can_delete(people["director"], study)


def test_who_creates_studies(people):
    from django.contrib.auth.models import AnonymousUser

    assert study_policy.can_create(people["owner"])
    assert study_policy.can_create(people["director"])
    assert not study_policy.can_create(people["funder"])
    assert not study_policy.can_create(AnonymousUser())


def test_visible_list_has_no_duplicates_with_memberships(people):
    study = make_study(people["owner"], members=[people["member"], people["other"]], is_public=True)
    assert list(study_policy.visible(people["member"], Study.objects.all())) == [study]


def test_study_needs_a_title_in_one_language(people):
    from django.core.exceptions import ValidationError

    study = Study(owner=people["owner"])
    with pytest.raises(ValidationError) as error:
        study.full_clean()
    assert "title_ko" in error.value.message_dict


def test_study_changes_are_audited(people):
    from nairl.common.models import AuditEntry

    study = make_study(people["owner"])
    study.title_en = "Renamed"
    study.save()
    actions = list(
        AuditEntry.objects.filter(object_id=str(study.pk), content_type__model="study").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["create", "update"]
