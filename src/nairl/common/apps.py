from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "nairl.common"
    verbose_name = _("Common")

    def ready(self):
        from . import (
            audit,  # noqa: F401  (connects the audit signal handlers)
            language,  # noqa: F401  (signing in keeps the browsing language)
        )
