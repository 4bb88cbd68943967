"""Any list of outputs as BibTeX, CSL-JSON, CSV or XLSX. The BibTeX and the CSL-JSON read back
through the import to the same records (kinds, titles, venues, dates, identifiers, authors in
order)."""

import json

from django.http import HttpResponse
from django.utils import timezone

from nairl.common.spreadsheets import write_csv, write_xlsx

from ..models import OUTPUT_FIELDS, Output

EXPORT_FORMATS = ("bib", "json", "csv", "xlsx")
CONTENT_TYPES = {
    "bib": "application/x-bibtex; charset=utf-8",
    "json": "application/vnd.citationstyles.csl+json; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ENTRY_TYPE = {
    Output.Kind.PAPER: "article",
    Output.Kind.PREPRINT: "misc",
    Output.Kind.CODE: "software",
    Output.Kind.DATASET: "dataset",
    Output.Kind.MODEL: "software",
    Output.Kind.PATENT: "patent",
}
CSL_TYPE = {
    Output.Kind.PAPER: "article-journal",
    Output.Kind.PREPRINT: "article",
    Output.Kind.CODE: "software",
    Output.Kind.DATASET: "dataset",
    Output.Kind.MODEL: "software",
    Output.Kind.PATENT: "patent",
}
# LaTeX's special characters, escaped so the text reads back as written.
LATEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\string^",  # pylatexenc reads \textasciicircum as a modifier letter
}
HEADERS = [*OUTPUT_FIELDS, "authors", "international"]
CHUNK = 2000


def exported(outputs):
    """The outputs with their authors, read in chunks (a national list is 100,000 rows)."""
    return outputs.prefetch_related("authors").iterator(chunk_size=CHUNK)


def latex(text: str) -> str:
    return "".join(LATEX_ESCAPES.get(char, char) for char in text)


def bibtex_entry(output: Output) -> str:
    fields = [("title", "{" + latex(output.title) + "}")]
    names = [author.name for author in output.authors.all()]
    if names:
        fields.append(("author", " and ".join(latex(name) for name in names)))
    venue_field = "journal" if output.kind == Output.Kind.PAPER else "publisher"
    optional = [
        (venue_field, output.venue),
        ("year", str(output.year)),
        ("date", output.published.isoformat() if output.published else ""),
        ("doi", output.doi or ""),
        ("url", output.url),
        ("number", output.patent_number),
        ("type", "model" if output.kind == Output.Kind.MODEL else ""),
    ]
    if output.arxiv_id:
        optional += [("eprint", output.arxiv_id), ("archiveprefix", "arXiv")]
    fields += [(name, latex(value)) for name, value in optional if value]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{ENTRY_TYPE[output.kind]}{{nairl{output.pk},\n{body}\n}}\n"


def csl_item(output: Output) -> dict:
    item = {
        "id": f"nairl{output.pk}",
        "type": CSL_TYPE[output.kind],
        "title": output.title,
        "author": [{"literal": author.name} for author in output.authors.all()],
        "issued": {"date-parts": [date_parts(output)]},
    }
    for key, value in (
        ("container-title", output.venue),
        ("DOI", output.doi),
        ("URL", output.url),
        ("number", output.patent_number),
    ):
        if value:
            item[key] = value
    if output.arxiv_id:
        item["note"] = f"arXiv:{output.arxiv_id}"
    if output.kind == Output.Kind.MODEL:
        item["genre"] = "model"  # CSL has no type for models; read back by the import
    return item


def date_parts(output: Output) -> list[int]:
    if output.published:
        return [output.published.year, output.published.month, output.published.day]
    return [output.year]


def output_row(output: Output) -> list:
    values = [getattr(output, name) for name in OUTPUT_FIELDS]
    return [
        *("" if value is None else value for value in values),
        "; ".join(author.name for author in output.authors.all()),
        "yes" if output.is_international else "no",
    ]


def export_bytes(outputs, file_format: str) -> bytes:
    rows = exported(outputs)
    if file_format == "bib":
        return "\n".join(bibtex_entry(output) for output in rows).encode()
    if file_format == "json":
        return json.dumps([csl_item(output) for output in rows], ensure_ascii=False).encode()
    if file_format == "csv":
        return write_csv(HEADERS, (output_row(output) for output in rows))
    return write_xlsx(HEADERS, (output_row(output) for output in rows), title="outputs")


def export_outputs(outputs, file_format: str) -> HttpResponse:
    response = HttpResponse(
        export_bytes(outputs, file_format), content_type=CONTENT_TYPES[file_format]
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="nairl-outputs-{stamp}.{file_format}"'
    return response
