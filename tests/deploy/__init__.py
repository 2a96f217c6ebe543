"""Tests that start real servers on 127.0.0.1 (bench/loopback.py)."""

import os

import pytest


def require(missing):
    """Skip when the machine lacks Debian packages `missing`, saying which; under CI, where
    .ci/run installs them, fail instead: a missing server there is a broken CI."""
    if not missing:
        return
    message = f"needs {', '.join(missing)}: apt-get install -y {' '.join(missing)}"
    if os.environ.get("CI"):
        pytest.fail(f"CI must install them (.ci/run): {message}")
    pytest.skip(message)
