"""Uploaded files made safe before they are stored (docs/DEVELOPING.md, « Sécurité »).

Images: Wagtail has already checked the extension (``WAGTAILIMAGES_EXTENSIONS``: no SVG), that the
content is an image of that format, its size and its pixel count; ``ImageForm`` (the base of every
Wagtail image form, ``WAGTAILIMAGES_IMAGE_FORM_BASE``) then saves the pixels again through Pillow,
so the stored original keeps no EXIF (GPS position, camera, date), XMP, comment, nor any bytes
appended after the image. Documents are refused outside ``WAGTAILDOCS_EXTENSIONS`` and served as
downloads (``WAGTAILDOCS_INLINE_CONTENT_TYPES = []``).
"""

import io
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, ImageSequence, JpegImagePlugin
from wagtail.documents.fields import WagtailDocumentField
from wagtail.images.forms import BaseImageForm

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


class ImageForm(BaseImageForm):
    """Wagtail's image form, re-encoding each new upload (single, multiple and chooser uploads)."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):  # editing without a new file: the stored one
            return upload
        try:
            return reencode_image(upload)
        except (OSError, ValueError, SyntaxError) as error:
            raise ValidationError(
                _("Cette image n'a pas pu être relue. Enregistrez-la de nouveau en JPEG ou en PNG, puis réessayez."),
                code="unreadable_image",
            ) from error


def document_field(**kwargs):
    """A file field for a Wagtail document uploaded outside Wagtail's own forms: same size limit
    (``WAGTAILDOCS_MAX_UPLOAD_SIZE``) and same extensions (``WAGTAILDOCS_EXTENSIONS``)."""
    return WagtailDocumentField(validators=[FileExtensionValidator(settings.WAGTAILDOCS_EXTENSIONS)], **kwargs)
