"""Run the command line: parse, open the project, dispatch, and turn errors into clear messages."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from annotator.cli.terminal import SafeStream

if TYPE_CHECKING:
    from annotator.store.library import Library


class CliError(Exception):
    """A user error on the command line; printed without a traceback, exit status 1."""


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A console or redirect that cannot show a character (cp1252 on Windows) gets "?"
        # instead of the command stopping half-way through its output.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    words = list(sys.argv[1:] if argv is None else argv)
    if not words or (len(words) == 1 and _names_a_project(words[0])):
        # Opening the app: the parser (which lists every format in its help) is not needed.
        return _open_app(words[0] if words else None)
    from annotator.cli.parser import parse_args

    args = parse_args(words)
    if args.command is None:
        return _open_app(args.project)
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(stdout), SafeStream(stderr)
    try:
        return _run(args)
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _run(args: argparse.Namespace) -> int:
    from annotator.cli import commands
    from annotator.services.defaults import open_project

    try:
        with open_project(args.project) as library:
            # A scan or an addition leaves its texts queued for the search index (searches find
            # them meanwhile): every command leaves them indexed, and a queue a killed command
            # left is indexed at the next.
            _index_for_search(library)
            status = getattr(commands, f"cmd_{args.command}")(library, args) or 0
            _index_for_search(library)
            return status
    except _user_errors() as error:
        print(f"annotator: {_message(error)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("annotator: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (``annotator excerpts | head``): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _index_for_search(library: Library) -> None:
    from annotator.store.errors import StoreError

    if library.read_only:
        return
    # Searches find queued texts anyway: a project locked by another writer is no reason to
    # fail the command.
    with contextlib.suppress(StoreError):
        library.search.index_pending()


def _user_errors() -> tuple[type[Exception], ...]:
    """The errors that are the user's to fix: a message, no traceback."""
    # Imported only when a subcommand runs: --version and --help need none of them.
    from annotator.core.atomic_write import WriteError
    from annotator.core.textload import LoadError
    from annotator.store.errors import StoreError

    # A briefing that cannot be written (BriefingError) is a ValueError, like a bad option.
    return (CliError, StoreError, LoadError, WriteError, ValueError, LookupError)


def _message(error: Exception) -> str:
    # KeyError wraps its message in quotes; the others read as they are.
    return str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error)


def _names_a_project(word: str) -> bool:
    """A project file by its name (never a subcommand or an option): the app opens it."""
    return not word.startswith("-") and word.lower().endswith(".annotator")


def _open_app(project: str | None) -> int:
    # The layers below the UI first: once PySide6 is imported, its feature hook reads the source
    # of every module imported after it (inspect.getsource, ~60 ms for these) to see whether it
    # uses Qt. None of these does.
    import annotator.services.defaults  # noqa: F401  (and services.sources, store, sqlite-utils)

    try:
        from annotator.ui.app import run
    except ImportError as error:
        print(f"annotator: the desktop app cannot start: {error}", file=sys.stderr)
        return 1
    return run(project)
