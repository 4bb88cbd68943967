"""Who may see and change people and institutions (used by pages and the API alike)."""

from django.db.models import Q

from nairl.common.permissions import Policy, StaffManagedPolicy
from nairl.common.roles import Role, has_role

DIRECTORY_MANAGERS = (Role.HUB_STAFF,)


class PersonPolicy(Policy):
    """Public profiles for everyone; private ones for the person and hub staff."""

    def visible(self, user, queryset):
        if has_role(user, *DIRECTORY_MANAGERS):
            return queryset
        if user.is_authenticated:
            return queryset.filter(Q(is_public=True) | Q(user=user))
        return queryset.filter(is_public=True)

    def can_view(self, user, person) -> bool:
        return person.is_public or self.is_self_or_manager(user, person)

    def can_create(self, user) -> bool:
        return has_role(user, *DIRECTORY_MANAGERS)

    def can_change(self, user, person) -> bool:
        return self.is_self_or_manager(user, person)

    def can_delete(self, user, person) -> bool:
        return has_role(user, *DIRECTORY_MANAGERS)

    def can_see_email(self, user, person) -> bool:
        if person.email_visibility == person.Visibility.PUBLIC:
            return True
        if person.email_visibility == person.Visibility.MEMBERS and user.is_authenticated:
            return True
        return self.is_self_or_manager(user, person)

    @staticmethod
    def is_self_or_manager(user, person) -> bool:
        if not user.is_authenticated:
            return False
        return person.user_id == user.pk or has_role(user, *DIRECTORY_MANAGERS)


person_policy = PersonPolicy()


class AffiliationPolicy(Policy):
    """Seen with the person's profile; changed by the person themself and hub staff."""

    def visible(self, user, queryset):
        from .models import Person

        return queryset.filter(person__in=person_policy.visible(user, Person.objects.all()))

    def can_view(self, user, affiliation) -> bool:
        return person_policy.can_view(user, affiliation.person)

    def can_create(self, user) -> bool:
        return user.is_authenticated  # for whom: `can_add_to`

    def can_add_to(self, user, person) -> bool:
        return person_policy.can_change(user, person)

    def can_change(self, user, affiliation) -> bool:
        return person_policy.can_change(user, affiliation.person)

    def can_delete(self, user, affiliation) -> bool:
        return has_role(user, *DIRECTORY_MANAGERS)


affiliation_policy = AffiliationPolicy()
institution_policy = StaffManagedPolicy(*DIRECTORY_MANAGERS)
taxonomy_policy = StaffManagedPolicy(*DIRECTORY_MANAGERS)
