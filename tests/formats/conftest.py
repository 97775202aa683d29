"""The formats tests' helper: a recorder of the real watcher's events."""

from __future__ import annotations

import threading

import pytest

from annotator.watch.watcher import SourceEvent


class Events:
    """Collects a watcher's events (from its thread) and lets a test wait for one."""

    def __init__(self) -> None:
        self.events: list[SourceEvent] = []
        self._cond = threading.Condition()

    def __call__(self, event: SourceEvent) -> None:
        with self._cond:
            self.events.append(event)
            self._cond.notify_all()

    def wait_for(self, name: str, timeout: float = 10.0) -> SourceEvent | None:
        with self._cond:
            self._cond.wait_for(
                lambda: any(e.path.name == name for e in self.events), timeout=timeout
            )
            return next((e for e in self.events if e.path.name == name), None)


@pytest.fixture
def events():
    return Events()
