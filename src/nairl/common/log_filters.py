"""Logging filters for the console."""

import logging


class ClientErrorsBriefly(logging.Filter):
    """Drops the traceback from a 4xx response's log line ("Forbidden (Permission denied): ...").

    Django logs a refused request with the PermissionDenied exception attached, so every 403 would
    print a traceback that says nothing about a fault in the hub. Server errors keep theirs.
    """

    def filter(self, record):
        if 400 <= getattr(record, "status_code", 0) < 500:
            record.exc_info = record.exc_text = None
        return True
