"""List the source files below a folder (which names are sources is ``core.filenames``')."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import PurePath

from annotator.core.filenames import is_hidden_folder, is_source_path


def scan_sources(folder: str, suffixes: frozenset[str]) -> Iterator[str]:
    """Yield the absolute path of every source text below ``folder``, skipping hidden folders.

    Only regular files (links followed) count: a FIFO or a device named like a text is none.
    """
    for current, dirnames, filenames in os.walk(folder):
        # Pruning in place keeps os.walk out of .git and friends, which can be large.
        dirnames[:] = [name for name in dirnames if not is_hidden_folder(name)]
        for name in filenames:
            path = os.path.join(current, name)
            if is_source_path(PurePath(os.path.relpath(path, folder)), suffixes) and _regular(path):
                yield path


def _regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False
