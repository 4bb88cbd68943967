"""Signing in keeps the language the visitor was browsing in: a signed-in user's pages are in
the language saved on the account (`middleware.UserTimezoneMiddleware`), so a language the
visitor chose with the switch before signing in (its cookie) is saved on the account when they
sign in. A browser's own preference alone does not overwrite the account's, and choosing
another language later changes it again."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver


@receiver(user_logged_in, dispatch_uid="nairl.common.language.keep_browsing_language")
def keep_browsing_language(sender, request, user, **kwargs):
    if request is None or not hasattr(user, "language"):
        return
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in dict(type(user)._meta.get_field("language").choices) and chosen != user.language:
        user.language = chosen
        user.save(update_fields=["language"])
