"""Changes one talk (its sequence rises), as an organiser's edit would: the feeds' caches must
then rebuild."""

import django


def main() -> None:
    django.setup()
    from django.db.models import F
    from django.utils import timezone

    from nairl.seminars.models import Talk

    talk = Talk.objects.filter(start__gte=timezone.now()).order_by("start").first()
    Talk.objects.filter(pk=talk.pk).update(sequence=F("sequence") + 1, updated_at=timezone.now())


if __name__ == "__main__":
    main()
