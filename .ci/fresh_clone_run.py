"""CI: the README's `make run` works on a fresh clone of the committed HEAD.

Clones HEAD into a temporary folder, starts `make run` there in its own process group on a free
port, waits until the home page answers, checks a few pages as a visitor and a demo user would
see them, then stops the whole process group and removes the clone. Prints the time from
`git clone` to the first served page. Standard library only: it runs before any venv exists.
"""

import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
STARTUP_LIMIT = 1500  # seconds: a cold pip cache builds the whole venv
# The clone must run on the defaults the README documents, not on this shell's configuration.
DROPPED_VARIABLES = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV", "PYTHONPATH")


class Visitor:
    """An HTTP client with cookies that does not follow redirects (their targets are checked)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), self.NoRedirect
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, dict, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Accept-Language": "en"}
        )
        if data is not None:
            request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    def cookie(self, name: str) -> str:
        return next(cookie.value for cookie in self.cookies if cookie.name == name)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)
    print(f"  ok: {message}")


def wait_for_home(visitor: Visitor, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_LIMIT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"`make run` exited with {server.returncode}:\n{tail(log)}")
        try:
            if visitor.request("/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(2)
    raise AssertionError(f"no home page after {STARTUP_LIMIT} s:\n{tail(log)}")


def tail(log: Path, lines: int = 40) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def check_pages(visitor: Visitor, log: Path) -> None:
    status, _headers, home = visitor.request("/")
    expect(status == 200 and "NAIRL Hub" in home, "home page")
    expect('rel="icon"' in home, "home page links the favicon")
    status, _headers, people = visitor.request("/people/")
    expect(status == 200 and "KAIST" in people, "directory lists the demo people")
    for path, kind in [
        ("/static/common/hub.css", "text/css"),
        ("/static/common/favicon.svg", "image/svg+xml"),
        ("/static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js", "javascript"),
    ]:
        status, headers, _text = visitor.request(path)
        expect(status == 200 and kind in headers["Content-Type"], f"{path} served with DEBUG off")
    status, _headers, docs = visitor.request("/api/docs/")
    expect(status == 200 and "redoc.standalone.js" in docs, "API reference page")
    expect("https://" not in docs, "API reference loads nothing from another host")
    status, _headers, missing = visitor.request("/no/such/page/")
    expect(status == 404 and "Page not found" in missing, "404 is the hub's own page")
    expect("URLconf" not in missing, "404 lists no URL patterns (DEBUG is off)")

    status, _headers, _form = visitor.request("/login/")
    status, headers, _body = visitor.request(
        "/login/",
        {
            "username": "researcher",
            "password": "nairl-demo",
            "csrfmiddlewaretoken": visitor.cookie("csrftoken"),
        },
    )
    expect(status == 302, "demo login `researcher` signs in")
    status, _headers, refused = visitor.request("/audit/")
    # The page is in the demo user's own language now: look for the hub's layout, not words.
    expect(status == 403 and 'rel="icon"' in refused, "a researcher gets the hub's 403 page")
    time.sleep(1)  # the server's log line is written after the response
    console = log.read_text(errors="replace")
    expect("Forbidden" in console, "the refusal is logged")
    if "Traceback" in console:
        start = console.index("Traceback")
        print(console[max(0, start - 2000) : start + 3000])
    expect("Traceback" not in console, "the console shows no traceback")


def stop(server: subprocess.Popen) -> None:
    """Stops `make run` and everything it started (runserver and its reloader)."""
    group = server.pid  # start_new_session: the leader's pid is the group id
    try:
        os.killpg(group, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(group, signal.SIGKILL)
        server.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.5)
    os.killpg(group, signal.SIGKILL)


def main() -> int:
    head = subprocess.run(
        ["git", "-C", str(REPOSITORY), "rev-parse", "HEAD"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    workdir = Path(tempfile.mkdtemp(prefix="nairl-fresh-clone-"))
    clone, log = workdir / "hub", workdir / "make-run.log"
    port = free_port()
    visitor = Visitor(f"http://127.0.0.1:{port}")
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in DROPPED_VARIABLES and not name.startswith("NAIRL_")
    }
    server, started = None, time.monotonic()
    try:
        subprocess.run(
            ["git", "clone", "-q", "--no-checkout", str(REPOSITORY), str(clone)], check=True
        )
        subprocess.run(["git", "-C", str(clone), "checkout", "-q", head], check=True)
        with log.open("w") as output:
            server = subprocess.Popen(
                ["make", "run", f"HOST=127.0.0.1:{port}"],
                cwd=clone,
                env=environment,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_for_home(visitor, server, log)
        served = time.monotonic() - started
        print(f"fresh clone of {head[:12]}: home page served {served:.0f} s after `git clone`")
        print(re.sub(r"(?m)^", "  | ", tail(log, 12)))
        check_pages(visitor, log)
    except AssertionError as failure:
        print(f"FAILED: {failure}", file=sys.stderr)
        return 1
    finally:
        if server is not None:
            stop(server)
        shutil.rmtree(workdir, ignore_errors=True)
    total = time.monotonic() - started
    print(f"`make run` from a fresh clone: served and stopped cleanly, {total:.0f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
