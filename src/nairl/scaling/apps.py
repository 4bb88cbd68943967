from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScalingConfig(AppConfig):
    name = "nairl.scaling"
    verbose_name = _("Scaling-law workbench")

    def ready(self):
        from . import panels

        panels.register()
