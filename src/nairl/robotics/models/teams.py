from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nairl.common.audit import Audited
from nairl.common.bilingual import BilingualField, BilingualModel
from nairl.robotics.domain.entry_points import validate_entry_point


class Team(Audited, BilingualModel):
    """A project team that registers robot policies; its members manage them."""

    name = BilingualField(_("name"), max_length=200)
    institution = models.ForeignKey(
        "people.Institution",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="robotics_teams",
        verbose_name=_("institution"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="robotics_teams",
        verbose_name=_("members"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("robotics:team", args=[self.pk])


class RobotPolicy(Audited, BilingualModel):
    """A robot policy: a factory entry point the harness loads in its isolated workers."""

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="policies", verbose_name=_("team")
    )
    name = models.CharField(_("name"), max_length=120)
    entry_point = models.CharField(
        _("entry point"),
        max_length=200,
        validators=[validate_entry_point],
        help_text=_(
            "package.module:factory — the factory returns an object with reset(task) and "
            "act(observation). The hub imports it when it is evaluated."
        ),
    )
    version = models.CharField(_("version"), max_length=40, default="1")
    description = BilingualField(_("description"), text=True, required=False, max_length=5000)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_(
            "Public policies and their results are shown to everyone, on the leaderboard "
            "too; private ones only to the team and administrators."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    audit_exclude = ("updated_at",)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "name", "version"], name="robot_policy_unique_version"
            ),
        ]
        verbose_name = _("policy")
        verbose_name_plural = _("policies")

    def __str__(self):
        return f"{self.name} {self.version}"

    def get_absolute_url(self):
        return reverse("robotics:policy", args=[self.pk])

    def clean(self):
        super().clean()
        self.entry_point = (self.entry_point or "").strip()
        self.name = (self.name or "").strip()
