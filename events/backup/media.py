"""The media half of an archive: every file of the default storage, by its storage name.

Only the storage API is used (listdir, size, open, exists, save), so the same code reads
and writes a local MEDIA_ROOT and an S3 bucket.
"""

import hashlib
import posixpath
import tarfile
import tempfile
import time

from django.core.files import File
from django.core.files.storage import default_storage

PREFIX = "media/"
CHUNK = 1024 * 1024


def names(storage=default_storage, top=""):
    """Every file name in `storage`, sorted, folders walked."""
    try:
        folders, files = storage.listdir(top)
    except FileNotFoundError:
        if top:
            raise
        return  # a site nothing was uploaded to yet may have no MEDIA_ROOT folder at all
    for name in sorted(files):
        yield posixpath.join(top, name) if top else name
    for folder in sorted(folders):
        yield from names(storage, posixpath.join(top, folder) if top else folder)


class _Hashing:
    """A file read through, hashing what passes (tarfile reads exactly `size` bytes)."""

    def __init__(self, file):
        self.file = file
        self.sha256 = hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.sha256.update(data)
        return data


def add(archive, name, storage=default_storage):
    """Add storage file `name` to the tar `archive`; returns its manifest entry."""
    info = tarfile.TarInfo(PREFIX + name)
    info.size, info.mtime = storage.size(name), time.time()
    with storage.open(name, "rb") as file:
        reader = _Hashing(file)
        archive.addfile(info, reader)
    return {"name": name, "size": info.size, "sha256": reader.sha256.hexdigest()}


def sha256_of(name, storage=default_storage):
    digest = hashlib.sha256()
    with storage.open(name, "rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def spooled_copy(member_file):
    """(a seekable copy of an archive member, its SHA-256): memory up to 8 MB, then disk."""
    copy = tempfile.SpooledTemporaryFile(max_size=8 * CHUNK)  # noqa: SIM115 (the caller closes it)
    digest = hashlib.sha256()
    while chunk := member_file.read(CHUNK):
        digest.update(chunk)
        copy.write(chunk)
    copy.seek(0)
    return copy, digest.hexdigest()


def save(name, content, storage=default_storage):
    """Save `content` under exactly `name`; returns the name the storage chose."""
    return storage.save(name, File(content, name=posixpath.basename(name)))
