from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoboticsConfig(AppConfig):
    name = "nairl.robotics"
    label = "robotics"
    verbose_name = _("Robot policy evaluation")
