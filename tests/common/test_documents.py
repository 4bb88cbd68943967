import io

from pypdf import PdfReader

from nairl.common.documents import normalize_code, render_pdf, verification_code


def test_codes_are_random_grouped_and_read_back_as_typed():
    codes = {verification_code() for _ in range(200)}
    assert len(codes) == 200
    code = codes.pop()
    assert len(code) == 14 and code.count("-") == 2
    assert normalize_code(code.lower().replace("-", " ")) == code
    assert normalize_code("o1il-0000-0000") == "0111-0000-0000"


def test_a_document_renders_korean_with_subset_fonts(tmp_path, settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    (tmp_path / "doc.html").write_text(
        '{% extends "common/documents/base.html" %}{% block body %}<h1>{{ title }}</h1>'
        "{% endblock %}"
    )
    pdf = render_pdf("doc.html", {"title": "국가AI연구소 National AI Research Lab"})
    assert (
        "국가AI연구소 National AI Research Lab"
        in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    )
    assert len(pdf) < 300_000


def test_documents_load_nothing_from_outside(tmp_path, settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    (tmp_path / "doc.html").write_text('<img src="http://example.org/x.png"><p>text</p>')
    pdf = render_pdf("doc.html", {})
    assert PdfReader(io.BytesIO(pdf)).pages[0].extract_text().strip() == "text"
