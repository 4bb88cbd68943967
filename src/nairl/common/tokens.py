"""API tokens: made for one user with an expiry, stored as a digest, revocable by their owner."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.utils import timezone

from .models import ApiToken

PREFIX_LENGTH = 8


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue(user, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """A new token and its key: the key is returned here once and never stored."""
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        digest=digest(key),
        prefix=key[:PREFIX_LENGTH],
        expires_at=timezone.now()
        + datetime.timedelta(days=days or settings.API_TOKEN_LIFETIME_DAYS),
    )
    return token, key


def find(key: str) -> ApiToken | None:
    return ApiToken.objects.select_related("user").filter(digest=digest(key)).first()


def revoke(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
