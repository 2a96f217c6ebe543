"""The short run of bench/load.py that CI makes: load, a PostgreSQL restart, Redis stopped."""

import pytest

from bench import load, loopback
from tests.deploy import require

pytestmark = pytest.mark.deploy


def test_load_with_faults_loses_no_acknowledged_write_and_fails_only_with_503():
    require(loopback.missing_binaries())
    lines = []
    held = load.run(seconds=10, clients=16, write=lines.append)
    print("\n".join(lines))
    assert held, "\n".join(lines)
    assert any("503: " in line for line in lines), "the restart should have been seen"
