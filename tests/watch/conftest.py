"""Fixtures for the watcher tests: a recorder of settled events and a running watcher."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from annotator.watch.watcher import SourceEvent, SourceWatcher

# Small delays keep the tests quick; waits are generous so a loaded machine does not fail them.
FAST = {"close_delay": 0.05, "modify_delay": 0.25, "stable_look": 0.03, "root_poll": 0.2}
SUFFIXES = (".txt", ".md")  # the app passes those of the formats registry
TIMEOUT = 10.0


class Recorder:
    """Collect events from the watcher's thread and let the test wait for them."""

    def __init__(self, on_event: Callable[[SourceEvent], object] | None = None) -> None:
        self.events: list[SourceEvent] = []
        self.extra: list[object] = []
        self._on_event = on_event
        self._cond = threading.Condition()
        self._last = time.monotonic()
        self.watcher: SourceWatcher | None = None  # consulted by settle() when set

    def __call__(self, event: SourceEvent) -> None:
        extra = self._on_event(event) if self._on_event else None
        with self._cond:
            self.events.append(event)
            self.extra.append(extra)
            self._last = time.monotonic()
            self._cond.notify_all()

    def wait_for(self, count: int, timeout: float = TIMEOUT) -> list[SourceEvent]:
        """Wait until at least ``count`` events arrived (fail after ``timeout``)."""
        with self._cond:
            ok = self._cond.wait_for(lambda: len(self.events) >= count, timeout)
            assert ok, f"expected {count} events, got {self.events}"
            return list(self.events)

    def settle(self, quiet: float = 0.3, timeout: float = TIMEOUT) -> list[SourceEvent]:
        """Wait until the watcher has nothing pending and no event came for ``quiet`` seconds,
        then return everything seen so far."""
        deadline = time.monotonic() + timeout
        busy_until = time.monotonic()
        while time.monotonic() < deadline:
            now = time.monotonic()
            with self._cond:
                last = self._last
            if self.watcher is not None and self.watcher.pending:
                busy_until = now
            if now - max(busy_until, last) >= quiet:
                break
            time.sleep(0.02)
        with self._cond:
            return list(self.events)

    def clear(self) -> None:
        with self._cond:
            self.events.clear()
            self.extra.clear()

    def summary(self) -> list[tuple[str, str, str | None]]:
        return [(e.kind, e.name, e.old_name) for e in self.events]


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "sources"
    root.mkdir()
    (root / "article.txt").write_text("first version\n", encoding="utf-8")
    return root


@pytest.fixture
def watcher(folder: Path, recorder: Recorder) -> Iterator[SourceWatcher]:
    w = SourceWatcher(recorder, suffixes=SUFFIXES, **FAST)
    recorder.watcher = w
    w.watch(folder)
    w.start()
    yield w
    w.stop()


@pytest.fixture
def make_watcher() -> Iterator[Callable[..., SourceWatcher]]:
    """Build a watcher with the fast test delays (overridable); every one is stopped afterwards."""
    made: list[SourceWatcher] = []

    def make(callback: Callable[[SourceEvent], object], **options: float) -> SourceWatcher:
        w = SourceWatcher(callback, **{"suffixes": SUFFIXES, **FAST, **options})
        if isinstance(callback, Recorder):
            callback.watcher = w
        made.append(w)
        return w

    yield make
    for w in made:
        w.stop()


@pytest.fixture
def make_recorder() -> Callable[..., Recorder]:
    return Recorder
