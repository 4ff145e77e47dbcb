"""Real files of each kind the site takes, built in memory, for upload tests."""

import io
import zipfile
from functools import cache

import pikepdf
from openpyxl import Workbook
from PIL import Image


def png(width=20, height=10):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg(width=20, height=10):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def camera_jpeg():
    """A JPEG as some cameras write it, with a second picture (MPO): Pillow names it MPO, not JPEG."""
    frames = [Image.new("RGB", (20, 10), colour) for colour in ("red", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "MPO", save_all=True, append_images=frames[1:])
    return buffer.getvalue()


@cache
def huge_png(side=20_000):
    """A ``side`` × ``side`` PNG, a few kilobytes on disk: one colour compresses to almost nothing."""
    buffer = io.BytesIO()
    Image.new("1", (side, side)).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def pdf(title="Justificatif"):
    """A one-page PDF whose metadata title (plain text in the file) is ``title``."""
    document = pikepdf.new()
    document.add_blank_page()
    document.docinfo["/Title"] = title
    buffer = io.BytesIO()
    document.save(buffer, compress_streams=False)
    return buffer.getvalue()


def xlsx(rows=(("Nom", "Prénom"), ("Ali", "Mze"))):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def plain_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "Rien d'un classeur")
    return buffer.getvalue()


HTML = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"
