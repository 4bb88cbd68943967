from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoboticsConfig(AppConfig):
    name = "nairl.robotics"
    label = "robotics"
    verbose_name = _("Robot policy evaluation")

    def ready(self):
        from django.conf import settings

        from nairl.robotics.harness.sandbox import hide

        hide(settings.VAR_DIR)  # the database, uploads and model files: no worker sees them

        from . import panels

        panels.register()
