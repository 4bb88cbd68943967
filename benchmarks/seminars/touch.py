"""Changes one upcoming talk (of one series, if given) as an organiser's edit would, through
`update_talk`: a new title, so its SEQUENCE rises and the feeds must show it in the very next
request. Run as a process of its own, it makes one change per line read (a series id, or an
empty line) and prints the talk's UID and new SEQUENCE (JSON), which the benchmark looks for;
it waits, idle, while the benchmark times the request."""

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
    for line in sys.stdin:
        print(json.dumps(touch(int(line) if line.strip() else None)), flush=True)


if __name__ == "__main__":
    main()
