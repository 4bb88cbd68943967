"""Files that only permission-checked views may serve: kept under NAIRL_VAR_DIR/private, a
folder no URL maps to (neither static files nor media), named by random tokens, never by what
the uploader called them."""

import secrets
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse


def private_root() -> Path:
    return Path(settings.VAR_DIR) / "private"


def folder(name: str) -> Path:
    path = private_root() / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def store(area: str, content: bytes) -> str:
    """Writes the bytes under the area's folder; returns the stored name (a random token)."""
    stored_name = secrets.token_hex(16)
    (folder(area) / stored_name).write_bytes(content)
    return stored_name


def read(area: str, stored_name: str) -> bytes:
    if not stored_name.isalnum():  # a stored name is a token: never a path
        raise FileNotFoundError(stored_name)
    return (private_root() / area / stored_name).read_bytes()


def remove(area: str, stored_name: str) -> None:
    if stored_name.isalnum():
        (private_root() / area / stored_name).unlink(missing_ok=True)


def download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    """A response that saves the file under `filename` and that browsers never sniff or run."""
    response = HttpResponse(content, content_type=content_type)
    ascii_name = filename.encode("ascii", "replace").decode().replace('"', "").replace("?", "_")
    response["Content-Disposition"] = f'attachment; filename="{ascii_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
