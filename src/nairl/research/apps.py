from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    name = "nairl.research"
    verbose_name = _("Joint research")

    def ready(self):
        from . import panels

        panels.register()
        panels.register_milestones()
