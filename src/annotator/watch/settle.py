"""Per-path settling: turn a burst of raw file-system events into one decision per path.

The settler is pure bookkeeping with no threads and no clock of its own: the watcher feeds it
what happened to each path (under its lock) and asks it, when a deadline passes, which paths have
settled. Paths are real absolute paths as the observer reports them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

Signature = tuple[int, int]  # (size, mtime_ns): cheap evidence that nobody is writing any more


@dataclass(frozen=True)
class Timing:
    """How long to wait before believing a file has settled (seconds)."""

    close_delay: float = 0.05  # after a close-write or a rename into place: the writer is done
    modify_delay: float = 0.6  # after a write with no close yet, or a delete: more may follow
    stable_look: float = 0.05  # size and mtime must stay the same across this look
    writer_hold: float = 10.0  # longest wait for a writer that wrote but never closed

    def __post_init__(self) -> None:
        for name in ("close_delay", "modify_delay", "stable_look", "writer_hold"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or value < 0:
                raise ValueError(f"{name} must be a number of seconds >= 0, not {value!r}")


@dataclass(frozen=True)
class Outcome:
    """A settled fact about one real path: "changed", "deleted" or "moved" (from ``old``)."""

    kind: str
    path: str
    old: str | None = None


@dataclass
class _Pending:
    due: float
    first_seen: float
    writing: bool = False  # written to, and no close-write seen since
    moved_from: str | None = None  # a source path whose file was renamed to this path
    look: Signature | None = None  # what the file looked like at the previous look


def file_signature(path: str) -> Signature | None:
    """Size and modification time of a regular file, or None if there is no such file now."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    if not os.path.isfile(path):
        return None
    return st.st_size, st.st_mtime_ns


class Settler:
    """Remember per path what happened in the current burst and decide when it has settled.

    ``known`` is the set of source files believed to exist (filled by the watcher's scan and kept
    up to date here): a "deleted" is reported only for a known file, and a rename is reported as
    "moved" only if its origin was known, so a temporary file that came and went says nothing.
    """

    def __init__(self, timing: Timing, known: set[str]) -> None:
        self.timing = timing
        self.known = known
        self._pending: dict[str, _Pending] = {}

    def __len__(self) -> int:
        return len(self._pending)

    def _arm(self, path: str, now: float, delay: float) -> _Pending:
        state = self._pending.get(path)
        if state is None:
            state = _Pending(due=now + delay, first_seen=now)
            self._pending[path] = state
        else:
            # The latest event decides: a close after writes is quick, a write after a close slow.
            state.due = now + delay
            state.look = None
        return state

    def written(self, path: str, now: float) -> None:
        """A file was written to; the writer may not be finished."""
        self._arm(path, now, self.timing.modify_delay).writing = True

    def appeared(self, path: str, now: float) -> None:
        """A file was created. Writes, if any, follow as their own events; a file found by a scan
        of a new folder was written before we could watch it, and no close will come."""
        self._arm(path, now, self.timing.modify_delay)

    def closed(self, path: str, now: float) -> None:
        """A writer closed the file: it is probably complete."""
        self._arm(path, now, self.timing.close_delay).writing = False

    def vanished(self, path: str, now: float) -> None:
        """The file was deleted or moved somewhere we do not report: wait, it may come back."""
        self._arm(path, now, self.timing.modify_delay).writing = False

    def moved_in(self, path: str, now: float, origin: str | None = None) -> None:
        """A complete file was renamed to ``path``, from a source path ``origin`` if given."""
        state = self._arm(path, now, self.timing.close_delay)
        state.writing = False
        if origin is not None:
            state.moved_from = origin

    def moved(self, src: str, dst: str, now: float) -> None:
        """A source file was renamed to another source name."""
        origin = src
        previous = self._pending.pop(src, None)
        if previous is not None and previous.moved_from is not None:
            origin = previous.moved_from  # a -> b -> c within one burst is a move a -> c
        self.moved_in(dst, now, origin)

    def forget(self, keep: Callable[[str], bool]) -> None:
        """Drop pending work and knowledge of paths no longer watched."""
        for path in [p for p in self._pending if not keep(p)]:
            del self._pending[path]
        self.known.difference_update([p for p in self.known if not keep(p)])

    def clear(self) -> None:
        self._pending.clear()

    def next_due(self) -> float | None:
        return min((state.due for state in self._pending.values()), default=None)

    def settle(
        self, now: float, look: Callable[[str], Signature | None] = file_signature
    ) -> list[Outcome]:
        """Decide every path whose deadline has passed; re-arm those that are not stable yet."""
        due = sorted((state.due, path) for path, state in self._pending.items() if state.due <= now)
        outcomes: list[Outcome] = []
        for _, path in due:
            state = self._pending[path]
            if state.writing and now - state.first_seen < self.timing.writer_hold:
                # Written to and never closed: a slow writer is probably still at work.
                state.due = now + self.timing.modify_delay
                continue
            signature = look(path)
            if signature is None:
                del self._pending[path]
                outcomes.extend(self._gone(path, state.moved_from))
                continue
            if signature != state.look:
                state.look = signature
                state.due = now + self.timing.stable_look
                continue
            del self._pending[path]
            outcomes.append(self._present(path, state.moved_from))
        return outcomes

    def _gone(self, path: str, origin: str | None) -> list[Outcome]:
        outcomes = []
        for old in (origin, path):
            if old is not None and old in self.known:
                self.known.discard(old)
                outcomes.append(Outcome("deleted", old))
        return outcomes

    def _present(self, path: str, origin: str | None) -> Outcome:
        if origin is not None and origin != path and origin in self.known:
            self.known.discard(origin)
            self.known.add(path)
            return Outcome("moved", path, origin)
        self.known.add(path)
        return Outcome("changed", path)
