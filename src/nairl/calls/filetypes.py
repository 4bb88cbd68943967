"""What an uploaded file really is, read from its first bytes (never from its name), and
whether its metadata names someone.

Only the types a call may accept are known; a file whose content matches none of them is
refused whatever its name says.
"""

import io
import re
import zipfile

from django.utils.translation import gettext_lazy as _

# code → (label, extension, MIME type)
FILE_TYPES = {
    "pdf": (_("PDF document"), "pdf", "application/pdf"),
    "png": (_("PNG image"), "png", "image/png"),
    "jpeg": (_("JPEG image"), "jpg", "image/jpeg"),
    "docx": (
        _("Word document (.docx)"),
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "txt": (_("Plain text (UTF-8)"), "txt", "text/plain"),
}


def sniff(head: bytes, whole=None) -> str | None:
    """The type code the content shows, or None. `whole` (the file's bytes) tells a Word
    document from any other zip."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04") and whole is not None:
        try:
            with zipfile.ZipFile(io.BytesIO(whole)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        return "docx" if "word/document.xml" in names else None
    if whole is not None and b"\x00" not in whole[:8192]:
        try:
            whole.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return "txt"
    return None


def encodings_of(term: str) -> list[bytes]:
    """The ways a name is written inside files: UTF-8, and UTF-16 (PDF text strings, XMP)."""
    forms = [term.encode("utf-8"), term.encode("utf-16-be")]
    return [form for form in forms if len(form) >= 3]


def metadata_of(content: bytes, kind: str) -> bytes:
    """The parts of a file that hold its metadata (document properties, image text chunks)."""
    if kind == "docx":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return b"".join(
                archive.read(name) for name in archive.namelist() if name.startswith("docProps/")
            )
    if kind == "pdf":
        info = re.findall(
            rb"/(?:Author|Creator|Producer|Title|Subject|Keywords)\s*\([^)]*\)", content
        )
        info += re.findall(rb"/(?:Author|Title|Subject)\s*<[0-9A-Fa-f\s]*>", content)
        xmp = re.findall(rb"<x:xmpmeta.*?</x:xmpmeta>", content, re.S)
        hexed = [decode_hex_strings(part) for part in info]
        return b"".join(info + xmp + hexed)
    if kind in ("png", "jpeg"):
        return content[:65536]  # text chunks and EXIF sit before the image data
    return b""


def decode_hex_strings(part: bytes) -> bytes:
    found = re.search(rb"<([0-9A-Fa-f\s]*)>", part)
    if not found:
        return b""
    try:
        return bytes.fromhex(found.group(1).decode())
    except ValueError:
        return b""


def names_in_metadata(content: bytes, kind: str, terms: list[str]) -> list[str]:
    """Which of the terms (the applicant's names, email...) a file's metadata carries."""
    metadata = metadata_of(content, kind).lower()
    found = []
    for term in terms:
        if any(form.lower() in metadata for form in encodings_of(term)):
            found.append(term)
    return found


def scrub(content: bytes, kind: str, terms: list[str]) -> bytes:
    """The file with every occurrence of the terms overwritten by as many blanks, so offsets
    (a PDF's cross-reference table) stay right; a Word document is rewritten part by part."""
    if kind == "docx":
        source = zipfile.ZipFile(io.BytesIO(content))
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                target.writestr(item, blank_out(source.read(item.filename), terms))
        return output.getvalue()
    return blank_out(content, terms)


def blank_out(data: bytes, terms: list[str]) -> bytes:
    for term in terms:
        for form in encodings_of(term):
            pattern = re.compile(re.escape(form), re.I)
            data = pattern.sub(lambda match: b" " * len(match.group(0)), data)
    return data
