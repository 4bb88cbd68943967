"""A program's output figures kept per audience, so that its page reads a few dozen rows rather
than grouping the program's outputs (tens of thousands for a flagship) on every view."""

from django.db import models

from .projects import Program


class ProgramFigure(models.Model):
    """How many outputs in use of a program's projects fall in one (year, kind, international)
    group, as one audience sees them. Kept by `domain/program_figures.py`, never edited."""

    class Audience(models.TextChoices):
        # Whoever sees every project: managers and readers.
        ALL = "all"
        # Whoever sees only the public projects of the program: anyone who works on none of
        # its members-only projects.
        PUBLIC = "public"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="figures")
    audience = models.CharField(max_length=6, choices=Audience.choices)
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10)
    is_international = models.BooleanField()
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["program", "audience", "year", "kind", "is_international"],
                name="research_program_figure_unique",
            )
        ]

    def __str__(self):
        return f"{self.program_id} {self.audience} {self.year} {self.kind}: {self.count}"
