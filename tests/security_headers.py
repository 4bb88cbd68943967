"""Reading the security headers the hub sends, and finding inline code in pages, for the tests
that check them."""

from html.parser import HTMLParser


def csp_directives(header: str) -> dict[str, list[str]]:
    """`"default-src 'self'; img-src 'self' data:"` → {"default-src": ["'self'"], ...}."""
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


class InlineCodeFinder(HTMLParser):
    """Collects what a Content-Security-Policy without 'unsafe-inline' would refuse to run:
    script elements with code in them, on* event handler attributes and javascript: links."""

    DATA_TYPES = {"application/json", "application/ld+json"}  # data, never run

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self.in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"<{tag} {name}=javascript:…>")
        if tag == "script":
            self.in_inline_script = "src" not in attributes and (
                (attributes.get("type") or "").lower() not in self.DATA_TYPES
            )

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_inline_script = False

    def handle_data(self, data):
        if self.in_inline_script and data.strip():
            self.found.append(f"<script>{data.strip()[:40]}…</script>")


def inline_code(html: str) -> list[str]:
    finder = InlineCodeFinder()
    finder.feed(html)
    return finder.found
