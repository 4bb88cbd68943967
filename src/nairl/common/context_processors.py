from django.conf import settings

from .roles import Role, roles_of


def hub(request):
    # Error pages can render before AuthenticationMiddleware has run (e.g. a disallowed host).
    roles = roles_of(getattr(request, "user", None))
    return {
        "user_roles": roles,
        "is_hub_staff": bool(roles & {Role.HUB_STAFF, Role.ADMINISTRATOR}),
        "is_administrator": Role.ADMINISTRATOR in roles,
        "hub_languages": settings.LANGUAGES,
    }
