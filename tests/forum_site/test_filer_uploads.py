"""CMS images (django-filer) get the same upload checks as speaker photos (settings)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from filer.models import File
from PIL import Image

pytestmark = pytest.mark.django_db


def _upload(client, name, data):
    url = reverse("admin:filer-ajax_upload")
    return client.post(url, {"file": SimpleUploadedFile(name, data)})


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "green").save(buffer, "PNG")
    return buffer.getvalue()


def test_clean_png_is_accepted(admin_client):
    response = _upload(admin_client, "banner.png", _png())
    assert response.status_code == 200, response.content
    assert File.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>', "SVG"),
        ("banner.png", _png() + b"<script>alert(1)</script>", "HTML or script"),
        ("banner.jpg", _png(), "its content is a PNG image"),
    ],
)
def test_hostile_image_is_refused_with_its_reason(admin_client, name, data, reason):
    response = _upload(admin_client, name, data)
    assert response.status_code == 400
    assert reason in response.content.decode()
    assert File.objects.count() == 0
