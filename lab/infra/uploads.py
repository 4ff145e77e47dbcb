"""Uploaded files checked by their content and made safe before they are stored (docs/DEVELOPING.md,
« Uploads »).

``validate_content`` is the one validator of every upload of the site: expense receipts, follow-up
attachments, member imports, Wagtail images and documents, deliverable files. It reads what the
file is (not what its name says) and refuses it, with a French message, when that content does not
match the extension or cannot be read whole:

- images (JPEG, PNG, GIF, WebP): opened by Pillow, at most ``Image.MAX_IMAGE_PIXELS`` pixels (a
  decompression bomb is refused before it is decoded), ``verify()`` then a full decoding;
- PDF: the ``%PDF-`` header, then parsed by pypdf (end marker, cross-references, at least one page);
- office files and archives: a ZIP whose members say what it is (``[Content_Types].xml`` and the
  main part's type for OOXML, ``mimetype`` for OpenDocument), at most ``ARCHIVE_MAX_UNCOMPRESSED``
  once decompressed;
- CSV and text: decodes as UTF-8 or cp1252, with no NUL byte; RTF: its ``{\\rtf`` header.

The Wagtail forms using it live in ``lab.infra.upload_forms`` (they import Wagtail's admin forms,
which models must not load). Images: Wagtail has also checked the extension
(``WAGTAILIMAGES_EXTENSIONS``: no SVG) and ``ImageForm`` saves the pixels again through Pillow
(``reencode_image``), so the stored original keeps no EXIF (GPS position, camera, date), XMP,
comment, nor any bytes appended after the image.
"""

import io
import zipfile
import zlib
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, ImageSequence, JpegImagePlugin
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

#: The content each extension must have.
EXTENSION_CONTENT = {
    "jpg": "jpeg",
    "jpeg": "jpeg",
    "png": "png",
    "gif": "gif",
    "webp": "webp",
    "pdf": "pdf",
    "xlsx": "xlsx",
    "docx": "docx",
    "pptx": "pptx",
    "odt": "odt",
    "ods": "ods",
    "odp": "odp",
    "zip": "zip",
    "csv": "text",
    "txt": "text",
    "rtf": "rtf",
}
IMAGES = {"jpeg", "png", "gif", "webp"}
#: Pillow's name of a format that is another's: a camera's multi-picture JPEG is still a JPEG.
PILLOW_FORMATS = {"MPO": "jpeg"}
#: Contents that are ZIP archives: a file named .zip may be any of them.
ARCHIVES = {"zip", "xlsx", "docx", "pptx", "ooxml", "odt", "ods", "odp", "odf"}
#: What the user reads after « c'est … » when a file is not what its extension says.
CONTENT_NAMES = {
    "jpeg": _("une image JPEG"),
    "png": _("une image PNG"),
    "gif": _("une image GIF"),
    "webp": _("une image WebP"),
    "image": _("une image"),
    "pdf": _("un PDF"),
    "xlsx": _("un classeur Excel (.xlsx)"),
    "docx": _("un document Word (.docx)"),
    "pptx": _("une présentation PowerPoint (.pptx)"),
    "ooxml": _("un document Microsoft Office d'un autre type"),
    "odt": _("un texte OpenDocument (.odt)"),
    "ods": _("un classeur OpenDocument (.ods)"),
    "odp": _("une présentation OpenDocument (.odp)"),
    "odf": _("un document OpenDocument d'un autre type"),
    "zip": _("une archive ZIP"),
    "rtf": _("un document RTF"),
    "html": _("une page web (HTML)"),
    "svg": _("une image SVG"),
    "program": _("un programme"),
    "text": _("du texte"),
}
#: The main part's content type in ``[Content_Types].xml`` of each OOXML file.
OOXML_MAIN_PARTS = {
    b"spreadsheetml.sheet.main+xml": "xlsx",
    b"wordprocessingml.document.main+xml": "docx",
    b"presentationml.presentation.main+xml": "pptx",
}
ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
#: An archive (office files included) may not decompress to more: a ZIP bomb is refused unopened.
ARCHIVE_MAX_UNCOMPRESSED = 512 * 1024 * 1024
#: Above this size the content is not read: every field's own size limit (10 or 20 Mo) refuses it.
CONTENT_CHECK_MAX_BYTES = 32 * 1024 * 1024

MESSAGES = {
    "mismatch": _("Le contenu de ce fichier ne correspond pas à son extension (.%(extension)s) : c'est %(content)s."),
    "image": _(
        "Cette image est endommagée ou incomplète : enregistrez-la de nouveau en JPEG ou en PNG, puis réessayez."
    ),
    "pixels": _("Cette image dépasse %(limit)s millions de pixels : réduisez-la, puis réessayez."),
    "pdf": _("Ce PDF est endommagé ou incomplet : enregistrez-le ou scannez-le de nouveau, puis réessayez."),
    "encrypted": _("Ce PDF est protégé par un mot de passe : enregistrez-le sans protection, puis réessayez."),
    "text": _(
        "Ce fichier .%(extension)s n'est pas du texte lisible : enregistrez-le de nouveau en texte UTF-8, "
        "puis réessayez."
    ),
    "damaged": _(
        "Ce fichier .%(extension)s est endommagé : enregistrez-le de nouveau depuis votre logiciel, puis réessayez."
    ),
    "archive": _("Ce fichier se décompresse en plus de %(limit)s : découpez-le ou allégez-le, puis réessayez."),
}


def _refuse(code, **params):
    return ValidationError(MESSAGES[code], code=code if code != "mismatch" else "content_mismatch", params=params)


def _rewind(file):
    file.seek(0)
    return file


def validate_content(file):
    """Refuse ``file`` unless its content is what its extension says, whole and readable.

    Checks a new upload only: a file already stored (a model's ``FieldFile`` edited without a new
    upload) was checked when it came in. Extensions without a rule (``EXTENSION_CONTENT``) are left
    to each field's extension validator.
    """
    if not file or getattr(file, "_committed", False) or (file.size or 0) > CONTENT_CHECK_MAX_BYTES:
        return
    extension = PurePath(file.name or "").suffix.lower().lstrip(".")
    expected = EXTENSION_CONTENT.get(extension)
    if expected is None:
        return
    try:
        content = identify(file)
        if content is None:
            family = "image" if expected in IMAGES else expected if expected in ("pdf", "text") else "damaged"
            raise _refuse(family, extension=extension)
        if content != expected and not (expected == "zip" and content in ARCHIVES):
            raise _refuse("mismatch", extension=extension, content=CONTENT_NAMES[content])
        if content in IMAGES:
            _check_image(file, content)
        elif content == "pdf":
            _check_pdf(file)
        elif content in ARCHIVES:
            _check_archive(file, extension)
    finally:
        _rewind(file)


def identify(file):
    """What ``file`` holds, as a key of ``CONTENT_NAMES``, or None when nothing readable is recognised."""
    head = _rewind(file).read(2048)
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _archive_kind(file)
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if lowered.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<iframe")):
        return "html"
    if lowered.startswith((b"<svg", b"<?xml")) and b"<svg" in lowered:
        return "svg"
    if _is_text(_rewind(file).read()):
        return "text"
    if head.startswith((b"MZ", b"\x7fELF")):  # after the text test: « MZE;Ali » is a CSV from Mayotte
        return "program"
    return _other_image(file)


def _archive_kind(file):
    try:
        with zipfile.ZipFile(_rewind(file)) as archive:
            members = {info.filename: info for info in archive.infolist()}
            types = members.get("[Content_Types].xml")
            if types is not None:
                data = archive.read(types) if types.file_size < 1024 * 1024 else b""
                return next((kind for part, kind in OOXML_MAIN_PARTS.items() if part in data), "ooxml")
            mimetype = members.get("mimetype")
            if mimetype is not None:
                data = archive.read(mimetype).strip() if mimetype.file_size < 256 else b""
                return ODF_MIMETYPES.get(data, "odf")
            return "zip"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError):
        return None


def _is_text(data):
    if b"\x00" in data:
        return False
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def _other_image(file):
    """An image in a format we do not take (BMP, TIFF…): named only to tell the user what it is."""
    try:
        with Image.open(_rewind(file)):
            return "image"
    except Image.DecompressionBombError:
        return "image"
    except (OSError, ValueError, SyntaxError):
        return None


def _check_image(file, content):
    """Opened by Pillow: no more than ``Image.MAX_IMAGE_PIXELS`` pixels, intact, decoded whole."""
    too_many = _refuse("pixels", limit=Image.MAX_IMAGE_PIXELS // 1_000_000)
    try:
        with Image.open(_rewind(file)) as image:
            if PILLOW_FORMATS.get(image.format, image.format.lower()) != content:
                raise _refuse("image")
            if image.width * image.height > Image.MAX_IMAGE_PIXELS:  # Pillow only warns up to twice that
                raise too_many
            image.verify()
        with Image.open(_rewind(file)) as image:
            image.load()
    except Image.DecompressionBombError as error:
        raise too_many from error
    except (OSError, ValueError, SyntaxError, IndexError, TypeError, EOFError) as error:
        raise _refuse("image") from error


def _check_pdf(file):
    """Parsed by pypdf: its end marker, cross-reference table and page tree, with one page at least."""
    try:
        reader = PdfReader(_rewind(file))
        if reader.is_encrypted and not reader.decrypt(""):
            raise _refuse("encrypted")
        if len(reader.pages) < 1:
            raise _refuse("pdf")
    except FileNotDecryptedError as error:
        raise _refuse("encrypted") from error
    except ValidationError:
        raise
    except Exception as error:  # noqa: BLE001 — pypdf raises many kinds for a damaged file
        raise _refuse("pdf") from error


def _check_archive(file, extension):
    try:
        with zipfile.ZipFile(_rewind(file)) as archive:
            uncompressed = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
        raise _refuse("damaged", extension=extension) from error
    if uncompressed > ARCHIVE_MAX_UNCOMPRESSED:
        raise _refuse("archive", limit=filesizeformat(ARCHIVE_MAX_UNCOMPRESSED))


#: What survives the re-encoding of each format, besides the pixels.
KEPT_INFO = {"icc_profile", "transparency", "duration", "loop", "background", "dpi"}


def _clean_frame(frame):
    """A copy of ``frame`` with only its pixels, palette and the harmless ``KEPT_INFO``."""
    clean = frame.copy()
    clean.info = {key: value for key, value in frame.info.items() if key in KEPT_INFO}
    return clean


def reencode_image(upload):
    """The image of ``upload`` saved again by Pillow, in the same format and under the same name.

    A photo's EXIF orientation is applied to the pixels (the tag itself goes with the rest of the
    metadata). A JPEG keeps its quantization tables and chroma subsampling, so its quality does not
    change; an animated GIF or WebP keeps its frames and timing.
    """
    upload.seek(0)
    with Image.open(upload) as source:
        image_format = source.format
        options = {}
        if image_format == "JPEG":
            options = {"qtables": source.quantization, "subsampling": JpegImagePlugin.get_sampling(source)}
            if options["subsampling"] == -1:
                del options["subsampling"]
        elif image_format == "WEBP":
            options = {"quality": 90}
        if getattr(source, "is_animated", False):
            frames = [_clean_frame(frame) for frame in ImageSequence.Iterator(source)]
            first = frames[0]
            options.update(save_all=True, append_images=frames[1:])
        else:
            first = _clean_frame(ImageOps.exif_transpose(source))
        if "icc_profile" in first.info:
            options["icc_profile"] = first.info["icc_profile"]
        buffer = io.BytesIO()
        first.save(buffer, format=image_format, **options)
    return SimpleUploadedFile(
        PurePath(upload.name).name, buffer.getvalue(), content_type=getattr(upload, "content_type", None)
    )
