"""Where the default project lives, and its first-run set-up over the bundled seed articles.

The default project reads a copy of the seeds in the user's data folder, never the bundled
ones: those sit in a source checkout (git tracks them) or inside an installed package (which
an upgrade replaces), and the tour invites the reader to edit the texts.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from platformdirs import user_data_dir

from annotator.bundled import seeds_dir
from annotator.services.sources import add_paths
from annotator.store.library import Library

DEFAULT_NAME = "default.annotator"
SEEDS_NAME = "seeds"


def data_dir() -> Path:
    """The user's data folder for Annotator (``ANNOTATOR_DATA_DIR`` overrides it, e.g. in tests)."""
    override = os.environ.get("ANNOTATOR_DATA_DIR")
    folder = Path(override) if override else Path(user_data_dir("Annotator", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_project_path() -> Path:
    return data_dir() / DEFAULT_NAME


def user_seeds() -> Path:
    """The user's copy of the seed articles (made from the bundled ones when missing)."""
    target = data_dir() / SEEDS_NAME
    if not target.is_dir():
        copy_seeds(seeds_dir(), target)
    return target


def copy_seeds(bundled: Path, target: Path) -> None:
    """Copy the seed articles whole or not at all (a copy cut short is never watched)."""
    staging = Path(tempfile.mkdtemp(prefix=".seeds-", dir=target.parent))
    try:
        for file in sorted(bundled.iterdir()):
            if file.is_file() and not file.name.startswith("."):
                shutil.copy2(file, staging / file.name)
        staging.replace(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def open_project(path: Path | str | None) -> Library:
    """Open ``path``, or the default project (created over a copy of the seeds on first run)."""
    if path is not None:
        return Library.open(path)
    target = default_project_path()
    first_run = not target.exists()
    library = Library.open(target)
    if library.read_only:
        return library
    if first_run or not library.sources.list():
        library.project.set_name("China–Russia reading")
        add_paths(library, [user_seeds()])
    else:
        move_off_bundled_seeds(library)
    return library


def move_off_bundled_seeds(library: Library) -> bool:
    """A default project made before the copy existed watches the bundled folder: point that
    source at the user's copy (the same files, so every document and annotation stays).
    True when it was moved."""
    bundled = {str(seeds_dir().resolve())}
    for source in library.sources.list():
        if source.kind == "folder" and (source.path in bundled or _packaged_seeds(source.path)):
            copy = data_dir() / SEEDS_NAME
            if not copy.is_dir():
                # The texts the documents were read from: the bundled folder as it is now
                # (edited in a checkout, perhaps), else the one this installation carries.
                old = Path(source.path)
                copy_seeds(old if old.is_dir() else seeds_dir(), copy)
            library.sources.relocate(source.id, copy)
            return True
    return False


def _packaged_seeds(path: str) -> bool:
    """The seeds inside an installed (perhaps older, since replaced) Annotator package."""
    return Path(path).parts[-3:] == ("annotator", "_data", SEEDS_NAME)
