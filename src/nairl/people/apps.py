from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "nairl.people"
    verbose_name = _("People and institutions")

    def ready(self):
        from . import panels, signals  # noqa: F401  (signals: connects the reindexing)

        panels.register()
