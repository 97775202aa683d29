"""Where the default project lives, and its first-run set-up over the bundled seed articles."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

from annotator.bundled import seeds_dir
from annotator.services.sources import add_paths
from annotator.store.library import Library

DEFAULT_NAME = "default.annotator"


def data_dir() -> Path:
    """The user's data folder for Annotator (``ANNOTATOR_DATA_DIR`` overrides it, e.g. in tests)."""
    override = os.environ.get("ANNOTATOR_DATA_DIR")
    folder = Path(override) if override else Path(user_data_dir("Annotator", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_project_path() -> Path:
    return data_dir() / DEFAULT_NAME


def open_project(path: Path | str | None) -> Library:
    """Open ``path``, or the default project (created over the bundled seeds on first run)."""
    if path is not None:
        return Library.open(path)
    target = default_project_path()
    first_run = not target.exists()
    library = Library.open(target)
    if not library.read_only and (first_run or not library.sources.list()):
        library.project.set_name("China–Russia reading")
        add_paths(library, [seeds_dir()])
    return library
