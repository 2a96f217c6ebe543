"""Uploaded agenda files kept between the preview and the confirmation.

The bytes go to a private temporary file named by a random token; the user's session
remembers which tokens it owns, for which forum, with which options, and the file's
SHA-256. Confirming re-reads and re-plans the file on the server: nothing the browser
sends back is trusted except the token, and a token only works in the session that
made it. (Several web servers need AGENDA_IMPORT_DIR on storage they share.)
"""

import contextlib
import hashlib
import os
import re
import secrets
import tempfile
import time
from pathlib import Path

from django.conf import settings

SESSION_KEY = "agenda_imports"
MAX_AGE = 60 * 60  # an hour to review a preview
MAX_PER_SESSION = 5
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{32}")


def _directory():
    default = Path(tempfile.gettempdir()) / "forum-site-agenda-imports"
    directory = Path(getattr(settings, "AGENDA_IMPORT_DIR", default))
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def _path(token):
    return _directory() / f"{token}.upload"


def stage(request, *, forum, data, options):
    """Keep `data` for `forum`; returns the token that names it in this session."""
    _forget_stale(request)
    token = secrets.token_urlsafe(24)  # 32 characters
    fd = os.open(_path(token), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as file:
        file.write(data)
    staged = request.session.get(SESSION_KEY, {})
    staged[token] = {
        "forum": forum.pk,
        "sha256": hashlib.sha256(data).hexdigest(),
        "options": options,
        "at": time.time(),
    }
    for old in sorted(staged, key=lambda t: staged[t]["at"])[:-MAX_PER_SESSION]:
        del staged[old]
        _remove(old)
    request.session[SESSION_KEY] = staged
    return token


def load(request, *, forum, token):
    """(bytes, options) staged by this session for this forum, or None."""
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if not TOKEN_SHAPE.fullmatch(token) or entry is None or entry["forum"] != forum.pk:
        return None
    if time.time() - entry["at"] > MAX_AGE:
        discard(request, token)
        return None
    try:
        data = _path(token).read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != entry["sha256"]:
        return None
    return data, entry["options"]


def discard(request, token):
    staged = request.session.get(SESSION_KEY, {})
    if staged.pop(token, None) is not None:
        request.session[SESSION_KEY] = staged
    if TOKEN_SHAPE.fullmatch(token):
        _remove(token)


def _remove(token):
    with contextlib.suppress(OSError):
        _path(token).unlink()


def _forget_stale(request):
    """Drop this session's expired uploads, and anyone's files older than a day."""
    staged = request.session.get(SESSION_KEY, {})
    for token in [t for t, entry in staged.items() if time.time() - entry["at"] > MAX_AGE]:
        discard(request, token)
    for path in _directory().glob("*.upload"):
        try:
            if time.time() - path.stat().st_mtime > 24 * MAX_AGE:
                path.unlink()
        except OSError:
            pass
