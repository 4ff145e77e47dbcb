"""Fixtures of the core's tests."""

import pytest


@pytest.fixture
def signing_pair(tmp_path):
    """A self-signed signing key and certificate, as the environment of a production process gives them."""
    from lab.infra.signing import create_self_signed_identity

    key, cert = tmp_path / "signing" / "key.pem", tmp_path / "signing" / "cert.pem"
    create_self_signed_identity(key, cert, common_name="Labo commun (test)")
    return {"DOCUMENT_SIGNING_KEY": str(key), "DOCUMENT_SIGNING_CERT": str(cert)}
