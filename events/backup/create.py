"""Write an archive (see events/backup/__init__.py) of the database and the media files."""

import io
import json
import os
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.utils import timezone

from events.backup import database, media

FORMAT = 1
DATA, MANIFEST = "data.json", "manifest.json"


class BackupRefused(Exception):
    """The archive cannot be written or read; the message says why, for the operator."""


@dataclass(frozen=True)
class Written:
    path: Path
    rows: int
    files: int
    bytes: int


def backup_create(path):
    """Write the archive to `path` (which must not exist); returns Written."""
    path = Path(path)
    if path.exists():
        raise BackupRefused(f"{path} exists already; choose a new file name.")
    partial = path.with_name(path.name + ".partial")
    try:
        with tempfile.TemporaryDirectory() as work:
            manifest = _write(partial, Path(work) / DATA)
        os.replace(partial, path)  # never a half-written archive under the final name
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    files = manifest["media"]
    return Written(path, sum(manifest["counts"].values()), len(files),
                   sum(f["size"] for f in files))  # fmt: skip


def _write(target, data_path):
    with database.one_state():
        database.dump(data_path)
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "migrations": database.applied_migrations(),
            "counts": database.counts(),
        }
    with tarfile.open(target, "w:gz") as archive:
        archive.add(data_path, arcname=DATA)
        manifest["media"] = [media.add(archive, name) for name in media.names()]
        _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=1).encode())
    return manifest


def _add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size, info.mtime = len(data), time.time()
    archive.addfile(info, io.BytesIO(data))
