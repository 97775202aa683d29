"""A project stays whole when this process loses its SQLite locks on the file (a file dialog
reading the file to guess its type does that) while another program opens and closes it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from annotator.store.library import Library

_OTHER_PROGRAM = """
import json, sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
if len(sys.argv) > 2:
    connection.execute(
        "INSERT INTO tags (name, color, position) VALUES (?, '#000000', 99)", (sys.argv[2],)
    )
    connection.commit()
print(json.dumps([row[0] for row in connection.execute("SELECT name FROM tags ORDER BY id")]))
connection.close()
"""


def elsewhere(path: Path, new_tag: str | None = None) -> list[str]:
    """Another program (a CLI run) opens the project, maybe adds a tag, lists tags, closes."""
    args = [sys.executable, "-c", _OTHER_PROGRAM, str(path), *([new_tag] if new_tag else [])]
    done = subprocess.run(args, check=True, timeout=30, capture_output=True, text=True)
    return json.loads(done.stdout)


def drop_this_process_locks(path: Path) -> None:
    # POSIX: closing any descriptor of a file drops every lock this process holds on it.
    with path.open("rb") as handle:
        handle.read(100)


def test_writes_after_losing_the_locks_reach_the_file_others_read(tmp_path):
    path = tmp_path / "p.annotator"
    lib = Library.open(path)
    lib.tags.create("Before")
    drop_this_process_locks(path)
    assert elsewhere(path) == ["Before"]  # it thinks it was last: folds and deletes the WAL

    lib.tags.create("After")
    assert elsewhere(path) == ["Before", "After"]  # the app's change is in the real file
    assert elsewhere(path, "Theirs") == ["Before", "After", "Theirs"]
    lib.tags.create("Later")
    assert [t.name for t in lib.tags.list()] == ["Before", "After", "Theirs", "Later"]
    lib.close()
    with Library.open(path) as reopened:
        assert [t.name for t in reopened.tags.list()] == ["Before", "After", "Theirs", "Later"]
