"""Production settings, checked the way an operator would: in a fresh process with its env."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "-a-long-random-production-secret-" + "z" * 20,
    "ALLOWED_HOSTS": "news.example.org",
    "SITE_URL": "https://news.example.org",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # The browser tests' conftest allows sync ORM calls under Playwright; production never does.
    leave_out = {*PRODUCTION, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in leave_out}
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_check_deploy_without_warnings() -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "Set SECRET_KEY (or SECRET_KEY_FILE) when DEBUG=0." in result.stderr


def test_a_mistyped_boolean_stops_start_up_naming_the_variable() -> None:
    result = manage("check", **{**PRODUCTION, "SECURE_SSL_REDIRECT": "yes please"})
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT='yes please' is not a boolean" in result.stderr
