"""The instance's signing key: the demo creates a self-signed one; production must be given its own."""

import io

import pytest
from django.core.management import CommandError, call_command

from lab.infra import signing


@pytest.fixture
def fresh_signer(monkeypatch):
    monkeypatch.setattr(signing, "_signer", None)
    monkeypatch.setattr(signing, "_signer_key", None)


def test_the_demo_command_creates_a_self_signed_key_once(settings, tmp_path, fresh_signer):
    settings.DOCUMENT_SIGNING_KEY = str(tmp_path / "var" / "signing" / "key.pem")
    settings.DOCUMENT_SIGNING_CERT = str(tmp_path / "var" / "signing" / "cert.pem")
    settings.DOCUMENT_SIGNING_SELF_SIGNED = True
    out = io.StringIO()
    call_command("signing_identity", stdout=out)
    assert "Certificats signés par : Labo commun" in out.getvalue() and "autosigné" in out.getvalue()
    key = (tmp_path / "var" / "signing" / "key.pem").read_bytes()
    assert (tmp_path / "var" / "signing" / "key.pem").stat().st_mode & 0o077 == 0  # readable by its owner only
    call_command("signing_identity", stdout=io.StringIO())
    assert (tmp_path / "var" / "signing" / "key.pem").read_bytes() == key  # kept, not replaced


def test_production_without_its_key_says_what_to_set(settings, tmp_path, fresh_signer):
    settings.DOCUMENT_SIGNING_KEY = str(tmp_path / "key.pem")
    settings.DOCUMENT_SIGNING_CERT = str(tmp_path / "cert.pem")
    settings.DOCUMENT_SIGNING_SELF_SIGNED = False
    with pytest.raises(CommandError, match="DOCUMENT_SIGNING_KEY et DOCUMENT_SIGNING_CERT"):
        call_command("signing_identity", stdout=io.StringIO())
    assert not (tmp_path / "key.pem").exists()


def test_a_document_is_signed_from_a_thread_running_an_event_loop():
    """pyHanko signs with ``asyncio.run``: called from code running in an event loop (an async view,
    a browser driven from the same thread) it refused (« cannot be called from a running event loop »)."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from pypdf import PdfWriter

    blank = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.write(blank)

    async def sign_inside_a_loop():
        return signing.sign_pdf(blank.getvalue(), reason="test")

    # A thread of its own runs the loop: pytest's may already run one (Playwright's, after a browser test).
    with ThreadPoolExecutor(max_workers=1) as pool:
        signed = pool.submit(asyncio.run, sign_inside_a_loop()).result()
    assert signed.startswith(b"%PDF") and b"/ByteRange" in signed
