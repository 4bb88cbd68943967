"""Uploads are bounded before they are stored: a file past the size limit is skipped while it
streams in (never written to memory or a temporary file), and the page says why.

Files under the limit stay in memory (FILE_UPLOAD_MAX_MEMORY_SIZE is set to the limit), so no
temporary file is left behind when a request is killed.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.translation import gettext as _


class LimitedUploadHandler(FileUploadHandler):
    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.NAIRL_MAX_UPLOAD_BYTES:
            self.request.upload_too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (in memory) keeps the file


def too_large_message() -> str:
    return _("The file is larger than %(limit)s MB; split it into smaller files.") % {
        "limit": f"{settings.NAIRL_MAX_UPLOAD_BYTES / 1_000_000:g}"
    }


def refuse_oversized(request, form, field: str = "file") -> None:
    """Adds the size error to the form when the request's upload was skipped for its size."""
    if getattr(request, "upload_too_large", False):
        form.errors.pop(field, None)
        form.add_error(field, too_large_message())
