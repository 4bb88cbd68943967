"""The private feed address of the person registered for the most talks (made if missing)."""

import json

import django


def main() -> None:
    django.setup()
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from nairl.seminars.domain.feeds import renew_feed_key
    from nairl.seminars.models import FeedToken, Registration

    busiest = (
        Registration.objects.filter(user__isnull=False, status__in=Registration.ACTIVE)
        .values("user")
        .annotate(talks=Count("talk"))
        .order_by("-talks", "user")
        .first()
    )
    user = get_user_model().objects.get(pk=busiest["user"])
    token = FeedToken.objects.filter(user=user, revoked_at__isnull=True).first()
    token = token or renew_feed_key(user=user, by=None)
    print(json.dumps({"path": token.get_absolute_url() + "?lang=en", "talks": busiest["talks"]}))


if __name__ == "__main__":
    main()
