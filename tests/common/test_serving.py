"""What `make run` serves: a data folder made on first use, static files by WhiteNoise with DEBUG
off, the hub's own error pages, and a console that shows no traceback for a refused request."""

import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from factories import make_user
from nairl.common.log_filters import ClientErrorsBriefly
from nairl.common.roles import Role


@pytest.mark.slow
def test_first_migrate_creates_the_data_folder(tmp_path):
    # A fresh clone has no var/ (git ignores it): the README's first command must still work.
    var = tmp_path / "fresh-clone" / "var"
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    finished = subprocess.run(
        [Path(sys.executable).with_name("nairl"), "migrate", "-v0"],
        env={**environment, "NAIRL_VAR_DIR": str(var)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert finished.returncode == 0, finished.stderr
    assert (var / "nairl.sqlite3").stat().st_size > 0


@pytest.mark.parametrize(
    "path, content_type",
    [("common/hub.css", "text/css"), ("common/favicon.svg", "image/svg+xml")],
)
def test_static_files_are_served_with_debug_off(client, path, content_type):
    assert settings.DEBUG is False
    response = client.get(settings.STATIC_URL + path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert b"".join(response.streaming_content)


@pytest.mark.django_db
def test_every_page_links_the_favicon(client):
    html = client.get("/").content.decode()
    assert f'<link rel="icon" href="{settings.STATIC_URL}common/favicon.svg"' in html


def test_the_favicon_is_a_drawing_of_our_own():
    svg = (Path(settings.BASE_DIR) / "common/static/common/favicon.svg").read_text()
    assert svg.startswith("<svg") and "<title>NAIRL Hub</title>" in svg
    assert "http://" not in svg.replace("http://www.w3.org/2000/svg", "")


@pytest.mark.django_db
def test_a_missing_page_is_the_hubs_page_not_a_debug_page(client):
    response = client.get("/no/such/page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in body and 'rel="icon"' in body
    assert "URLconf" not in body


@pytest.fixture
def console():
    """The console handler the settings configure, writing into a string for the test."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)


@pytest.mark.django_db
def test_a_refused_page_logs_one_line_without_traceback(client_for, console):
    researcher = make_user("curious", Role.RESEARCHER)
    assert client_for(researcher).get(reverse("audit-log")).status_code == 403
    output = console.getvalue()
    assert "Forbidden (Permission denied): /audit/" in output
    assert "Traceback" not in output


def test_a_server_error_keeps_its_traceback():
    try:
        raise RuntimeError("broken")
    except RuntimeError:
        record = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error",
            (),
            sys.exc_info(),
        )
    record.status_code = 500
    assert ClientErrorsBriefly().filter(record)
    assert "RuntimeError: broken" in logging.Formatter().format(record)
