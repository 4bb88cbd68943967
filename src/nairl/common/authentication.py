"""API authentication by the hub's own tokens (hashed, expiring, revocable)."""

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from . import tokens


class ApiTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`; answers 401 with a `Token` challenge for a key that is
    unknown, expired or revoked."""

    def authenticate_credentials(self, key):
        token = tokens.find(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("This token has been revoked."))
        if not token.is_usable:
            raise exceptions.AuthenticationFailed(_("This token has expired."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return token.user, token
