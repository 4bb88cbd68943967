"""Administering logins from the hub: invite someone (an account with roles and a link to set a
password), give and take roles, deactivate. Administrators only; every change is audited.

The verbs are called by the pages in `user_pages.py` (and may be by commands); each raises
ValidationError (field → message) when a rule refuses the change, with nothing changed."""

from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .audit import record
from .models import AuditEntry, User
from .permissions import Policy
from .roles import Role, grant, has_role

INVITE_TEMPLATES = "common/password/invite"


class UserPolicy(Policy):
    """Logins and their roles are the administrators' alone."""

    def visible(self, user, queryset):
        return queryset if self.can_create(user) else queryset.none()

    def can_view(self, user, account) -> bool:
        return self.can_create(user)

    def can_create(self, user) -> bool:
        return user.is_authenticated and has_role(user, Role.ADMINISTRATOR)

    def can_change(self, user, account) -> bool:
        return self.can_create(user)

    def can_delete(self, user, account) -> bool:
        return False  # a login is deactivated, never deleted: the audit trail refers to it


user_policy = UserPolicy()


def held_roles(user: User) -> list[str]:
    """The roles given to the account (through its groups), in the order of `Role`."""
    names = {group.name for group in user.groups.all()}
    return [role for role in Role.values if role in names]


def invite_user(*, user: User, roles, site: str, by) -> User:
    """A new login without a password: the person chooses one from the emailed link (sent once
    the account is saved). `site` is the hub's address for the link, e.g. https://hub.nairl.kr."""
    if User.objects.filter(email__iexact=user.email).exists():
        raise ValidationError({"email": _("An account already uses this email address.")})
    user.set_unusable_password()
    user.save()
    given = sorted(set(roles))
    grant(user, *given)
    record(
        user,
        AuditEntry.Action.CREATE,
        {"username": [None, user.username], "email": [None, user.email], "roles": [None, given]},
    )
    transaction.on_commit(lambda: send_invitation(user, site))
    return user


def send_invitation(user: User, site: str) -> None:
    """The set-password link, in the invited person's language, through EMAIL_BACKEND."""
    protocol, _sep, domain = site.partition("://")
    context = {
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "protocol": protocol,
        "domain": domain,
    }
    with translation.override(user.language):
        PasswordResetForm().send_mail(
            f"{INVITE_TEMPLATES}_subject.txt",
            f"{INVITE_TEMPLATES}_email.txt",
            context,
            None,
            user.email,
        )


def change_access(*, user: User, roles, by) -> User:
    """Whether the login may sign in (`user.is_active`, as the form set it) and its roles.
    An administrator cannot lock themself out: their own account stays active and theirs."""
    was_active = User.objects.filter(pk=user.pk).values_list("is_active", flat=True).get()
    before, after = held_roles(user), [role for role in Role.values if role in set(roles)]
    if user.pk == by.pk and not user.is_active:
        raise ValidationError({"is_active": _("You cannot deactivate your own account.")})
    if user.pk == by.pk and Role.ADMINISTRATOR in before and Role.ADMINISTRATOR not in after:
        raise ValidationError({"roles": _("You cannot take away your own administrator role.")})
    changes = {}
    if was_active != user.is_active:
        user.save(update_fields=["is_active"])
        changes["is_active"] = [was_active, user.is_active]
    if before != after:
        user.groups.remove(*user.groups.filter(name__in=set(before) - set(after)))
        grant(user, *after)
        changes["roles"] = [before, after]
    if changes:
        record(user, AuditEntry.Action.UPDATE, changes)
    return user
