"""The demo's signed, scanned attendance sheet of one half-day: drawn with Pillow as a scanner would
give it back (a slightly tilted, greyish JPEG, with handwritten-looking signatures of who came)."""

import io
import random
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from ateliers.choices import AttendanceStatus
from ateliers.models import Attendance, SignedSheet
from ateliers.services.attendance_record import save_signed_sheet
from ateliers.services.registrations import active_registrations

FONTS = Path(settings.BASE_DIR) / "lab" / "static" / "lab" / "fonts"
#: A4 portrait at 100 dpi: legible, and a few hundred kilobytes as JPEG.
WIDTH, HEIGHT = 827, 1169


def _font(size, bold=False):
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


def _signature(draw, box, rng):
    """A scribble in blue ink inside ``box``: a few joined loops, as a quick signature."""
    left, top, right, bottom = box
    x, y = left + rng.randint(4, 20), (top + bottom) / 2
    points = [(x, y)]
    while x < right - 30:
        x += rng.randint(6, 16)
        y = (top + bottom) / 2 + rng.randint(-int((bottom - top) * 0.35), int((bottom - top) * 0.35))
        points.append((x, y))
    draw.line(points, fill=(25, 45, 120), width=2, joint="curve")
    draw.line([(points[0][0], points[-1][1] + 6), (points[-1][0] - 10, points[-1][1] + 2)], fill=(25, 45, 120), width=2)


def scanned_sheet(session):
    """A JPEG of the signed sheet of ``session``: one row per registered person (all of them, the rows
    narrowing to fit the page), signed if present."""
    workshop = session.workshop
    rng = random.Random(session.pk)  # noqa: S311 (a drawing, not a secret)
    registrations = list(
        active_registrations(workshop)
        .select_related("person", "structure", "expected_from")
        .order_by("structure__name", "person__last_name", "person__first_name")
    )
    # A walk-in who came on a later half-day is not on this one's sheet.
    registrations = [
        r
        for r in registrations
        if r.expected_from is None
        or (r.expected_from.date, r.expected_from.half_day) <= (session.date, session.half_day)
    ]
    present = set(
        Attendance.objects.filter(session=session, status=AttendanceStatus.PRESENT).values_list(
            "registration_id", flat=True
        )
    )
    image = Image.new("RGB", (WIDTH, HEIGHT), (246, 245, 240))
    draw = ImageDraw.Draw(image)
    ink = (30, 30, 30)
    draw.text((50, 30), workshop.programme.title, font=_font(13), fill=ink)
    draw.text((50, 52), f"Feuille d'émargement — {workshop.title}", font=_font(20, bold=True), fill=ink)
    draw.text((50, 82), f"{workshop.place} · {str(session).capitalize()}", font=_font(14), fill=ink)
    columns = [40, 270, 500, 600, 790]
    headers = ["Nom, prénom", "Structure", "Rôle", "Signature"]
    rows = registrations
    top = 115
    row_height = min(26, (HEIGHT - top - 90) // (len(rows) + 1))
    for index, title in enumerate(headers):
        draw.text((columns[index] + 6, top + 4), title, font=_font(12, bold=True), fill=ink)
    for index, registration in enumerate(rows, start=1):
        y = top + index * row_height
        person = registration.person
        draw.text(
            (columns[0] + 6, y + 4), f"{person.last_name.upper()} {person.first_name}"[:30], font=_font(11), fill=ink
        )
        draw.text((columns[1] + 6, y + 4), registration.structure.name[:30], font=_font(11), fill=ink)
        draw.text((columns[2] + 6, y + 4), person.get_role_display()[:14], font=_font(11), fill=ink)
        if registration.pk in present:
            _signature(draw, (columns[3], y + 2, columns[4], y + row_height - 2), rng)
    bottom = top + (len(rows) + 1) * row_height
    for index in range(len(rows) + 2):
        draw.line([(columns[0], top + index * row_height), (columns[-1], top + index * row_height)], fill=ink, width=1)
    for x in columns:
        draw.line([(x, top), (x, bottom)], fill=ink, width=1)
    draw.text((50, bottom + 20), f"Animation : {workshop.facilitator_name}", font=_font(12), fill=ink)
    _signature(draw, (400, bottom + 12, 600, bottom + 44), rng)
    # What a scanner does: a slight tilt, a soft blur, a little grain.
    image = image.rotate(rng.uniform(-0.8, 0.8), resample=Image.BICUBIC, expand=False, fillcolor=(250, 250, 248))
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    noise = Image.effect_noise((WIDTH, HEIGHT), 10).convert("RGB")
    image = Image.blend(image, noise, 0.06)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def add_signed_sheet(session, user):
    """Give ``session`` its signed scan, unless it has one already (idempotent demo loading)."""
    if SignedSheet.objects.filter(session=session).exists():
        return
    save_signed_sheet(session, ContentFile(scanned_sheet(session), name="feuille-signee.jpg"), user=user)
