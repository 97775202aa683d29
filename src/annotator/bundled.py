"""Find the bundled seeds/ and resources/ folders, from a checkout or from an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _locate(name: str) -> Path:
    # An installed wheel carries the folders as annotator/_data/<name> (see pyproject.toml);
    # a checkout or an editable install finds them at the top of the repository.
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the bundled '{name}' folder is missing from this installation")


def seeds_dir() -> Path:
    """The folder of the five bundled seed articles (the default corpus)."""
    return _locate("seeds")


def resources_dir() -> Path:
    """The folder of icons, the briefing template and other resources."""
    return _locate("resources")
