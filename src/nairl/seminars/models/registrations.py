"""Who registered for which talk (a seat, the waiting list), and private calendar feeds."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from nairl.common.audit import Audited
from nairl.common.models import user_or_none

from .talks import Talk


def new_salt() -> str:
    return secrets.token_hex(16)


class Registration(Audited):
    """A place for one person (by email, or a signed-in user) at one talk.

    A registration made without an account waits (`pending`) until its email is confirmed; then,
    like a signed-in person's, it takes a seat or joins the waiting list, in the order people
    came (`queued_at`). Its private links (confirm, cancel) carry a token computed from the
    hub's secret and a random salt of the registration, so the database alone cannot forge them.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Email not yet confirmed")
        SEATED = "seated", _("Has a seat")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    ACTIVE = (Status.SEATED, Status.WAITLISTED)

    talk = models.ForeignKey(
        Talk, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("talk")
    )
    user = user_or_none(_("account"), related_name="seminar_registrations")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"))
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="ko"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    queued_at = models.DateTimeField(_("in line since"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    token_salt = models.CharField(max_length=32, default=new_salt, editable=False)

    audit_exclude = ("token_salt",)

    class Meta:
        ordering = ["queued_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["talk", "email"],
                condition=~Q(status="cancelled"),
                name="seminars_one_registration_per_email",
            )
        ]
        indexes = [
            models.Index(fields=["talk", "status", "queued_at"]),
            models.Index(fields=["user", "status"]),
        ]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self):
        return f"{self.name} — {self.talk}"

    def token(self, purpose: str) -> str:
        return salted_hmac(
            f"nairl.seminars.{purpose}", f"{self.pk}:{self.token_salt}", algorithm="sha256"
        ).hexdigest()[:40]

    def token_matches(self, purpose: str, token: str) -> bool:
        return constant_time_compare(self.token(purpose), token)

    def cancel_url(self) -> str:
        return reverse("seminars:registration-cancel", args=[self.pk, self.token("cancel")])

    def confirm_url(self) -> str:
        return reverse("seminars:registration-confirm", args=[self.pk, self.token("confirm")])

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


def new_feed_key() -> str:
    return secrets.token_urlsafe(30)


class FeedToken(models.Model):
    """The key of a person's private calendar feed (the talks they registered for). Revoking it
    makes the old address answer "revoked"; a new key gives a new address."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="seminar_feed_tokens",
        verbose_name=_("account"),
    )
    key = models.CharField(max_length=60, unique=True, default=new_feed_key, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("calendar feed key")
        verbose_name_plural = _("calendar feed keys")

    def __str__(self):
        return f"{self.user} ({'revoked' if self.revoked_at else 'active'})"

    def get_absolute_url(self):
        return reverse("seminars:personal-calendar", args=[self.key])
