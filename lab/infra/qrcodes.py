"""QR codes: certificates' verification links and two-factor enrolment, encoded by zxing-cpp.

zxing-cpp encodes in C++: about 0.15 ms a code, against 1 ms for a pure-Python encoder, which
mattered for a batch of 500 certificates (each carries its own code).
"""

import base64
import io

import zxingcpp
from PIL import Image

#: Error correction « M » (15 % of the code may be damaged): what a printed page needs.
EC_LEVEL = "M"
#: White modules around the code; the standard asks for four, two read well on a white page.
QUIET_ZONE = 2


def _encode(text):
    return zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level=EC_LEVEL)


def png_data_uri(text):
    """A QR code of ``text`` as a PNG ``data:`` URI, one pixel per module, black on white.

    To be scaled up without smoothing (``image-rendering: pixelated``), so that it prints sharp.
    """
    matrix = _encode(text).to_image(scale=1, add_quiet_zones=False)
    height, width = memoryview(matrix).shape
    modules = Image.frombytes("L", (width, height), bytes(memoryview(matrix)))
    framed = Image.new("L", (width + 2 * QUIET_ZONE, height + 2 * QUIET_ZONE), 255)
    framed.paste(modules, (QUIET_ZONE, QUIET_ZONE))
    buffer = io.BytesIO()
    framed.save(buffer, "PNG")  # grey levels, not 1-bit: WeasyPrint embeds "L" as it is, converts "1" to RGB
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def svg(text, *, scale=5):
    """A QR code of ``text`` as an SVG document (a static image: no script, no style)."""
    return _encode(text).to_svg(scale=scale, add_quiet_zones=True)
