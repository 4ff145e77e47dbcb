"""Every response carries the Content Security Policy: public pages, the admin, production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]

STRICT = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
]


def directives(response):
    return {part.strip() for part in response["Content-Security-Policy"].split(";")}


@pytest.mark.django_db
def test_public_pages_carry_the_strict_policy(client, world):
    for url in ["/", world.programme_a.url, reverse("commons_index"), reverse("structure_directory")]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert set(STRICT) <= directives(response), url
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_admin_login_page_carries_the_strict_policy(client, world):
    response = client.get(reverse("wagtailadmin_login"))
    assert response.status_code == 200
    assert set(STRICT) <= directives(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_admin_pages_carry_the_policy_with_only_the_documented_exception(client, world, login):
    login(world.admin)
    for url in [reverse("wagtailadmin_home"), reverse("wagtailadmin_pages:edit", args=[world.programme_a.pk])]:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = directives(response)
        assert set(STRICT) <= policy, url
        # Draftail's <style> elements; style="" attributes stay forbidden (style-src 'self').
        assert "style-src-elem 'self' 'unsafe-inline'" in policy
        assert "'unsafe-inline'" not in response["Content-Security-Policy"].replace(
            "style-src-elem 'self' 'unsafe-inline'", ""
        )
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]
        # Wagtail's inline scripts were turned into data for admin-init.js.
        assert "<script>" not in response.content.decode()


@pytest.mark.django_db
def test_an_error_page_carries_the_policy_too(client, world):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert set(STRICT) <= directives(response)


def test_production_settings_enforce_the_policy():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "lab.settings.production",
        "SECRET_KEY": "x" * 20 + "production-like-secret-key-with-enough-entropy-0123456789",
        "ALLOWED_HOSTS": "labo.example.org",
        "MEDIA_URL": "https://medias.example.org/labo/",
    }
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print('lab.infra.csp.CSPMiddleware' in s.MIDDLEWARE, hasattr(s, 'CONTENT_SECURITY_POLICY_REPORT_ONLY'), "
        "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src'], s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    # Enforced (not report-only), scripts from here only, images also from the media's origin.
    assert result.stdout.strip() == "True False [\"'self'\"] [\"'self'\", 'data:', 'https://medias.example.org']"


def test_wagtails_widget_scripts_become_data_for_admin_init():
    from lab.infra.csp import script_free

    element = script_free('new PageChooser("id_page", {"modalUrl": "/admin/choose-page/"});')
    assert element == (
        '<template data-lab-init="PageChooser" data-lab-new '
        'data-lab-args="[&quot;id_page&quot;, {&quot;modalUrl&quot;: &quot;/admin/choose-page/&quot;}]"></template>'
    )
    assert script_free('createTaskChooser("id_task");') == (
        '<template data-lab-init="createTaskChooser" data-lab-args="[&quot;id_task&quot;]"></template>'
    )
    # Anything but one call with JSON arguments is left as it was (and the CSP blocks it).
    assert script_free("window.x = 1; alert(x);") == "<script>window.x = 1; alert(x);</script>"


@pytest.mark.django_db
def test_an_admin_form_with_dates_and_choosers_has_no_inline_script(client, world, login):
    from wagtail.images.widgets import AdminImageChooser

    login(world.admin)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[world.programme_a.pk]))
    content = response.content.decode()
    assert 'data-lab-init="initDateChooser"' in content
    assert 'data-lab-init="InlinePanel" data-lab-new' in content
    assert "<script>" not in content
    assert '<template data-lab-init="ImageChooser" data-lab-new' in AdminImageChooser().render(
        "logo", None, {"id": "id_logo"}
    )
