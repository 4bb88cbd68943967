"""Pages that every module adds to: the personal home and the project page.

A module contributes a section from its `apps.py` `ready()` (so it is there whatever page is
requested first):

    home_panels.register(Section(
        name="scaling-studies",
        title=_("My studies and running fits"),
        template="scaling/_home_studies.html",
        context=my_studies,          # (request, subject) -> dict for the template, or None to hide
        order=30,
        see_all="scaling:studies",   # optional: the URL name of the full list
    ))

The page asks `sections_for(request, subject)` and renders each section's template with its
context. A section's `context` must make a fixed number of queries whatever the data (the
pages are in the query-count registry).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    name: str
    title: str
    template: str
    context: Callable  # (request, subject) -> dict | None
    order: int = 100
    see_all: str = ""  # URL name of the page listing everything the section shows a few of


@dataclass(frozen=True)
class Shown:
    section: Section
    context: dict


class Registry:
    """Named things (sections, menu entries: anything with `name` and `order`), kept in order."""

    def __init__(self, what: str):
        self.what = what
        self._sections: dict[str, Section] = {}

    def register(self, section: Section) -> Section:
        existing = self._sections.get(section.name)
        if existing is not None and existing != section:
            raise ValueError(f"Two {self.what}s are named {section.name!r}")
        self._sections[section.name] = section
        return section

    def sections(self) -> list[Section]:
        return sorted(self._sections.values(), key=lambda section: (section.order, section.name))

    def sections_for(self, request, subject=None) -> list[Shown]:
        """The sections with something to show for this request (and subject, e.g. a project)."""
        shown = []
        for section in self.sections():
            context = section.context(request, subject)
            if context is not None:
                shown.append(Shown(section, context))
        return shown


#: The personal home (`/me/`): "my applications", "reviews to do", "my stay", ...
home_panels = Registry("home panel")
#: A research project's page: its residents, seminars, studies, evaluations, ...
project_sections = Registry("project section")
