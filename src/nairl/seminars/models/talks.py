"""Seminar series and their talks."""

import uuid
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nairl.common.audit import Audited
from nairl.common.bilingual import BilingualField, BilingualModel
from nairl.common.middleware import HUB_TIME_ZONE
from nairl.common.models import optional_key, validate_time_zone
from nairl.people.models import ExpertiseArea, Institution, Person


class Series(Audited, BilingualModel):
    """A regular seminar, run by organisers with partner institutions."""

    class Cadence(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        BIWEEKLY = "biweekly", _("Every two weeks")
        MONTHLY = "monthly", _("Monthly")
        IRREGULAR = "irregular", _("Irregular")

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    code = models.SlugField(
        _("code"),
        max_length=60,
        unique=True,
        help_text=_("A short name for links and calendars, e.g. global-ai-seminar."),
    )
    title = BilingualField(_("title"), max_length=200)
    description = BilingualField(_("description"), text=True, required=False, max_length=10000)
    organisers = models.ManyToManyField(
        Person, blank=True, related_name="organised_series", verbose_name=_("organisers")
    )
    partners = models.ManyToManyField(
        Institution,
        blank=True,
        related_name="seminar_series",
        verbose_name=_("partner institutions"),
    )
    cadence = models.CharField(
        _("cadence"), max_length=10, choices=Cadence.choices, default=Cadence.WEEKLY
    )
    weekday = models.PositiveSmallIntegerField(
        _("usual weekday"), choices=Weekday.choices, null=True, blank=True
    )
    usual_time = models.TimeField(
        _("usual start time"), null=True, blank=True, help_text=_("In the series' time zone.")
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("usual length (minutes)"),
        default=60,
        validators=[MinValueValidator(15), MaxValueValidator(8 * 60)],
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=HUB_TIME_ZONE, validators=[validate_time_zone]
    )
    default_room = models.CharField(_("usual room"), max_length=200, blank=True)
    default_online_link = models.URLField(_("usual online link"), blank=True)
    default_capacity = models.PositiveIntegerField(
        _("usual capacity"),
        null=True,
        blank=True,
        help_text=_("Seats per talk; leave empty for no limit."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # What people set, on the page and through the API alike (the form and the serializer).
    edited_fields = (
        "code",
        "title_ko",
        "title_en",
        "description_ko",
        "description_en",
        "organisers",
        "partners",
        "cadence",
        "weekday",
        "usual_time",
        "duration_minutes",
        "time_zone",
        "default_room",
        "default_online_link",
        "default_capacity",
        "is_active",
    )
    audit_exclude = ("updated_at",)

    class Meta:
        ordering = ["code"]
        verbose_name = _("seminar series")
        verbose_name_plural = _("seminar series")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("seminars:series", args=[self.pk])


class TalkQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Talk(Audited, BilingualModel):
    """One talk of a series: its speaker, when and where, and what happened after."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        MOVED = "moved", _("Moved")
        CANCELLED = "cancelled", _("Cancelled")

    series = models.ForeignKey(
        Series, on_delete=models.PROTECT, related_name="talks", verbose_name=_("series")
    )
    speaker = optional_key(
        Person,
        _("speaker"),
        on_delete=models.PROTECT,
        related_name="seminar_talks",
        help_text=_("A person of the directory; or give a guest's name below."),
    )
    guest_name = models.CharField(_("guest speaker"), max_length=150, blank=True)
    guest_affiliation = models.CharField(_("guest's institution"), max_length=200, blank=True)
    title = BilingualField(_("title"), max_length=300)
    abstract = BilingualField(_("abstract"), text=True, required=False, max_length=10000)
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=HUB_TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_("The zone the talk's times are given in, e.g. Asia/Seoul or Europe/Paris."),
    )
    room = models.CharField(_("room"), max_length=200, blank=True)
    # The residency module's room booking, once that module exists (a plain id until then; it
    # becomes a foreign key with the same column).
    room_booking_id = models.BigIntegerField(null=True, blank=True, editable=False)
    online_link = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Seats; leave empty for no limit.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    is_published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("Unpublished talks are seen only by the series' organisers and hub staff."),
    )
    slides_url = models.URLField(_("slides"), blank=True)
    recording_url = models.URLField(_("recording"), blank=True)
    keywords = models.ManyToManyField(
        ExpertiseArea, blank=True, related_name="seminar_talks", verbose_name=_("keywords")
    )
    project = optional_key("research.Project", _("research project"), related_name="seminar_talks")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = TalkQuerySet.as_manager()

    audit_exclude = ("updated_at",)

    class Meta:
        ordering = ["start", "id"]
        indexes = [models.Index(fields=["series", "start"])]
        verbose_name = _("talk")
        verbose_name_plural = _("talks")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("seminars:talk", args=[self.pk])

    @property
    def speaker_name(self):
        return self.speaker.name if self.speaker_id else self.guest_name

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return self.start.astimezone(self.tz)

    @property
    def local_end(self):
        return self.end.astimezone(self.tz)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def ical_uid(self) -> str:
        return f"{self.uid}@seminars.nairl-hub"

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The talk ends before it starts.")
        if not self.speaker_id and not self.guest_name.strip():
            errors["speaker"] = _("Name the speaker: a person of the directory or a guest.")
        if self.speaker_id and self.guest_name.strip():
            errors["guest_name"] = _("Give either a directory person or a guest, not both.")
        if errors:
            raise ValidationError(errors)
