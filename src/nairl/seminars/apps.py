from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeminarsConfig(AppConfig):
    name = "nairl.seminars"
    verbose_name = _("Seminars")

    def ready(self):
        from nairl.common.menu import MenuEntry, everyone, main_menu
        from nairl.common.registries import Section, home_panels, project_sections

        from .views import panels

        main_menu.register(
            MenuEntry("seminars", _("Seminars"), "seminars:upcoming", everyone, order=80)
        )
        home_panels.register(
            Section(
                name="seminars-my-talks",
                title=_("My talks"),
                template="seminars/_home_talks.html",
                context=panels.my_talks,
                order=40,
            )
        )
        home_panels.register(
            Section(
                name="seminars-my-registrations",
                title=_("My registrations"),
                template="seminars/_home_registrations.html",
                context=panels.my_registrations,
                order=41,
            )
        )
        project_sections.register(
            Section(
                name="seminars-by-members",
                title=_("Seminars by its members"),
                template="seminars/_project_talks.html",
                context=panels.project_seminars,
                order=40,
            )
        )
