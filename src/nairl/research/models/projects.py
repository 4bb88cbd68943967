"""Programs, their projects, and who works on each project when (with CRediT roles)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nairl.common.audit import Audited
from nairl.common.bilingual import BilingualField, BilingualModel
from nairl.people.models import ExpertiseArea, Institution, Person

from ..credit import credit_labels, validate_credit_roles


def title_sort_key(title_en: str, title_ko: str) -> str:
    """List order: by the English title where there is one (case-folded), else the Korean."""
    return (title_en or title_ko).strip().casefold()[:200]


class Program(Audited, BilingualModel):
    """A research program (the two flagships are seeded; others can be added)."""

    code = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("A short name for links and files, e.g. beyond-scaling."),
    )
    title = BilingualField(_("title"), max_length=200)
    description = BilingualField(_("description"), text=True, required=False, max_length=10000)
    director = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directed_programs",
        verbose_name=_("director"),
    )
    budget_line = models.CharField(
        _("budget line"),
        max_length=60,
        blank=True,
        help_text=_("The reference of this program's line in the funding plan."),
    )
    is_flagship = models.BooleanField(_("flagship"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-is_flagship", "code"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("research:program", args=[self.pk])


class Project(Audited, BilingualModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        SUSPENDED = "suspended", _("Suspended")

    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="projects", verbose_name=_("program")
    )
    title = BilingualField(_("title"), max_length=300)
    summary = BilingualField(_("summary"), text=True, required=False, max_length=10000)
    principal_investigator = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="led_projects",
        verbose_name=_("principal investigator"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_(
            "A public project's page is shown to everyone; its notes and files stay with its "
            "members. Other projects are shown only to their members and the lab's managers."
        ),
    )
    partners = models.ManyToManyField(
        Institution,
        blank=True,
        related_name="research_projects",
        verbose_name=_("partner institutions"),
    )
    keywords = models.ManyToManyField(
        ExpertiseArea, blank=True, related_name="research_projects", verbose_name=_("keywords")
    )
    notes = BilingualField(
        _("members' notes"),
        text=True,
        required=False,
        max_length=20000,
    )
    sort_title = models.CharField(max_length=200, editable=False, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    audit_exclude = ("sort_title", "updated_at")

    class Meta:
        ordering = ["sort_title", "id"]
        verbose_name = _("research project")
        verbose_name_plural = _("research projects")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("research:project", args=[self.pk])

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end date is before the start date.")})

    def save(self, *args, **kwargs):
        self.sort_title = title_sort_key(self.title_en, self.title_ko)
        super().save(*args, **kwargs)


class MembershipQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        on = on or datetime.date.today()
        return self.filter(start__lte=on).filter(Q(end__isnull=True) | Q(end__gte=on))


class Membership(Audited):
    """A person working on a project for a period, with their CRediT contributor roles."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("project")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="research_memberships",
        verbose_name=_("person"),
    )
    institution = models.ForeignKey(
        Institution,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="research_memberships",
        verbose_name=_("institution"),
        help_text=_("The institution the person works on the project for."),
    )
    roles = models.JSONField(
        _("contributor roles"),
        default=list,
        blank=True,
        validators=[validate_credit_roles],
        help_text=_("CRediT roles: what the person contributes."),
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["start", "id"]
        indexes = [models.Index(fields=["person", "project"])]
        verbose_name = _("project membership")
        verbose_name_plural = _("project memberships")

    def __str__(self):
        return f"{self.person} — {self.project}"

    @property
    def role_labels(self) -> list[str]:
        return credit_labels(self.roles)

    @property
    def is_current(self) -> bool:
        today = datetime.date.today()
        return self.start <= today and (self.end is None or self.end >= today)

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The membership ends before it starts.")})
        if self.project_id and self.person_id and self.start:
            self.refuse_overlap()

    def refuse_overlap(self):
        """A person is a member of a project once at a time: a second, overlapping period is
        the same membership added twice."""
        overlapping = Membership.objects.filter(
            project_id=self.project_id, person_id=self.person_id
        ).exclude(pk=self.pk)
        if self.end is not None:
            overlapping = overlapping.filter(start__lte=self.end)
        overlapping = overlapping.filter(Q(end__isnull=True) | Q(end__gte=self.start))
        if overlapping.exists():
            raise ValidationError(
                {
                    "person": _(
                        "This person is already a member of the project in that period; "
                        "change that membership instead."
                    )
                }
            )
