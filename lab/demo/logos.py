"""Demo logos drawn locally (nothing is fetched from the internet).

The EU emblem is drawn to the official construction (twelve five-pointed gold stars on a circle,
on a blue field of ratio 3:2), followed by the fund's name; funders' logos are lettered badges.
Real deployments upload the official files in the admin.
"""

import io
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_DIR = Path(__file__).resolve().parent / "static" / "lab" / "fonts"
EU_BLUE = (0, 51, 153)
EU_GOLD = (255, 204, 0)


def _font(size, bold=False):
    return ImageFont.truetype(str(FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


def _star(draw, cx, cy, radius, fill):
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.382
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    draw.polygon(points, fill=fill)


def eu_emblem_png(caption_lines):
    """The EU flag with ``caption_lines`` beside it (e.g. « UNION EUROPÉENNE », « Fonds européen… »)."""
    height = 120
    flag_w = 180
    font_big, font_small = _font(26, bold=True), _font(17)
    text_w = max([font_big.getlength(caption_lines[0])] + [font_small.getlength(line) for line in caption_lines[1:]])
    image = Image.new("RGB", (int(flag_w + 24 + text_w + 12), height), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, flag_w, height], fill=EU_BLUE)
    cx, cy, ring = flag_w / 2, height / 2, height / 3
    for k in range(12):
        angle = k * math.pi / 6
        _star(draw, cx + ring * math.cos(angle), cy + ring * math.sin(angle), height / 18, EU_GOLD)
    y = 22
    draw.text((flag_w + 20, y), caption_lines[0], font=font_big, fill=EU_BLUE)
    for line in caption_lines[1:]:
        y += 36
        draw.text((flag_w + 20, y), line, font=font_small, fill=(20, 20, 40))
    return _png(image)


def badge_png(label, colour=(29, 78, 137)):
    """A lettered badge for a funder with no uploaded logo."""
    font = _font(34, bold=True)
    width = int(font.getlength(label)) + 48
    image = Image.new("RGB", (max(width, 120), 120), "white")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([2, 2, image.width - 3, 117], radius=18, outline=colour, width=5)
    draw.text((image.width / 2, 60), label, font=font, fill=colour, anchor="mm")
    return _png(image)


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
