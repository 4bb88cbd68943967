from django.conf import settings

from .menu import main_menu
from .roles import Role, roles_of


def hub(request):
    # Error pages can render before AuthenticationMiddleware has run (e.g. a disallowed host).
    user = getattr(request, "user", None)
    roles = roles_of(user)
    return {
        "user_roles": roles,
        "is_hub_staff": bool(roles & {Role.HUB_STAFF, Role.ADMINISTRATOR}),
        "is_administrator": Role.ADMINISTRATOR in roles,
        "hub_languages": settings.LANGUAGES,
        # Computed only when a page draws the menu (a callable in a template is called on use).
        "menu_links": lambda: main_menu.links_for(user),
    }
