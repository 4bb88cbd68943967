"""The hub's building: floors, rooms (meeting rooms, seminar halls, open-plan areas), desks, and
the days it is closed (besides weekends and Korean public holidays, which are computed)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nairl.common.audit import Audited
from nairl.common.bilingual import BilingualField, BilingualModel
from nairl.common.models import optional_key
from nairl.people.models import Person


class DeskFeature(models.TextChoices):
    GPU_WORKSTATION = "gpu", _("GPU workstation")
    MONITOR = "monitor", _("External monitor")
    QUIET_ZONE = "quiet", _("Quiet zone")
    STANDING = "standing", _("Standing desk")
    WINDOW = "window", _("By a window")


def validate_features(value) -> None:
    if not isinstance(value, list) or any(item not in DeskFeature.values for item in value):
        raise ValidationError(
            _("Choose features from: %(choices)s."),
            params={"choices": ", ".join(DeskFeature.values)},
        )


class Floor(Audited, BilingualModel):
    level = models.SmallIntegerField(
        _("level"),
        unique=True,
        validators=[MinValueValidator(-5), MaxValueValidator(80)],
        help_text=_("1 is the ground floor; basements are negative."),
    )
    name = BilingualField(_("name"), max_length=100)
    area_m2 = models.PositiveIntegerField(_("area (m²)"), default=0)

    class Meta:
        ordering = ["level"]
        verbose_name = _("floor")
        verbose_name_plural = _("floors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("residency:floor", args=[self.pk])


class Room(Audited, BilingualModel):
    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting room")
        SEMINAR = "seminar", _("Seminar room")
        OPEN_PLAN = "open_plan", _("Open-plan area")
        OFFICE = "office", _("Office")

    floor = models.ForeignKey(
        Floor, on_delete=models.PROTECT, related_name="rooms", verbose_name=_("floor")
    )
    code = models.CharField(
        _("code"), max_length=20, unique=True, help_text=_("As on the door, e.g. 7-12.")
    )
    name = BilingualField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    capacity = models.PositiveSmallIntegerField(_("capacity"), default=1)
    is_bookable = models.BooleanField(
        _("bookable"), default=True, help_text=_("Meeting and seminar rooms people may book.")
    )
    is_accessible = models.BooleanField(_("step-free access"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("residency:room", args=[self.pk])


class Desk(Audited):
    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="desks", verbose_name=_("room")
    )
    code = models.CharField(_("code"), max_length=20, unique=True)
    features = models.JSONField(
        _("features"), default=list, blank=True, validators=[validate_features]
    )
    is_accessible = models.BooleanField(_("accessible"), default=True)
    is_bookable = models.BooleanField(
        _("bookable"), default=True, help_text=_("Visitors may book it by the day.")
    )
    assigned_to = optional_key(
        Person,
        _("assigned to"),
        related_name="assigned_desks",
        help_text=_("A resident researcher's own desk (their team sits around it)."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("desk")
        verbose_name_plural = _("desks")

    def __str__(self):
        return self.code

    @property
    def feature_labels(self) -> list[str]:
        labels = dict(DeskFeature.choices)
        return [labels[item] for item in self.features if item in labels]


class ClosedDay(Audited, BilingualModel):
    """A day the hub is closed besides weekends and public holidays (a move, a shutdown)."""

    day = models.DateField(_("day"), unique=True)
    reason = BilingualField(_("reason"), max_length=200)

    class Meta:
        ordering = ["day"]
        verbose_name = _("closed day")
        verbose_name_plural = _("closed days")

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {self.reason}"
