from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[3] / "data"
SUITE = DATA / "quotes"
HELD_OUT = DATA / "quotes-heldout"


@pytest.fixture
def seed_text():
    return (SUITE / "china-auto-forum-2023.txt").read_text(encoding="utf-8")
