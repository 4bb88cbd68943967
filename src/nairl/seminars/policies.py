"""Who may see and change seminar series, talks and registrations (pages and API alike).

Series and published talks are public. Hub staff run the seminars; a series' organisers (people
of the directory with an account) run that series: its talks, their registrations and the
check-in at the door. Unpublished talks are seen only by them. A registration is seen by the
person who made it (signed in) and by those who run the talk; anyone may register.
"""

from django.db.models import Q

from nairl.common.permissions import Policy
from nairl.common.roles import Role, has_role

from .models import Series, Talk

SEMINAR_MANAGERS = (Role.HUB_STAFF,)  # administrators pass every role check too


def organised_series(user):
    """Ids of the series the user organises (a subquery: lists stay one statement)."""
    return Series.objects.filter(organisers__user=user).values("pk")


def organises(user, series: Series) -> bool:
    """Whether the user organises the series (remembered per series and user)."""
    if not user.is_authenticated:
        return False
    cache = series.__dict__.setdefault("_organised_by", {})
    if user.pk not in cache:
        cache[user.pk] = series.organisers.filter(user=user).exists()
    return cache[user.pk]


def runs(user, series: Series) -> bool:
    return has_role(user, *SEMINAR_MANAGERS) or organises(user, series)


class SeriesPolicy(Policy):
    def can_create(self, user) -> bool:
        return has_role(user, *SEMINAR_MANAGERS)

    def can_change(self, user, series) -> bool:
        return runs(user, series)

    def can_delete(self, user, series) -> bool:
        return has_role(user, *SEMINAR_MANAGERS)

    def can_add_talk(self, user, series) -> bool:
        return runs(user, series)


class TalkPolicy(Policy):
    def visible(self, user, queryset):
        if has_role(user, *SEMINAR_MANAGERS):
            return queryset
        if user.is_authenticated:
            return queryset.filter(Q(is_published=True) | Q(series__in=organised_series(user)))
        return queryset.filter(is_published=True)

    def can_view(self, user, talk) -> bool:
        return talk.is_published or runs(user, talk.series)

    def can_create(self, user) -> bool:
        # Whether a talk may be added to a given series is checked against that series.
        return has_role(user, *SEMINAR_MANAGERS) or (
            user.is_authenticated and organised_series(user).exists()
        )

    def can_change(self, user, talk) -> bool:
        return runs(user, talk.series)

    def can_delete(self, user, talk) -> bool:
        return has_role(user, *SEMINAR_MANAGERS)


class RegistrationPolicy(Policy):
    def visible(self, user, queryset):
        if has_role(user, *SEMINAR_MANAGERS):
            return queryset
        if user.is_authenticated:
            return queryset.filter(Q(user=user) | Q(talk__series__in=organised_series(user)))
        return queryset.none()

    def can_view(self, user, registration) -> bool:
        if not user.is_authenticated:
            return False
        return registration.user_id == user.pk or runs(user, registration.talk.series)

    def can_create(self, user) -> bool:
        return True  # anyone registers; the talk's rules are checked by the domain verb

    def can_change(self, user, registration) -> bool:
        """Check-in and the organisers' changes."""
        return runs(user, registration.talk.series)

    def can_cancel(self, user, registration) -> bool:
        return user.is_authenticated and (
            registration.user_id == user.pk or runs(user, registration.talk.series)
        )

    def can_see_registrations_of(self, user, talk: Talk) -> bool:
        return runs(user, talk.series)


series_policy = SeriesPolicy()
talk_policy = TalkPolicy()
registration_policy = RegistrationPolicy()
