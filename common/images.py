"""Uploaded images, checked by their content and stored re-encoded.

An upload is trusted for nothing: not its name, not its declared type, not its size in
pixels. It must decode completely with Pillow, within a pixel limit, as the format its
name says, and carry no markup or archive beside the picture. What is stored is a new
encoding of the decoded pixels, so EXIF (GPS included), comments and any trailing bytes
never reach the media storage.
"""

import io
import re
import warnings
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow format: the file name suffixes it may carry.
FORMATS = {"JPEG": {".jpg", ".jpeg"}, "PNG": {".png"}, "WEBP": {".webp"}}
DEFAULT_MAX_PIXELS = 40_000_000  # a 7,000 × 5,700 photo; a decompression bomb is far more
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

# What a browser could run if the file were ever served as something else (a polyglot).
# A tag name and the character after it: compressed pixels match it by chance about
# once in 10^11 bytes, where a bare "<svg" would refuse one honest photo in a thousand.
_MARKUP = re.compile(
    rb"<(script|html|svg|body|iframe|object|embed|meta|\?xml|!doctype)[\s>/]", re.IGNORECASE
)


def max_pixels():
    return getattr(settings, "IMAGE_MAX_PIXELS", DEFAULT_MAX_PIXELS)


def max_bytes():
    return getattr(settings, "IMAGE_MAX_BYTES", DEFAULT_MAX_BYTES)


def checked_image(upload):
    """A ContentFile of `upload` re-encoded without metadata, or a ValidationError saying
    why it was refused. `upload` is a file object with a name (an UploadedFile)."""
    image = _inspected(upload)
    return ContentFile(_reencode(image), name=PurePath(upload.name).name)


def _inspected(upload):
    """The decoded image of `upload`, after every check; a ValidationError otherwise."""
    data = _read(upload)
    _refuse_hidden_content(data)
    image = _decode(data)
    _refuse_misnamed(image.format, PurePath(upload.name or "").suffix.lower())
    return image


def _read(upload):
    limit = max_bytes()
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            _("The image is larger than %(size)d MB.") % {"size": limit // (1024 * 1024)},
            code="image_too_large",
        )
    if not data:
        raise ValidationError(_("The file is empty."), code="image_empty")
    return data


def _refuse_hidden_content(data):
    if data.lstrip(b" \t\r\n\xef\xbb\xbf")[:1] == b"<":  # no image format starts so
        raise ValidationError(
            _("SVG and other markup files are not accepted: they can carry scripts."),
            code="image_markup",
        )
    if _MARKUP.search(data):
        raise ValidationError(
            _("The file holds HTML or script besides the image, and is refused."),
            code="image_polyglot",
        )
    if zipfile.is_zipfile(io.BytesIO(data)):  # an archive's directory at the end
        raise ValidationError(
            _("The file holds a ZIP archive besides the image, and is refused."),
            code="image_polyglot",
        )


def _decode(data):
    """The fully decoded image, refusing bombs, truncated files and unknown formats."""
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice it; both are refused here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in FORMATS:
                raise _unsupported()
            if image.width * image.height > max_pixels():
                raise _too_many_pixels(image.width, image.height)
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels(None, None) from error
    except UnidentifiedImageError as error:
        raise _unsupported() from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("The image is damaged or incomplete and cannot be read."), code="image_damaged"
        ) from error
    return image


def _unsupported():
    return ValidationError(
        _("This is not a JPEG, PNG or WebP image."), code="image_unsupported_format"
    )


def _too_many_pixels(width, height):
    message = _("The image has too many pixels (at most %(limit)s million).") % {
        "limit": max_pixels() // 1_000_000
    }
    if width:
        message = f"{message} ({width} × {height})"
    return ValidationError(message, code="image_too_many_pixels")


def _refuse_misnamed(image_format, suffix):
    if suffix not in FORMATS[image_format]:
        raise ValidationError(
            _("The file is named “%(suffix)s” but its content is a %(format)s image.")
            % {"suffix": suffix or _("(no extension)"), "format": image_format},
            code="image_misnamed",
        )


def _reencode(image):
    """The pixels in the image's own format, upright, with no EXIF, XMP or comments.

    The ICC colour profile is kept: it holds no personal data and keeps colours right.
    """
    image_format = image.format
    icc_profile = image.info.get("icc_profile")
    upright = ImageOps.exif_transpose(image)
    if image_format == "JPEG" and upright.mode not in ("RGB", "L", "CMYK"):
        upright = upright.convert("RGB")
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if image_format == "JPEG":
        options.update(quality=90, optimize=True)
    out = io.BytesIO()
    upright.save(out, format=image_format, **options)
    return out.getvalue()


def filer_validator(file_name, file, owner, mime_type):
    """django-filer's upload hook (FILER_ADD_FILE_VALIDATORS): the same checks.

    filer keeps the original bytes, so the checks refuse, but cannot re-encode;
    photos of people are uploaded as speaker photos, which are re-encoded.
    """
    _inspected(ContentFile(file.read(), name=file_name))
    file.seek(0)
