"""Compile the committed .po files into .mo files in pure Python (no GNU gettext needed)."""

from pathlib import Path

import polib


def compile_translations(locale_dir: Path) -> list[Path]:
    """Write a .mo beside every .po that is newer than it; return the files written."""
    written = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written
