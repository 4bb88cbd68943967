from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "nairl.calls"
    verbose_name = _("Calls, applications and review")

    def ready(self):
        from . import panels

        panels.register()
