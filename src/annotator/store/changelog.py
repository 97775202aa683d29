"""What other programs changed in the project since this one last looked, from the change log.

Triggers (migration m008) add a row to ``change_log`` for every changed annotation, tag link,
document, tag, project setting and source. A window keeps the last sequence number it has seen
and asks for the rows after it, leaving out those its own connection wrote: ``Library.atomic``
records the range of log rows each of its transactions added. Rows a sibling connection wrote
(this program's worker thread: a scan, the watcher) are reported, marked as this program's.
"""

from __future__ import annotations

import bisect
import json
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annotator.core.models import Changes

if TYPE_CHECKING:
    from annotator.store.library import Library


class OwnWrites:
    """The log rows written by this program's connections (shared by a library's siblings)."""

    _KEPT = 10_000  # ranges remembered when nobody reads them (a command-line import)

    def __init__(self) -> None:
        self.lock = threading.Lock()
        # (after, up to and including, writer), in commit order: commits are serialised by
        # SQLite's write lock and recorded under ``lock``, so the ranges never overlap.
        self._ranges: list[tuple[int, int, int]] = []

    def add(self, after: int, last: int, writer: int) -> None:
        if last > after:
            self._ranges.append((after, last, writer))
            if len(self._ranges) > 2 * self._KEPT:
                del self._ranges[: self._KEPT]

    def discard(self, after: int, last: int) -> None:
        """Forget a range whose transaction rolled back."""
        self._ranges = [r for r in self._ranges if (r[0], r[1]) != (after, last)]

    def writer(self, seq: int) -> int | None:
        """Which of this program's connections wrote log row ``seq`` (None: another program)."""
        index = bisect.bisect_left(self._ranges, seq, key=lambda r: r[1])
        if index < len(self._ranges):
            after, last, writer = self._ranges[index]
            if after < seq <= last:
                return writer
        return None

    def forget_up_to(self, seq: int) -> None:
        """Ranges wholly at or before ``seq`` are no longer asked about."""
        index = bisect.bisect_right(self._ranges, seq, key=lambda r: r[1])
        del self._ranges[:index]


@dataclass
class OutsideWrites:
    """What other programs changed, read from the log."""

    changes: Changes = field(default_factory=Changes)
    """Everything the views must refresh (the documents of changed annotations included)."""
    touched: Changes = field(default_factory=Changes)
    """Only the rows themselves: an annotation, document, tag, source or the tree written."""
    complete: bool = True
    """False: more changed than the log keeps, so everything is reported as changed."""
    ours: bool = False
    """Every change came from this program's worker thread (a scan, the watcher)."""

    def __bool__(self) -> bool:
        return bool(self.changes)


class ChangeLog:
    """Reads the change log; ``Library.atomic`` tells it which rows this program wrote."""

    def __init__(self, library: Library, own: OwnWrites | None = None) -> None:
        self._lib = library
        self.own = own or OwnWrites()
        self.began = 0

    def last(self) -> int:
        """The sequence number of the newest log row (0 for none)."""
        row = self._lib.db.execute(
            "SELECT seq FROM sqlite_sequence WHERE name = 'change_log'"
        ).fetchone()
        return row[0] if row else 0

    # Called by Library.atomic around each outermost transaction.
    def transaction_began(self) -> None:
        self.began = self.last()

    def transaction_committing(self) -> int:
        return self.last()

    def since(self, seq: int) -> tuple[OutsideWrites, int]:
        """What others changed after log row ``seq``, and the newest row seen."""
        me = id(self._lib)
        with self.own.lock:
            # One row of JSON, not a row per change: each row fetched lets go of Python's lock,
            # and while the worker thread computes, the window waited for it back at each of
            # the thousands of rows a large scan logs between two polls.
            packed = self._lib.db.execute(
                "SELECT json_group_array(json_array(seq, kind, row_id, ref)) FROM "
                "(SELECT seq, kind, row_id, ref FROM change_log WHERE seq > ? ORDER BY seq)",
                [seq],
            ).fetchone()[0]
            rows = [tuple(row) for row in json.loads(packed or "[]")]
            first = self._lib.db.execute("SELECT min(seq) FROM change_log").fetchone()[0]
            newest = rows[-1][0] if rows else max(seq, self.last())
            writers = [self.own.writer(row[0]) for row in rows]
        if first is not None and first > seq + 1 and seq < newest:
            # Rows after ``seq`` were pruned: too much changed to say what.
            return self._everything(), newest
        found = OutsideWrites()
        others = [(row, writer) for row, writer in zip(rows, writers, strict=True) if writer != me]
        found.ours = bool(others) and all(writer is not None for _row, writer in others)
        for (_seq, kind, row_id, ref), _writer in others:
            _note(found, kind, row_id, ref)
        return found, newest

    def forget_up_to(self, seq: int) -> None:
        """Every reader of the shared ranges has seen the log up to ``seq``."""
        with self.own.lock:
            self.own.forget_up_to(seq)

    def _everything(self) -> OutsideWrites:
        db = self._lib.db
        changes = Changes(
            documents={r[0] for r in db.execute("SELECT id FROM documents")},
            annotations={r[0] for r in db.execute("SELECT id FROM annotations")},
            tags={r[0] for r in db.execute("SELECT id FROM tags")},
            tag_tree=True,
            project=True,
            sources={r[0] for r in db.execute("SELECT id FROM sources")},
        )
        touched = Changes().merge(changes)
        return OutsideWrites(changes, touched, complete=False)


def _note(found: OutsideWrites, kind: str, row_id: int | None, ref: int | None) -> None:
    changes, touched = found.changes, found.touched
    if kind == "annotation" and row_id is not None:
        changes.annotations.add(row_id)
        touched.annotations.add(row_id)
        if ref is not None:
            changes.documents.add(ref)  # its counts in the document list
    elif kind == "annotation_tag" and row_id is not None:
        changes.annotations.add(row_id)
        touched.annotations.add(row_id)
        if ref is not None:
            changes.tags.add(ref)  # its count in the tag panel
    elif kind == "document" and row_id is not None:
        changes.documents.add(row_id)
        touched.documents.add(row_id)
    elif kind in ("tag", "tag_tree") and row_id is not None:
        changes.tags.add(row_id)
        touched.tags.add(row_id)
        if kind == "tag_tree":
            changes.tag_tree = touched.tag_tree = True
    elif kind == "project":
        changes.project = touched.project = True
    elif kind == "source" and row_id is not None:
        changes.sources.add(row_id)
        touched.sources.add(row_id)
