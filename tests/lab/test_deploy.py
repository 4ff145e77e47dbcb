"""The production settings pass Django's deployment checklist with no warning."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def check_deploy(**environment):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},  # set by the browser tests
        "DJANGO_SETTINGS_MODULE": "lab.settings.production",
        "SECRET_KEY": "x" * 20 + "production-like-secret-key-with-enough-entropy-0123456789",
        "ALLOWED_HOSTS": "labo.example.org",
        **environment,
    }
    for name in ("WAGTAILADMIN_BASE_URL", "DOCUMENT_SIGNING_KEY", "DOCUMENT_SIGNING_CERT"):
        if name not in environment:
            env.pop(name, None)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_passes_with_production_settings(signing_pair):
    result = check_deploy(WAGTAILADMIN_BASE_URL="https://labo.example.org", **signing_pair)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("base_url", [None, "http://127.0.0.1:8000", "http://localhost"])
def test_check_deploy_warns_when_the_base_url_is_not_the_public_address(signing_pair, base_url):
    result = check_deploy(**signing_pair, **({"WAGTAILADMIN_BASE_URL": base_url} if base_url else {}))
    assert result.returncode != 0
    assert "lab.W001" in result.stderr and "Renseignez WAGTAILADMIN_BASE_URL" in result.stderr


def test_check_deploy_warns_when_the_signing_key_is_missing(tmp_path):
    result = check_deploy(
        WAGTAILADMIN_BASE_URL="https://labo.example.org",
        DOCUMENT_SIGNING_KEY=str(tmp_path / "absente.pem"),
        DOCUMENT_SIGNING_CERT=str(tmp_path / "absent.pem"),
    )
    assert result.returncode != 0
    assert "lab.W002" in result.stderr and "aucun certificat ne pourra être émis" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if not k.startswith("SECRET_KEY")}
    env["DJANGO_SETTINGS_MODULE"] = "lab.settings.production"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
