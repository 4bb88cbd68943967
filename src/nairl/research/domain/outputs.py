"""What can be done to research outputs, whoever asks (page, API, import, command or demo)."""

from collections.abc import Iterable

from ..models import Output, OutputAuthor
from .coauthorship import refresh_coauthorship
from .program_figures import counted_as, refresh_if_changed


def search_text(output: Output, authors: Iterable[OutputAuthor]) -> str:
    names = " ".join(author.name for author in authors)
    return " ".join((output.title, output.venue, names)).casefold()


def create_output(*, output: Output, authors=None, projects=None, by) -> Output:
    """Saves a new output with its authors in order (a list of unsaved OutputAuthor)."""
    return save_output(output, authors or [], projects)


def update_output(*, output: Output, authors=None, projects=None, by) -> Output:
    """Changes an output; `authors`, when given, replaces its author list."""
    return save_output(output, authors, projects)


def save_output(output: Output, authors, projects) -> Output:
    output.full_clean()
    before = counted_as([output.pk]) if output.pk else set()
    current = authors if authors is not None else list(output.authors.all())
    output.search_text = search_text(output, current)
    output.save()
    if authors is not None:
        output.authors.all().delete()
        set_authors(output, authors)
    if projects is not None:
        output.projects.set(projects)
    refresh_coauthorship([output.pk])
    refresh_if_changed(before, counted_as([output.pk]))
    output.refresh_from_db(fields=["countries", "is_international"])
    return output


def set_authors(output: Output, authors: Iterable[OutputAuthor]) -> None:
    rows = []
    for position, author in enumerate(authors, start=1):
        author.pk = None
        author.output = output
        author.position = position
        author.full_clean(exclude=["output"])
        rows.append(author)
    OutputAuthor.objects.bulk_create(rows)
