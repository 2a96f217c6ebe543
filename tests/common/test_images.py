import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from common.images import checked_image

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def _encoded(image_format="PNG", size=(16, 8), **options):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, image_format, **options)
    return buffer.getvalue()


def _upload(data, name):
    return SimpleUploadedFile(name, data)


def _refusal(data, name):
    with pytest.raises(ValidationError) as raised:
        checked_image(_upload(data, name))
    return raised.value


def _png_claiming(width, height):
    """A tiny PNG whose header claims `width` × `height` pixels (a decompression bomb)."""
    data = bytearray(_encoded("PNG", (1, 1)))
    header = b"IHDR" + struct.pack(">II", width, height) + bytes(data[24:29])
    data[12:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(header))
    return bytes(data)


def _jpeg_with_gps_and_orientation():
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[ORIENTATION] = 6  # rotated 90° clockwise: width and height swap when upright
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (31.0, 14.0, 24.0), 3: "E", 4: (121.0, 15.0, 0.0)})
    return _encoded("JPEG", (40, 20), exif=exif)


def test_clean_png_is_reencoded_as_png():
    cleaned = checked_image(_upload(_encoded("PNG"), "photo.png"))
    image = Image.open(cleaned)
    assert (image.format, image.size, cleaned.name) == ("PNG", (16, 8), "photo.png")


def test_exif_and_gps_are_stripped_and_orientation_applied():
    original = _jpeg_with_gps_and_orientation()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)
    cleaned = checked_image(_upload(original, "portrait.jpg")).read()
    image = Image.open(io.BytesIO(cleaned))
    assert image.size == (20, 40)
    assert dict(image.getexif()) == {}
    assert b"Exif" not in cleaned and b"Camera maker" not in cleaned


def test_decompression_bomb_is_refused_before_decoding():
    error = _refusal(_png_claiming(50_000, 50_000), "bomb.png")
    assert error.code == "image_too_many_pixels"
    assert "at most 40 million" in error.message


def test_image_over_our_limit_but_under_pillows_names_its_size():
    error = _refusal(_png_claiming(8_000, 8_000), "huge.png")
    assert error.code == "image_too_many_pixels"
    assert "(8000 × 8000)" in error.message


def test_pixel_limit_comes_from_settings(settings):
    settings.IMAGE_MAX_PIXELS = 100
    assert _refusal(_encoded("PNG", (20, 20)), "big.png").code == "image_too_many_pixels"


def test_truncated_image_is_refused():
    data = _encoded("JPEG", (200, 200))
    assert _refusal(data[: len(data) // 2], "cut.jpg").code == "image_damaged"


def test_image_with_html_appended_is_refused():
    data = _encoded("PNG") + b"<html><script>alert(document.cookie)</script></html>"
    assert _refusal(data, "polyglot.png").code == "image_polyglot"


def test_image_with_zip_appended_is_refused():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("payload.html", "<b>hi</b>")
    error = _refusal(_encoded("JPEG") + archive.getvalue(), "polyglot.jpg")
    assert error.code == "image_polyglot"
    assert "ZIP" in error.message


@pytest.mark.parametrize("name", ["logo.svg", "logo.png"])
def test_svg_with_script_is_refused_whatever_its_name(name):
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert _refusal(svg, name).code == "image_markup"


def test_jpeg_named_png_is_refused():
    error = _refusal(_encoded("JPEG"), "photo.png")
    assert error.code == "image_misnamed"
    assert "“.png”" in error.message and "JPEG" in error.message


def test_text_named_jpg_is_refused():
    assert _refusal(b"just some text, not a picture", "photo.jpg").code == (
        "image_unsupported_format"
    )


def test_gif_is_not_accepted():
    assert _refusal(_encoded("GIF"), "photo.gif").code == "image_unsupported_format"


def test_empty_and_oversized_files_are_refused(settings):
    assert _refusal(b"", "photo.png").code == "image_empty"
    settings.IMAGE_MAX_BYTES = 100
    assert _refusal(_encoded("PNG", (64, 64)) + b"\0" * 200, "photo.png").code == (
        "image_too_large"
    )
