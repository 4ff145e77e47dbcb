"""The Wagtail forms of uploads: every image and document checked by its content
(``lab.infra.uploads.validate_content``), images saved again by Pillow (docs/DEVELOPING.md, « Uploads »).

Apart from ``lab.infra.uploads`` because Wagtail's admin forms cannot be imported while models load.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _
from wagtail.documents.fields import WagtailDocumentField
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from lab.infra.uploads import reencode_image, validate_content


class ImageForm(BaseImageForm):
    """Wagtail's image form (``WAGTAILIMAGES_IMAGE_FORM_BASE``): each new upload (single, multiple and
    chooser uploads) is checked by its content, then re-encoded."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):  # editing without a new file: the stored one
            return upload
        validate_content(upload)
        try:
            return reencode_image(upload)
        except (OSError, ValueError, SyntaxError) as error:
            raise ValidationError(
                _("Cette image n'a pas pu être relue. Enregistrez-la de nouveau en JPEG ou en PNG, puis réessayez."),
                code="unreadable_image",
            ) from error


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (``WAGTAILDOCS_DOCUMENT_FORM_BASE``): each new upload (single, multiple
    and chooser uploads, replacing a file) is checked by its content."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            validate_content(upload)
        return upload


def document_field(**kwargs):
    """A file field for a Wagtail document uploaded outside Wagtail's own forms: same size limit
    (``WAGTAILDOCS_MAX_UPLOAD_SIZE``), extensions (``WAGTAILDOCS_EXTENSIONS``) and content check."""
    return WagtailDocumentField(
        validators=[FileExtensionValidator(settings.WAGTAILDOCS_EXTENSIONS), validate_content], **kwargs
    )
