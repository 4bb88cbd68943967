from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nairl.common.audit import Audited
from nairl.common.bilingual import BilingualField, BilingualModel
from nairl.common.models import optional_key
from nairl.robotics.installed import validate_installed, validate_server_url


class Team(Audited, BilingualModel):
    """A project team that registers robot policies; its members manage them."""

    name = BilingualField(_("name"), max_length=200)
    institution = optional_key(
        "people.Institution", _("institution"), related_name="robotics_teams"
    )
    # The project's robot evaluations are those of its teams' policies.
    project = optional_key("research.Project", _("research project"), related_name="robot_teams")
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
    """A robot policy: a server the harness connects to, or a policy installed on the hub."""

    class Kind(models.TextChoices):
        REMOTE = "remote", _("Remote: runs on the team's policy server")
        INSTALLED = "installed", _("Installed on the hub by an administrator")

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="policies", verbose_name=_("team")
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(
        _("where it runs"), max_length=10, choices=Kind.choices, default=Kind.REMOTE
    )
    server_url = models.CharField(
        _("policy server"),
        max_length=300,
        blank=True,
        validators=[validate_server_url],
        help_text=_(
            "Websocket address of the team's policy server, which speaks openpi's protocol "
            "(openpi's serve_policy, or `nairl robotics serve-policy`). Shown to the team only."
        ),
    )
    installed = models.CharField(
        _("installed policy"),
        max_length=100,
        blank=True,
        validators=[validate_installed],
        help_text=_("One of the policies an administrator has installed on the hub."),
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

    # What people set, on the page and through the API alike (the form and the serializer).
    edited_fields = (
        "team",
        "name",
        "kind",
        "server_url",
        "installed",
        "version",
        "description_ko",
        "description_en",
        "is_public",
    )
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
        self.name = (self.name or "").strip()
        self.server_url = (self.server_url or "").strip()
        if self.kind == self.Kind.REMOTE:
            self.installed = ""
            if not self.server_url:
                raise ValidationError(
                    {"server_url": _("A remote policy needs its server's address.")}
                )
        else:
            self.server_url = ""
            if not self.installed:
                raise ValidationError(
                    {"installed": _("Choose one of the policies installed on the hub.")}
                )

    def where_it_runs(self) -> str:
        """How the policy runs, in words a visitor may read (never the server's address)."""
        if self.kind == self.Kind.REMOTE:
            return gettext("team's policy server")
        return gettext("installed: %(name)s") % {"name": self.installed}
