"""Find the bundled seeds/ and resources/ folders, from an installed wheel or a source checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _locate(name: str) -> Path:
    package = resources.files("annotator")
    # An installed wheel, and the frozen app, carry the folders inside the package as
    # annotator/_data/<name> (pyproject.toml, packaging/annotator.spec).
    packaged = package / "_data" / name
    if packaged.is_dir():
        return Path(str(packaged))
    # A source checkout, or an editable install of one, keeps them at the top of the
    # repository, two levels above the package (src/annotator), beside pyproject.toml.
    top = Path(str(package)).parent.parent
    if (top / name).is_dir() and (top / "pyproject.toml").is_file():
        return top / name
    raise FileNotFoundError(f"the bundled '{name}' folder is missing from this installation")


def seeds_dir() -> Path:
    """The folder of the five bundled seed articles (the default corpus)."""
    return _locate("seeds")


def resources_dir() -> Path:
    """The folder of icons, the briefing template and other resources."""
    return _locate("resources")
