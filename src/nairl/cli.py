"""The `nairl` command: Django's management commands plus the hub's own (`nairl demo`, ...)."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nairl.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["nairl", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
