import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from speakers.models import Organization, Speaker
from tests.admin_form import submit
from tests.factories import AffiliationFactory, OrganizationFactory, QuoteFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

# CMS URL revision, session, user, 2x permissions, 2x count, the rows, their
# translations, CMS user settings: 10, whatever the number of rows.
SPEAKER_CHANGELIST_BUDGET = 10
ORGANIZATION_CHANGELIST_BUDGET = 10


def _png(name="photo.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _speaker_with_photo(**fields):
    speaker = SpeakerFactory(bio="Engineer.", **fields)
    speaker.photo.save("photo.png", _png())
    AffiliationFactory(speaker=speaker)
    return speaker


def test_speaker_changelist_queries_do_not_grow_with_rows(page_queries):
    url = reverse("admin:speakers_speaker_changelist")
    _speaker_with_photo()
    one = page_queries(url)
    for _ in range(49):
        _speaker_with_photo()
    fifty = page_queries(url)
    assert one == fifty <= SPEAKER_CHANGELIST_BUDGET


def test_organization_changelist_queries_do_not_grow_with_rows(page_queries):
    url = reverse("admin:speakers_organization_changelist")
    OrganizationFactory(description="A body.")
    one = page_queries(url)
    OrganizationFactory.create_batch(49, description="A body.")
    fifty = page_queries(url)
    assert one == fifty <= ORGANIZATION_CHANGELIST_BUDGET


def test_speaker_changelist_shows_escaped_photo_preview(organizer_client):
    speaker = _speaker_with_photo(name='Xu "<b>" Haidong')
    response = organizer_client.get(reverse("admin:speakers_speaker_changelist"))
    content = response.content.decode()
    assert f'<img src="{speaker.photo.url}" alt="Xu &quot;&lt;b&gt;&quot; Haidong"' in content


def test_speaker_changelist_filters_by_published(organizer_client):
    SpeakerFactory(name="Luo Junjie", is_published=True)
    SpeakerFactory(name="Hidden Person", is_published=False)
    url = reverse("admin:speakers_speaker_changelist")
    response = organizer_client.get(url, {"is_published__exact": "0"})
    assert [s.name for s in response.context["cl"].result_list] == ["Hidden Person"]


def test_speaker_changelist_search_finds_by_name(organizer_client):
    SpeakerFactory(name="Luo Junjie")
    SpeakerFactory(name="Xu Haidong")
    response = organizer_client.get(reverse("admin:speakers_speaker_changelist"), {"q": "xu"})
    assert [s.name for s in response.context["cl"].result_list] == ["Xu Haidong"]


@pytest.mark.parametrize("model", ["speaker", "organization"])
def test_add_page_renders_for_organizer(organizer_client, model):
    response = organizer_client.get(reverse(f"admin:speakers_{model}_add"))
    assert response.status_code == 200


def test_speaker_change_page_shows_affiliations_inline_and_photo(organizer_client):
    speaker = _speaker_with_photo()
    affiliation = speaker.affiliations.get()
    response = organizer_client.get(reverse("admin:speakers_speaker_change", args=[speaker.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="affiliations-0-title"' in content
    assert f'value="{affiliation.title}"' in content
    assert speaker.photo.url in content


def test_speaker_added_with_affiliation_in_chinese_tab(organizer_client):
    organization = OrganizationFactory()
    data = {
        "name": "Xu Haidong",
        "name_native": "",
        "slug": "xu-haidong",
        "photo_credit": "",
        "bio": "",
        "is_published": "on",
        "affiliations-TOTAL_FORMS": "1",
        "affiliations-INITIAL_FORMS": "0",
        "affiliations-0-organization": organization.pk,
        "affiliations-0-title": "副总工程师",
        "affiliations-0-start_date": "2020-01-01",
        "affiliations-0-end_date": "",
    }
    url = reverse("admin:speakers_speaker_add") + "?language=zh-hans"
    response = organizer_client.post(url, data)
    assert response.status_code == 302
    affiliation = Speaker.objects.get(slug="xu-haidong").affiliations.get()
    assert list(affiliation.get_available_languages()) == ["zh-hans"]
    assert affiliation.safe_translation_getter("title", language_code="zh-hans") == "副总工程师"


def test_organization_change_page_renders(organizer_client):
    organization = OrganizationFactory()
    url = reverse("admin:speakers_organization_change", args=[organization.pk])
    assert organizer_client.get(url).status_code == 200


def test_deleting_speaker_with_quotes_is_refused(organizer_client):
    quote = QuoteFactory(speaker__name="Xu Haidong")
    url = reverse("admin:speakers_speaker_delete", args=[quote.speaker.pk])
    response = organizer_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert "would require deleting the following protected related objects" in (
        response.content.decode()
    )
    assert Speaker.objects.filter(pk=quote.speaker.pk).exists()


def test_deleting_organization_with_affiliations_is_refused(organizer_client):
    affiliation = AffiliationFactory(organization__name="CAAM")
    url = reverse("admin:speakers_organization_delete", args=[affiliation.organization.pk])
    response = organizer_client.post(url, {"post": "yes"})
    assert "would require deleting the following protected related objects" in (
        response.content.decode()
    )
    assert Organization.objects.filter(pk=affiliation.organization.pk).exists()


def test_deleting_unreferenced_speaker_works(organizer_client):
    speaker = SpeakerFactory()
    url = reverse("admin:speakers_speaker_delete", args=[speaker.pk])
    response = organizer_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Speaker.objects.filter(pk=speaker.pk).exists()


def _speaker_form(photo):
    return {
        "name": "Luo Junjie",
        "name_native": "",
        "slug": "luo-junjie",
        "photo": photo,
        "photo_credit": "",
        "bio": "",
        "is_published": "on",
        "affiliations-TOTAL_FORMS": "0",
        "affiliations-INITIAL_FORMS": "0",
    }


def _stored_files(settings):
    from pathlib import Path

    return sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


def test_hostile_photo_is_refused_with_its_reason_and_nothing_written(organizer_client, settings):
    before = _stored_files(settings)
    markup = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
    svg = SimpleUploadedFile("photo.png", markup)
    response = organizer_client.post(reverse("admin:speakers_speaker_add"), _speaker_form(svg))
    assert response.status_code == 200
    assert "SVG and other markup files are not accepted" in response.content.decode()
    assert not Speaker.objects.filter(slug="luo-junjie").exists()
    assert _stored_files(settings) == before


def test_uploaded_photo_is_stored_without_its_gps_data(organizer_client):
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (31.0, 14.0, 24.0)})
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), "blue").save(buffer, "JPEG", exif=exif)
    upload = SimpleUploadedFile("luo.jpg", buffer.getvalue(), content_type="image/jpeg")
    response = organizer_client.post(reverse("admin:speakers_speaker_add"), _speaker_form(upload))
    assert response.status_code == 302
    photo = Speaker.objects.get(slug="luo-junjie").photo
    with photo.open("rb") as stored:
        image = Image.open(stored)
        assert (image.format, image.size, dict(image.getexif())) == ("JPEG", (30, 20), {})
    assert photo.name.startswith("speakers/") and photo.name.endswith(".jpg")


def _quoted_speaker_with_affiliation():
    speaker = SpeakerFactory(name="Xu Haidong")
    AffiliationFactory(speaker=speaker, title="deputy chief engineer")
    QuoteFactory(speaker=speaker, said_on=dt.date(2023, 7, 6))
    return speaker, f"{reverse('admin:speakers_speaker_change', args=[speaker.pk])}?language=en"


def test_affiliation_end_that_takes_a_quotes_title_away_is_refused(organizer_client):
    speaker, url = _quoted_speaker_with_affiliation()
    response = submit(organizer_client, url, **{"affiliations-0-end_date": "2022-12-31"})
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.non_form_errors() == [
        "Xu Haidong is quoted on 2023-07-06; with these dates no title covers that day, "
        "and the quote would be attributed by name alone."
    ]
    assert speaker.affiliations.get().end_date is None


def test_deleting_the_affiliation_of_a_quoted_speaker_is_refused(organizer_client):
    speaker, url = _quoted_speaker_with_affiliation()
    response = submit(organizer_client, url, **{"affiliations-0-DELETE": "on"})
    assert response.status_code == 200
    assert speaker.affiliations.exists()


def test_affiliation_end_after_the_quotes_is_saved(organizer_client):
    speaker, url = _quoted_speaker_with_affiliation()
    response = submit(organizer_client, url, **{"affiliations-0-end_date": "2023-12-31"})
    assert response.status_code == 302
    assert speaker.affiliations.get().end_date == dt.date(2023, 12, 31)
