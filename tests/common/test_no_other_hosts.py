"""No page of the hub loads anything from another host (no CDN, no web font service): the hub
works offline and tells no third party who reads what.

Every page of the permission walk is opened as a role that may see it; the scripts, styles,
images, fonts, frames and media it loads are read from its HTML, and the stylesheets it links
are read for their url() and @import references.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from url_walk import build_world, pages, request_as

# Elements and attributes that make a browser fetch something when the page loads.
LOADING_ATTRIBUTES = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "image": ("href", "xlink:href"),  # SVG
    "use": ("href", "xlink:href"),  # SVG
}
# <link rel=...> kinds that fetch (a plain hyperlink does not).
LOADING_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")
ORIGIN = "http://testserver"


class LoadedResources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls, self.stylesheets, self.inline_css = [], [], []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in LOADING_ATTRIBUTES.get(tag, ()):
            if attributes.get(name):
                self.urls += (
                    srcset_urls(attributes[name]) if "srcset" in name else [attributes[name]]
                )
        if tag == "link" and LOADING_LINKS & set((attributes.get("rel") or "").lower().split()):
            self.urls.append(attributes.get("href") or "")
            if "stylesheet" in attributes.get("rel", ""):
                self.stylesheets.append(attributes.get("href") or "")
        if attributes.get("style"):
            self.inline_css.append(attributes["style"])
        self.in_style = tag == "style"

    def handle_endtag(self, tag):
        self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.inline_css.append(data)


def srcset_urls(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def css_urls(css: str) -> list[str]:
    return [first or second for first, second in CSS_URL.findall(css)]


def is_local(url: str, base: str) -> bool:
    """Same host as the page (relative URLs, data: and blob: URIs included)."""
    if url.startswith(("data:", "blob:", "#")):
        return True
    return urlsplit(urljoin(base, url)).netloc == urlsplit(ORIGIN).netloc


def stylesheet_text(url: str) -> str:
    path = urlsplit(urljoin(ORIGIN, url)).path
    assert path.startswith(settings.STATIC_URL), f"stylesheet outside the static files: {url}"
    found = finders.find(path.removeprefix(settings.STATIC_URL))
    assert found, f"linked stylesheet not found: {url}"
    with open(found, encoding="utf-8") as stylesheet:
        return stylesheet.read()


def foreign_loads(path: str, html: str) -> list[str]:
    base = urljoin(ORIGIN, path)
    parser = LoadedResources()
    parser.feed(html)
    loads = [(base, url) for url in parser.urls]
    loads += [(base, url) for css in parser.inline_css for url in css_urls(css)]
    for stylesheet in parser.stylesheets:
        if is_local(stylesheet, base):
            sheet_base = urljoin(base, stylesheet)
            loads += [(sheet_base, url) for url in css_urls(stylesheet_text(stylesheet))]
    return [f"{path}: {url}" for where, url in loads if not is_local(url, where)]


def test_the_resource_parser_sees_what_a_browser_would_fetch():
    html = """<link rel="stylesheet" href="https://cdn.example/x.css">
    <link rel="preconnect" href="https://fonts.example"><a href="https://orcid.org/">ORCID</a>
    <img srcset="/a.png 1x, https://img.example/b.png 2x"><script src="//cdn.example/r.js"></script>
    <div style="background: url('https://img.example/c.png')"></div>
    <style>@import "https://fonts.example/f.css";</style><img src="data:image/png;base64,AA">"""
    assert sorted(foreign_loads("/", html)) == [
        "/: //cdn.example/r.js",
        "/: https://cdn.example/x.css",
        "/: https://fonts.example/f.css",
        "/: https://img.example/b.png",
        "/: https://img.example/c.png",
    ]


@pytest.mark.django_db
def test_no_page_loads_anything_from_another_host():
    world = build_world()
    opened, foreign = 0, []
    for role, path in pages(world):
        response = request_as(role, world, "get", path, None)
        foreign += foreign_loads(path, response.content.decode())
        opened += 1
    assert opened > 30  # the walk really covered the hub
    assert foreign == []


@pytest.mark.django_db
def test_the_api_reference_forbids_the_browser_other_hosts(client):
    response = client.get("/api/docs/")
    policy = dict(part.split(" ", 1) for part in response["Content-Security-Policy"].split("; "))
    assert policy["default-src"] == policy["img-src"].split()[0] == "'self'"
    assert "redoc.standalone.js" in response.content.decode()
