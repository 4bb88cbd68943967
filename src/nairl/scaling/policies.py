"""Who may see and change scaling studies, their runs, fits and comparisons (pages and API alike).

Owner and members edit a study; program directors and administrators edit every study. Everyone,
signed in or not, sees public studies; a private one is visible only to those who may edit it
(to anyone else it does not exist: 404). Runs, fits and comparisons follow their study.
"""

from django.db.models import Q

from nairl.common.permissions import Policy
from nairl.common.roles import Role, has_role

STUDY_MANAGERS = (Role.PROGRAM_DIRECTOR,)  # administrators always pass has_role
STUDY_CREATORS = (Role.RESEARCHER, Role.PROGRAM_DIRECTOR)


def is_member(user, study) -> bool:
    """Owner or member; uses prefetched members when the study has them."""
    if not user.is_authenticated:
        return False
    if study.owner_id == user.pk:
        return True
    cache = getattr(study, "_prefetched_objects_cache", {})
    if "members" in cache:
        return any(member.pk == user.pk for member in cache["members"])
    return study.members.filter(pk=user.pk).exists()


class StudyPolicy(Policy):
    def editable_filter(self, user) -> Q:
        from .models import Study

        memberships = Study.members.through.objects.filter(user_id=user.pk).values("study_id")
        return Q(owner_id=user.pk) | Q(pk__in=memberships)

    def visible(self, user, queryset):
        if has_role(user, *STUDY_MANAGERS):
            return queryset
        if user.is_authenticated:
            return queryset.filter(Q(is_public=True) | self.editable_filter(user))
        return queryset.filter(is_public=True)

    def editable(self, user, queryset):
        if has_role(user, *STUDY_MANAGERS):
            return queryset
        if user.is_authenticated:
            return queryset.filter(self.editable_filter(user))
        return queryset.none()

    def can_view(self, user, study) -> bool:
        return study.is_public or self.can_change(user, study)

    def can_create(self, user) -> bool:
        return has_role(user, *STUDY_CREATORS)

    def can_change(self, user, study) -> bool:
        return has_role(user, *STUDY_MANAGERS) or is_member(user, study)

    def can_delete(self, user, study) -> bool:
        if has_role(user, *STUDY_MANAGERS):
            return True
        return user.is_authenticated and study.owner_id == user.pk

    def can_manage_members(self, user, study) -> bool:
        return self.can_delete(user, study)


class StudyPartPolicy(Policy):
    """Runs, fits and comparisons: seen with their study, added by those who edit it."""

    def visible(self, user, queryset):
        from .models import Study

        if has_role(user, *STUDY_MANAGERS):
            return queryset
        return queryset.filter(study__in=study_policy.visible(user, Study.objects.all()))

    def can_view(self, user, obj) -> bool:
        return study_policy.can_view(user, obj.study)

    def can_create(self, user) -> bool:
        # Whether a given study may be written to is checked against that study.
        return user.is_authenticated

    def can_create_in(self, user, study) -> bool:
        return study_policy.can_change(user, study)

    def can_change(self, user, obj) -> bool:
        return False  # results are records of what was computed; start a new fit instead

    def can_delete(self, user, obj) -> bool:
        return study_policy.can_change(user, obj.study)


study_policy = StudyPolicy()
part_policy = StudyPartPolicy()
