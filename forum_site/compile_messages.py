"""Compile every locale/*/LC_MESSAGES/django.po to .mo with polib.

`make run` must work without apt, and GNU gettext's msgfmt is an apt package.
Run: python -m forum_site.compile_messages
"""

from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def compile_all(locale_dir=LOCALE_DIR):
    compiled = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
        compiled.append(po_path)
    return compiled


if __name__ == "__main__":
    for path in compile_all():
        print(f"compiled {path}")
