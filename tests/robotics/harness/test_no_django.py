import subprocess
import sys

LIST_DJANGO = "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"


def imported_django_modules(imports: str) -> list[str]:
    # Runs with DJANGO_SETTINGS_MODULE inherited from pytest-django: nothing may act on it.
    code = f"import sys, {imports}; {LIST_DJANGO}"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return eval(out.stdout)


def test_harness_and_cli_import_without_django():
    modules = (
        "nairl.robotics.harness, nairl.robotics.cli, nairl.robotics.harness.runner, "
        "nairl.robotics.harness.workers, nairl.robotics.harness.baseline, "
        "nairl.robotics.harness.lerobot_export"
    )
    assert imported_django_modules(modules) == []


def test_the_celery_app_and_its_episodes_never_configure_django():
    # kombu imports django.utils.functional when Django is installed; nothing more may follow.
    modules = imported_django_modules("nairl.common.celery_app, nairl.robotics.harness.distributed")
    assert not [m for m in modules if m.startswith(("django.conf", "django.apps", "django.db"))]
