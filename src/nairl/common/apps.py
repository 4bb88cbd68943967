from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "nairl.common"
    verbose_name = _("Common")

    def ready(self):
        from . import (  # noqa: F401
            audit,  # connects the audit signal handlers
            language,  # signing in keeps the browsing language
            panels,
        )
        from .menu import MenuEntry, admin_site_users, administrators, main_menu, signed_in

        panels.register()
        main_menu.register(MenuEntry("my-home", _("My home"), "my-home", signed_in, order=1))
        main_menu.register(MenuEntry("users", _("Users"), "users", administrators, order=92))
        main_menu.register(
            MenuEntry("audit-log", _("Audit log"), "audit-log", administrators, order=94)
        )
        main_menu.register(
            MenuEntry("admin", _("Admin"), "admin:index", admin_site_users, order=96)
        )
