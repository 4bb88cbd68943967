"""A visiting researcher's stay at the hub, its onboarding checklist and its invitation letters.

Nothing is kept that the hub does not need: no passport number, no birth date, no address.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nairl.common.audit import Audited
from nairl.common.bilingual import BilingualField, BilingualModel
from nairl.common.models import optional_key, user_or_none
from nairl.people.models import Institution, Person
from nairl.research.models import Program, Project


class StayStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    CONFIRMED = "confirmed", _("Confirmed")
    ARRIVED = "arrived", _("Arrived")
    DEPARTED = "departed", _("Departed")
    CANCELLED = "cancelled", _("Cancelled")


# The statuses in which a stay holds desks.
ACTIVE_STATUSES = (StayStatus.APPROVED, StayStatus.CONFIRMED, StayStatus.ARRIVED)


class Stay(Audited, BilingualModel):
    visitor = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="stays", verbose_name=_("visitor")
    )
    home_institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="visitor_stays",
        verbose_name=_("home institution"),
    )
    host = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="hosted_stays",
        verbose_name=_("host researcher"),
    )
    program = optional_key(Program, _("program"), on_delete=models.PROTECT, related_name="stays")
    project = optional_key(Project, _("project"), on_delete=models.PROTECT, related_name="stays")
    start = models.DateField(_("arrival"))
    end = models.DateField(_("departure"))
    status = models.CharField(
        _("status"), max_length=10, choices=StayStatus.choices, default=StayStatus.PROPOSED
    )
    purpose = BilingualField(_("purpose"), text=True, required=False, max_length=2000)
    # The accepted residency application this stay came from (calls.Application's id): a plain
    # id until the calls module lands, then a one-to-one link.
    application_id = models.PositiveBigIntegerField(
        _("application"), null=True, blank=True, unique=True, editable=False
    )
    created_by = user_or_none(editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, editable=False)

    class Meta:
        ordering = ["start", "id"]
        indexes = [
            models.Index(fields=["status", "start"]),
            models.Index(fields=["end"]),
        ]
        verbose_name = _("stay")
        verbose_name_plural = _("stays")

    def __str__(self):
        return f"{self.visitor} ({self.start:%Y-%m-%d} – {self.end:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("residency:stay", args=[self.pk])

    @property
    def nights(self) -> int:
        return (self.end - self.start).days

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The departure is before the arrival.")})
        if self.visitor_id and self.visitor_id == self.host_id:
            raise ValidationError({"host": _("A visitor cannot host their own stay.")})
        if self.project_id and self.program_id and self.project.program_id != self.program_id:
            raise ValidationError({"project": _("This project belongs to another program.")})


class ChecklistKind(models.TextChoices):
    INVITATION_LETTER = "invitation_letter", _("Invitation letter")
    ACCOMMODATION = "accommodation", _("Accommodation")
    BUILDING_ACCESS = "building_access", _("Building access")
    ACCOUNTS = "accounts", _("Accounts (e-mail, computing)")
    INSURANCE = "insurance", _("Insurance confirmation")


class ChecklistItem(Audited):
    class State(models.TextChoices):
        OPEN = "open", _("To do")
        DONE = "done", _("Done")
        NOT_NEEDED = "not_needed", _("Not needed")

    stay = models.ForeignKey(
        Stay, on_delete=models.CASCADE, related_name="checklist", verbose_name=_("stay")
    )
    kind = models.CharField(_("item"), max_length=20, choices=ChecklistKind.choices)
    owner = user_or_none(_("owner"), related_name="residency_checklist_items")
    due = models.DateField(_("due"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    note = models.CharField(_("note"), max_length=300, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True, editable=False)
    reminded_on = models.DateField(_("last reminder"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["due", "id"]
        constraints = [
            models.UniqueConstraint(fields=["stay", "kind"], name="residency_one_item_per_kind")
        ]
        indexes = [models.Index(fields=["state", "due"])]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.stay}"

    @property
    def is_settled(self) -> bool:
        return self.state != self.State.OPEN


class InvitationLetter(Audited):
    """One issued letter: what it said, so staff checking its code see the facts it stated."""

    stay = models.ForeignKey(
        Stay, on_delete=models.CASCADE, related_name="letters", verbose_name=_("stay")
    )
    code = models.CharField(_("verification code"), max_length=14, unique=True)
    visitor_name = models.CharField(_("visitor"), max_length=310)
    institution_name = models.CharField(_("home institution"), max_length=410)
    start = models.DateField(_("arrival"))
    end = models.DateField(_("departure"))
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64)
    # The document as issued (a few hundred kB), served as it was; list paths never read it.
    pdf = models.BinaryField(editable=False)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    issued_by = user_or_none(_("issued by"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    audit_exclude = ("pdf",)

    class Meta:
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["stay", "-issued_at"])]
        verbose_name = _("invitation letter")
        verbose_name_plural = _("invitation letters")

    def __str__(self):
        return f"{self.code} {self.visitor_name}"
