"""Watched roots: validating them, listing their files, and naming real paths as each root does.

The observer reports real paths (symlinks resolved); events report paths under the root as the
caller named it, so a folder opened through a symlink keeps the name the user knows.
"""

from __future__ import annotations

import errno
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from watchdog.observers.api import ObservedWatch

from annotator.core.filenames import is_source_path
from annotator.watch.events import SourceEvent, WatchError
from annotator.watch.filters import scan_sources
from annotator.watch.settle import Outcome

logger = logging.getLogger("annotator.watch")

WatchKey = tuple[str, bool]  # (real folder, recursive)


@dataclass
class Root:
    path: Path  # absolute, as the caller named it (symlinks kept): what events report
    real: str  # with symlinks resolved: what the observer reports
    is_folder: bool
    key: WatchKey  # a single file is watched through its folder, not recursively


@dataclass
class Watch:
    """One observer watch, shared by every root that needs the same folder."""

    users: set[str] = field(default_factory=set)  # keys of the roots that need this watch
    observed: ObservedWatch | None = None
    ident: tuple[int, int] | None = None  # (st_dev, st_ino) of the folder when scheduled
    lost: bool = False  # the folder vanished or was renamed; waiting for it to come back


def describe_root(root: Path | str) -> Root:
    """Check that ``root`` is a readable folder or regular file; raise WatchError if not."""
    path = Path(os.path.abspath(os.path.expanduser(root)))
    real = os.path.realpath(path)
    if not os.path.exists(real):
        raise WatchError(f"Cannot watch {path}: it does not exist.")
    if os.path.isdir(real):
        folder, is_folder = real, True
    elif os.path.isfile(real):
        folder, is_folder = os.path.dirname(real), False
    else:
        raise WatchError(f"Cannot watch {path}: it is neither a folder nor a regular file.")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise WatchError(f"Cannot watch {path}: permission denied.")
    return Root(path, real, is_folder, (folder, is_folder))


def folder_ident(folder: str) -> tuple[int, int] | None:
    """(device, inode) of a folder, or None if there is no folder there now."""
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return (st.st_dev, st.st_ino) if os.path.isdir(folder) else None


def watch_error(path: object, error: OSError) -> WatchError:
    """Turn the observer's OSError into a message a user can act on."""
    if error.errno in (errno.ENOSPC, errno.EMFILE):
        reason = (
            "the system limit on watched folders is reached "
            "(raise fs.inotify.max_user_watches / max_user_instances)"
        )
    elif error.errno in (errno.EACCES, errno.EPERM):
        reason = "permission denied"
    elif error.errno == errno.ENOENT:
        reason = "it does not exist"
    else:
        reason = error.strerror or str(error)
    return WatchError(f"Cannot watch {path}: {reason}.")


def scan_root(root: Root, suffixes: frozenset[str]) -> list[str]:
    """The real paths of the source files a root holds now."""
    if not root.is_folder:
        return [root.real] if os.path.isfile(root.real) else []
    try:
        return list(scan_sources(root.real, suffixes))
    except OSError as error:
        logger.warning("Could not list %s: %s", root.path, error)
        return []


def places(roots: Iterable[Root], suffixes: frozenset[str], real: str) -> list[tuple[Root, Path]]:
    """The roots a real path is a source file of, with the path each root reports it as."""
    found = []
    for root in roots:
        if root.is_folder:
            if real.startswith(root.real + os.sep):
                relative = real[len(root.real) + 1 :]
                if is_source_path(PurePath(relative), suffixes):
                    found.append((root, root.path / relative))
        elif real == root.real:
            found.append((root, root.path))
    return found


def events_for(
    outcome: Outcome, where: Callable[[str], list[tuple[Root, Path]]]
) -> list[SourceEvent]:
    """One event per root that sees the outcome. A move is a move only for a root that sees both
    ends; a root that sees only the new name gets "changed", one that sees only the old "deleted".
    """
    new = {str(root.path): (root, path) for root, path in where(outcome.path)}
    if outcome.kind != "moved" or outcome.old is None:
        return [SourceEvent(outcome.kind, root.path, path) for root, path in new.values()]
    old = {str(root.path): (root, path) for root, path in where(outcome.old)}
    events = []
    for key, (root, path) in new.items():
        if key in old:
            events.append(SourceEvent("moved", root.path, path, old[key][1]))
        else:
            events.append(SourceEvent("changed", root.path, path))
    for key, (root, path) in old.items():
        if key not in new:
            events.append(SourceEvent("deleted", root.path, path))
    return events
