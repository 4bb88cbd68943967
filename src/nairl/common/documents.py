"""PDF documents (invitation letters, funder reports) rendered from templates with WeasyPrint.

Templates extend `common/documents/base.html`, whose fonts draw Korean and Latin text (Noto Sans
CJK KR from Debian's fonts-noto-cjk, found through fontconfig). WeasyPrint embeds only the
glyphs a document uses (fonts are subset), so a one-page letter stays in the hundreds of kB
although the font file is tens of MB. Nothing is fetched from the network: a document can refer
to no URL but data: ones.
"""

import hashlib
import secrets

from django.template.loader import render_to_string
from django.utils import translation

# Crockford's base 32 without look-alike letters: codes read over the phone or from paper.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def render_pdf(template_name: str, context: dict, *, language: str | None = None) -> bytes:
    """The PDF of a template rendered with `context` (in `language` if given)."""
    # Imported late: WeasyPrint loads Pango, which only documents need.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    with translation.override(language or translation.get_language()):
        html = render_to_string(template_name, context)
    offline = URLFetcher(allowed_protocols={"data"})  # nothing from the network or the disk
    return HTML(string=html, url_fetcher=offline).write_pdf()


def verification_code(length: int = 12) -> str:
    """A random code printed on a document, grouped by four (e.g. 7K2M-9QXD-4TNB)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))
    return "-".join(raw[i : i + 4] for i in range(0, length, 4))


def normalize_code(value: str) -> str:
    """A code as typed (any case, spaces, O for 0, I or L for 1) in its printed form."""
    cleaned = value.strip().upper().replace(" ", "").replace("-", "")
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
