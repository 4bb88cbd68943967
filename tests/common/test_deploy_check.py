"""`nairl check --deploy` with the production settings finds nothing to warn about."""

import os
import secrets
import subprocess
import sys


def run_check(tmp_path, *tags, **extra_env):
    arguments = ["check", "--deploy", "--fail-level", "WARNING"]
    return run_nairl(
        tmp_path, *arguments, *[arg for tag in tags for arg in ("--tag", tag)], **extra_env
    )


def run_nairl(tmp_path, *arguments, **extra_env):
    """`nairl ...` with the production settings."""
    env = {
        **os.environ,
        "NAIRL_ENV": "production",
        "NAIRL_SECRET_KEY": secrets.token_urlsafe(64),
        "NAIRL_ALLOWED_HOSTS": "hub.example.org",
        "NAIRL_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "nairl.settings",
        **extra_env,
    }
    env.pop("NAIRL_DEBUG", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests; never in production
    return subprocess.run(
        [sys.executable, "-m", "nairl.cli", *arguments],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = run_check(tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output
    assert "WARNING" not in output and "?: (security" not in output


def test_production_settings_pass_the_security_checks(tmp_path):
    result = run_check(tmp_path, "security")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_marks_every_cookie_secure(tmp_path):
    names = ["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE"]
    code = f"from django.conf import settings; print([getattr(settings, n) for n in {names}])"
    result = run_nairl(tmp_path, "shell", "--no-imports", "-c", code)
    assert result.stdout.strip() == "[True, True, True]", result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_check(tmp_path, NAIRL_SECRET_KEY="")
    assert result.returncode != 0
    assert "NAIRL_SECRET_KEY must be set in production." in result.stderr
