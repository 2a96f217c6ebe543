"""Bring an archive back into an empty, migrated database and storage, or change nothing.

Every check runs before the first write: the archive's manifest, the migrations, an
empty database, no media name holding other content. Then, in one transaction, the rows
are loaded, the search index rebuilt, the media files written and the counts compared
with the manifest; any failure rolls the database back and removes the files written.
"""

import json
import posixpath
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.files.storage import default_storage
from django.db import transaction

from events import generations, searchindex
from events.backup import database, media
from events.backup.create import DATA, FORMAT, MANIFEST, BackupRefused


@dataclass(frozen=True)
class Restored:
    rows: int
    files: int
    already_there: int


def backup_restore(path):
    """Restore the archive at `path`; raises BackupRefused (nothing changed) when it can't."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            manifest = _manifest(archive)
            _check_database(manifest)
            already = _check_storage(manifest)
            written = []
            try:
                _restore(archive, manifest, already, written)
            except BaseException:
                for name in written:
                    default_storage.delete(name)
                raise
    except (OSError, tarfile.TarError, EOFError) as error:
        message = f"Restoring {path} failed, nothing was changed: {error}"
        raise BackupRefused(message) from error
    return Restored(sum(manifest["counts"].values()), len(written), len(already))


def _manifest(archive):
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, ValueError) as error:
        raise BackupRefused(f"The archive has no readable {MANIFEST}: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupRefused(f"Archive format {manifest.get('format')!r}; this site reads {FORMAT}.")
    return manifest


def _check_database(manifest):
    missing = sorted(set(manifest["migrations"]) - set(database.applied_migrations()))
    if missing:
        raise BackupRefused(
            "The database lacks migrations the archive was made with; run `manage.py "
            f"migrate` (with this version of the site or a newer one) first: {', '.join(missing)}."
        )
    occupied = database.occupied()
    if occupied:
        rows = ", ".join(f"{label} ({count})" for label, count in sorted(occupied.items()))
        raise BackupRefused(
            "The database is not empty; restore only into a new database after `manage.py "
            f"migrate`. It holds rows of: {rows}."
        )


def _check_storage(manifest):
    """Names already in storage with the archive's content; refuses any with other content."""
    already, clashes = set(), []
    for entry in manifest["media"]:
        name = entry["name"]
        if posixpath.isabs(name) or ".." in name.split("/"):
            raise BackupRefused(f"The archive names a media file outside the storage: {name}.")
        if default_storage.exists(name):
            if media.sha256_of(name) != entry["sha256"]:
                clashes.append(name)
            else:
                already.add(name)
    if clashes:
        raise BackupRefused(
            "The media storage holds other files under the archive's names; restore into "
            f"an empty storage: {', '.join(clashes[:10])}"
            + (f" and {len(clashes) - 10} more." if len(clashes) > 10 else ".")
        )
    return already


def _restore(archive, manifest, already, written):
    expected = {entry["name"]: entry for entry in manifest["media"]}
    with transaction.atomic(), tempfile.TemporaryDirectory() as work:
        data = Path(work) / DATA
        data.write_bytes(archive.extractfile(DATA).read())
        database.load(data)
        searchindex.refresh_index()  # derived from the stored documents, per database
        for member in archive:
            name = member.name.removeprefix(media.PREFIX)
            if member.name.startswith(media.PREFIX) and name not in already:
                _write_file(archive, member, expected.get(name), written)
        _check_counts(manifest, written, expected, already)
        generations.bump(generations.SITE)  # no page cached before may be served again


def _write_file(archive, member, entry, written):
    name = member.name.removeprefix(media.PREFIX)
    if entry is None or not member.isfile():
        raise BackupRefused(f"The archive holds {member.name}, which its manifest does not list.")
    copy, sha256 = media.spooled_copy(archive.extractfile(member))
    with copy:
        if sha256 != entry["sha256"]:
            raise BackupRefused(
                f"{member.name} is damaged: its checksum differs from the manifest."
            )
        saved = media.save(name, copy)
    written.append(saved)
    if saved != name:
        raise BackupRefused(f"The storage saved {name} as {saved}; restore into an empty storage.")


def _check_counts(manifest, written, expected, already):
    counts = database.counts()
    wanted = {label: manifest["counts"].get(label, 0) for label in counts}
    wrong = {
        label: (counts[label], rows) for label, rows in wanted.items() if counts[label] != rows
    }
    if wrong:
        lines = ", ".join(
            f"{label}: {got} instead of {rows}" for label, (got, rows) in wrong.items()
        )
        raise BackupRefused(f"The restored rows differ from the archive's counts: {lines}.")
    missing = set(expected) - set(written) - already
    if missing:
        raise BackupRefused(f"The archive lacks media files its manifest lists: {sorted(missing)}.")
