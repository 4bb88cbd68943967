"""Changes one upcoming talk (of one series, if given) as an organiser's edit would, through
`update_talk`: a new title, so its SEQUENCE rises and the feeds must show it in the very next
request. Prints the talk's UID and new SEQUENCE (JSON), which the benchmark then looks for."""

import json
import sys

import django


def touch(series: int | None = None) -> dict:
    from django.utils import timezone

    from nairl.seminars.domain.talks import update_talk
    from nairl.seminars.models import Talk

    talks = Talk.objects.published().filter(start__gte=timezone.now())
    talk = (talks.filter(series=series) if series else talks).order_by("start", "id").first()
    talk.title_en = f"{talk.title_en.split(' (rev. ')[0]} (rev. {talk.sequence + 1})"
    update_talk(talk=talk, by=None)
    return {"uid": talk.ical_uid, "sequence": talk.sequence}


def main() -> None:
    django.setup()
    print(json.dumps(touch(int(sys.argv[1]) if len(sys.argv) > 1 else None)))


if __name__ == "__main__":
    main()
