"""Where a REFI-QDA import writes its texts: a fresh folder and portable, unique file names."""

from __future__ import annotations

import re
from pathlib import Path

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}
_SUFFIXES = (".txt", ".text", ".md", ".docx", ".doc", ".rtf", ".odt", ".pdf", ".html", ".htm")


def free_folder(folder: Path) -> Path:
    """``folder``, or a numbered sibling ("… 2") when it exists and is not empty."""
    candidate, number = folder, 2
    while candidate.exists() and (not candidate.is_dir() or any(candidate.iterdir())):
        candidate = folder.with_name(f"{folder.name} {number}")
        number += 1
    return candidate


def file_name(name: str, taken: set[str]) -> str:
    """A portable .txt file name for a source called ``name``, unique among ``taken``."""
    stem = name.strip()
    for suffix in _SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    stem = " ".join(_UNSAFE.sub("_", stem).split())[:100].rstrip(" .") or "document"
    if stem.lower() in _RESERVED:
        stem += "_"
    candidate, number = f"{stem}.txt", 2
    while candidate.lower() in taken:
        candidate, number = f"{stem} ({number}).txt", number + 1
    taken.add(candidate.lower())
    return candidate
