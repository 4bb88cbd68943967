from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResidencyConfig(AppConfig):
    name = "nairl.residency"
    verbose_name = _("Residencies and spaces")

    def ready(self):
        from . import sections

        sections.register()
