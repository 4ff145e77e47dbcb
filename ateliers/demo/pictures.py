"""Demo pictures drawn locally (nothing is fetched): the wall of sticky notes a labo ends with."""

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path(__file__).resolve().parents[2] / "lab" / "static" / "lab" / "fonts" / "DejaVuSans.ttf"
NOTE_COLOURS = [(255, 236, 120), (255, 190, 160), (170, 220, 255), (190, 240, 180)]


def sticky_wall_png(title, columns):
    """A paperboard titled ``title`` with a column of sticky notes per (heading, notes) of ``columns``."""
    width, height = 1200, 760
    image = Image.new("RGB", (width, height), (246, 244, 238))
    draw = ImageDraw.Draw(image)
    heading_font, note_font = ImageFont.truetype(str(FONT), 34), ImageFont.truetype(str(FONT), 19)
    draw.text((40, 28), title, fill=(30, 30, 30), font=heading_font)
    column_width = (width - 80) // max(1, len(columns))
    for index, (heading, notes) in enumerate(columns):
        left = 40 + index * column_width
        draw.text((left + 8, 100), heading, fill=(29, 78, 137), font=note_font)
        for row, note in enumerate(notes):
            top = 140 + row * 150
            colour = NOTE_COLOURS[(index + row) % len(NOTE_COLOURS)]
            tilt = (-4, 3, -2, 5)[(index + row) % 4]
            box = [left + 8 + tilt, top, left + column_width - 16 + tilt, top + 128]
            draw.rectangle([box[0] + 4, box[1] + 5, box[2] + 4, box[3] + 5], fill=(200, 198, 190))
            draw.rectangle(box, fill=colour)
            _wrapped(draw, note, (box[0] + 12, box[1] + 12), box[2] - box[0] - 24, note_font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _wrapped(draw, text, origin, width, font):
    x, y = origin
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if font.getlength(candidate) > width and line:
            draw.text((x, y), line, fill=(20, 20, 20), font=font)
            y += 26
            line = word
        else:
            line = candidate
    if line:
        draw.text((x, y), line, fill=(20, 20, 20), font=font)
