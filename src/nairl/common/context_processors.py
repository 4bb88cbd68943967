from django.conf import settings

from .roles import Role, roles_of


def hub(request):
    roles = roles_of(request.user)
    return {
        "user_roles": roles,
        "is_hub_staff": bool(roles & {Role.HUB_STAFF, Role.ADMINISTRATOR}),
        "is_administrator": Role.ADMINISTRATOR in roles,
        "hub_languages": settings.LANGUAGES,
    }
