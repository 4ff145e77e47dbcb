from django.test import override_settings

from lab.infra.base_url import absolute_url, base_url


@override_settings(WAGTAILADMIN_BASE_URL="https://labo.example.org/")
def test_links_are_built_on_the_canonical_base_url():
    assert base_url() == "https://labo.example.org"
    assert absolute_url("/verifier/ABC/") == "https://labo.example.org/verifier/ABC/"
    assert absolute_url("commun/") == "https://labo.example.org/commun/"
    assert absolute_url("https://git.example.org/alertes") == "https://git.example.org/alertes"
