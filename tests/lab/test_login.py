"""The admin login page speaks French to everyone, including screen readers."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_login_page_labels_the_password_field_in_french(client):
    page = client.get("/admin/login/").content.decode()
    assert '<label class="w-field__label" for="id_password" id="id_password-label">' in page
    assert "Mot de passe" in page
    assert "Password" not in page
