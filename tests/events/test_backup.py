"""manage.py backup / restore (events/backup/): the demo forum and its photos, round trip."""

import datetime as dt
import hashlib
import io
import json
import tarfile

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from PIL import Image

from events import searchindex
from events.backup import database, media
from events.models import EmbargoView, Quote
from events.press.search import search_quotes
from speakers.models import Organization, Speaker
from tests.factories import QuoteFactory


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # only this test's files in the storage
    yield
    ContentType.objects.clear_cache()  # the flush below gives content types new ids
    Site.objects.clear_cache()


def _image(name, color, image_format="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(buffer, image_format)
    return SimpleUploadedFile(name, buffer.getvalue())


def _demo_with_photos():
    call_command("setup_roles")
    call_command("setup_pages")
    call_command("load_demo")
    for speaker, color in zip(Speaker.objects.order_by("pk"), ["red", "blue"], strict=False):
        speaker.photo.save("photo.png", _image("photo.png", color))
    organization = Organization.objects.first()
    organization.logo.save("logo.jpg", _image("logo.jpg", "green", "JPEG"))


def _media_checksums():
    checksums = {}
    for name in media.names():
        with default_storage.open(name, "rb") as file:
            checksums[name] = hashlib.sha256(file.read()).hexdigest()
    return checksums


def _empty_everything():
    call_command("flush", interactive=False, verbosity=0)  # as after `migrate`
    searchindex.refresh_index()  # flush leaves SQLite's FTS5 table (no model) as it was
    for name in list(media.names()):
        default_storage.delete(name)


def _backup(path):
    out = io.StringIO()
    call_command("backup", str(path), stdout=out)
    return out.getvalue()


def _restore(path):
    out = io.StringIO()
    call_command("restore", str(path), stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_the_demo_forum_and_its_photos_come_back_as_they_were(tmp_path):
    _demo_with_photos()
    counts, checksums = database.counts(), _media_checksums()
    assert counts["events.session"] == 9 and counts["cms.page"] > 0
    assert counts["auditlog.logentry"] > 0  # the history travels too
    assert len([name for name in checksums if name.startswith("speakers/")]) == 2
    archive = tmp_path / "site.tar.gz"
    assert "3 media files" in _backup(archive)

    _empty_everything()
    assert database.occupied() == {} and _media_checksums() == {}
    assert "3 media files" in _restore(archive)

    assert database.counts() == counts
    assert _media_checksums() == checksums
    photo = Speaker.objects.exclude(photo="").first().photo
    assert photo.name in checksums and photo.size > 0
    # The search index is derived, not archived: rebuilt for this database.
    quote = Quote.objects.get(text__contains="competitiveness")
    found = search_quotes(user=None, q="competitiveness", filters={}, page=1, per_page=50)
    assert found.items == [quote]


UNTIL = dt.datetime(2023, 7, 7, 10, 0, tzinfo=dt.UTC)
SEEN = UNTIL - dt.timedelta(hours=8)  # whole seconds: dumpdata keeps milliseconds only


def _embargo_log():
    fields = ("pk", "quote", "quote_text", "speaker_name", "user", "username", "viewed_at")
    return list(EmbargoView.objects.order_by("pk").values_list(*fields))


@pytest.mark.django_db(transaction=True)
def test_the_embargo_log_comes_back_with_the_rows_of_deleted_quotes(tmp_path, django_user_model):
    press = django_user_model.objects.create_user("press")
    gone, kept = QuoteFactory(text="Deleted words."), QuoteFactory(text="Kept words.")
    for quote in (gone, kept):
        EmbargoView.objects.create(
            quote=quote,
            quote_text=quote.text,
            speaker_name="Xu Haidong",
            user=press,
            username="press",
            viewed_at=SEEN,
            embargo_until=UNTIL,
            surface=EmbargoView.Surface.SEARCH,
        )
    gone.delete()
    before = _embargo_log()
    assert [row[1] for row in before] == [None, kept.pk]
    archive = tmp_path / "site.tar.gz"
    _backup(archive)

    _empty_everything()
    _restore(archive)

    assert _embargo_log() == before


@pytest.mark.django_db(transaction=True)
def test_a_site_without_a_media_folder_backs_up_and_restores(tmp_path):
    assert not (tmp_path / "media").exists()  # nothing was ever uploaded
    QuoteFactory(text="Words without photos.")
    archive = tmp_path / "site.tar.gz"
    _backup(archive)
    _empty_everything()
    _restore(archive)
    assert Quote.objects.get().text == "Words without photos."


@pytest.mark.django_db(transaction=True)
def test_a_database_that_is_not_empty_is_refused_and_left_alone(tmp_path):
    _demo_with_photos()
    archive = tmp_path / "site.tar.gz"
    _backup(archive)
    counts, checksums = database.counts(), _media_checksums()
    with pytest.raises(CommandError, match="The database is not empty") as refused:
        _restore(archive)
    assert "events.forum (1)" in str(refused.value)
    assert database.counts() == counts and _media_checksums() == checksums


@pytest.mark.django_db(transaction=True)
def test_a_media_name_holding_other_content_is_refused_before_any_write(tmp_path):
    _demo_with_photos()
    archive = tmp_path / "site.tar.gz"
    _backup(archive)
    photo = Speaker.objects.exclude(photo="").first().photo.name
    _empty_everything()
    default_storage.save(photo, _image("other.png", "black"))
    with pytest.raises(CommandError, match="holds other files under the archive's names"):
        _restore(archive)
    assert database.occupied() == {}
    assert list(media.names()) == [photo]


def _damaged_copy(archive, target):
    """The archive with one photo's bytes changed (its manifest checksum kept)."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("media/speakers/"):
                data = data[:-1] + bytes([data[-1] ^ 1])
            copy.addfile(member, io.BytesIO(data))


@pytest.mark.django_db(transaction=True)
def test_a_damaged_file_rolls_everything_back(tmp_path):
    _demo_with_photos()
    archive, damaged = tmp_path / "site.tar.gz", tmp_path / "damaged.tar.gz"
    _backup(archive)
    _damaged_copy(archive, damaged)
    _empty_everything()
    with pytest.raises(CommandError, match="is damaged: its checksum differs"):
        _restore(damaged)
    assert database.occupied() == {}  # the rows loaded before it were rolled back
    assert _media_checksums() == {}  # and the files written before it removed


@pytest.mark.django_db
def test_an_existing_file_name_and_a_non_archive_are_refused(tmp_path):
    existing = tmp_path / "there.tar.gz"
    existing.write_bytes(b"x")
    with pytest.raises(CommandError, match="exists already"):
        _backup(existing)
    with pytest.raises(CommandError, match="Nothing was restored: Restoring .* failed"):
        _restore(existing)


@pytest.mark.django_db
def test_the_manifest_lists_migrations_counts_and_checksums(tmp_path, client, admin_user):
    client.force_login(admin_user)  # a session row, which the archive leaves out
    speaker = Speaker.objects.create(name="Xu Haidong", slug="xu")
    speaker.photo.save("photo.png", _image("photo.png", "red"))
    archive = tmp_path / "site.tar.gz"
    _backup(archive)
    with tarfile.open(archive, "r:gz") as opened:
        manifest = json.load(opened.extractfile("manifest.json"))
        data = json.load(opened.extractfile("data.json"))
    assert "events.0004_embargoview" in manifest["migrations"]
    assert manifest["counts"]["speakers.speaker"] == 1
    [entry] = manifest["media"]
    assert entry["name"] == speaker.photo.name
    assert entry["sha256"] == _media_checksums()[speaker.photo.name]
    models = {row["model"] for row in data}
    assert "auth.user" in models
    assert models.isdisjoint({"contenttypes.contenttype", "auth.permission", "sessions.session"})
