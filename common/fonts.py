"""The font that draws Chinese in what we render ourselves: PDF programmes, social cards.

Debian's fonts-wqy-zenhei (installed by `make` and `.ci/run`) covers Latin and CJK in one
TrueType collection, which both ReportLab and Pillow read. DJANGO_CJK_FONT points elsewhere.
"""

from pathlib import Path

from django.conf import settings


def cjk_font_path():
    """The CJK font file, or None where it is not installed."""
    path = Path(settings.CJK_FONT)
    return path if path.is_file() else None
