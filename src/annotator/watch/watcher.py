"""SourceWatcher: watch source folders and files, report settled changes on a worker thread.

Raw watchdog events arrive on the observer's thread and only update per-path bookkeeping (see
``settle.Settler``); a single worker thread decides when each path has settled and calls the
callback with one ``SourceEvent`` per settled change. What each save style comes out as:

- write in place, temp file + ``os.replace`` (gedit, VS Code), delete then create, vim's
  rename-to-backup dance, and any burst of quick writes: ONE "changed" for the file;
- a rename between two source names: "moved" (``old_path`` -> ``path``), also when it replaces
  an existing file (the service decides what becomes of the replaced document); moving a
  sub-folder gives one "moved" per source file inside it; a file or folder moved in from outside
  gives "changed" per file;
- a delete, or a rename to a temporary, hidden or foreign name that is not undone within
  ``modify_delay``: "deleted", once, and only for a file that existed (temporary files that come
  and go say nothing);
- a watched root folder that disappears: "deleted" for each file in it; the watcher keeps
  checking and reports every file as "changed" once the folder is back.

A file that was written to but not closed is held (up to ``writer_hold``) however long the
writer pauses, so a slow writer is never reported half-written. Before "changed", size and mtime
must stay the same across ``stable_look``. A file inside two watched roots (a folder and a file
in it) gets one event per root. Reading a file (ours or anyone's) reports nothing. While
stopped, nothing is reported, and after ``stop()`` returns the callback is never called again.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from annotator.core.filenames import normalise_suffixes
from annotator.watch.events import SourceEvent, WatchError
from annotator.watch.roots import (
    Root,
    Watch,
    WatchKey,
    describe_root,
    events_for,
    folder_ident,
    places,
    scan_root,
    watch_error,
)
from annotator.watch.settle import Settler, Timing

__all__ = ["SourceEvent", "SourceWatcher", "WatchError", "ignore_double_registration"]

logger = logging.getLogger("annotator.watch")

# watchdog warns when a new folder is registered twice (mkdir -p races its own scan). It is
# harmless, but printed to stderr it alarms users, and as an error it kills watchdog's thread.
CALLBACK_WARNING = r"Callback with id '.*' already exists for watch"


def ignore_double_registration() -> None:
    """Silence watchdog's harmless double-registration warning, process-wide: for programs to
    call once at start-up (the app does); importing this module changes no filter."""
    warnings.filterwarnings("ignore", CALLBACK_WARNING, RuntimeWarning, r"watchdog\.")


# Opens and no-write closes come from every reader, our own loads included: reacting to them would
# reload forever. Attribute changes (chmod, touch) do not change the text.
_IGNORED_EVENT_TYPES = frozenset({"opened", "closed_no_write", "attrib"})


class _Handler(FileSystemEventHandler):
    """Forward raw events; never let an exception kill the observer thread."""

    def __init__(self, sink: Callable[[FileSystemEvent], None]) -> None:
        self._sink = sink

    def dispatch(self, event: FileSystemEvent) -> None:
        try:
            self._sink(event)
        except Exception:
            logger.exception("Could not handle file-system event %r", event)


class SourceWatcher:
    """Watch source folders and single files; call ``callback`` with settled ``SourceEvent``\\ s.

    The callback runs on the watcher's own thread ("annotator-watch"); exceptions it raises are
    logged and the watcher carries on. ``close_delay`` is the quiet time after a close-write or a
    rename into place, ``modify_delay`` the quiet time after a write with no close yet or a delete.
    ``suffixes`` chooses the source files inside watched folders (a file watched on its own is
    reported whatever its suffix). ``stable_look``: the size/mtime look before "changed";
    ``writer_hold``: the longest wait for a writer that never closes; ``root_poll``: how often
    vanished or renamed roots are checked for.
    """

    def __init__(
        self,
        callback: Callable[[SourceEvent], None],
        *,
        suffixes: Iterable[str],
        close_delay: float = 0.05,
        modify_delay: float = 0.6,
        stable_look: float = 0.05,
        writer_hold: float = 10.0,
        root_poll: float = 1.0,
    ) -> None:
        if isinstance(suffixes, str):
            suffixes = (suffixes,)
        self._callback = callback
        self._suffixes = normalise_suffixes(suffixes)
        self._timing = Timing(close_delay, modify_delay, stable_look, writer_hold)
        self._root_poll = root_poll
        self._roots: dict[str, Root] = {}
        self._watches: dict[WatchKey, Watch] = {}
        self._known: set[str] = set()
        self._settler = Settler(self._timing, self._known)
        # _lock guards the bookkeeping and is never held while calling the observer: the observer
        # holds its own lock while it calls our handler, which takes _lock.
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._control = threading.RLock()  # serialises watch/start/stop
        self._handler = _Handler(self._on_raw_event)
        self._observer: BaseObserver | None = None
        self._worker: threading.Thread | None = None
        self._stopping = True

    # ----------------------------------------------------------------- public API

    @property
    def pending(self) -> int:
        """How many paths have changed and are not settled yet (e.g. for a "syncing..." hint)."""
        with self._lock:
            return len(self._settler)

    @property
    def roots(self) -> list[Path]:
        """The watched roots, as given to watch()."""
        with self._lock:
            return [root.path for root in self._roots.values()]

    def watch(self, root: Path | str) -> None:
        """Watch a folder (recursively) or a single file. Watching a root twice does nothing.

        Raises WatchError if the path does not exist, is neither a folder nor a regular file,
        cannot be read, or the system refuses to watch it.
        """
        with self._control:
            new = describe_root(root)
            with self._lock:
                if str(new.path) in self._roots:
                    return
                self._roots[str(new.path)] = new
                watch = self._watches.setdefault(new.key, Watch())
                watch.users.add(str(new.path))
            if self._observer is None:
                return  # start() schedules and scans every root
            if watch.observed is None:
                try:
                    self._schedule(new.key, watch)
                except WatchError:
                    self._drop_root(new)
                    raise
            files = scan_root(new, self._suffixes)
            with self._lock:
                self._known.update(files)
            logger.info("Watching %s", new.path)

    def unwatch(self, root: Path | str) -> None:
        """Stop watching a root given to ``watch`` (a source taken out of the project); its
        folder's watch goes when no other root needs it. An unknown root does nothing."""
        with self._control:
            with self._lock:
                known = self._roots.get(os.path.abspath(os.path.expanduser(root)))
            if known is not None:
                self._drop_root(known)

    def start(self) -> None:
        """Start the observer and the worker thread. Roots that have gone missing are logged and
        watched again as soon as they reappear."""
        with self._control:
            if self._observer is not None:
                return
            try:
                observer = Observer()  # inotify: fails when the per-user instance limit is hit
            except OSError as error:
                raise watch_error("source folders", error) from error
            observer.start()
            self._observer = observer
            with self._lock:
                self._stopping = False
                self._settler.clear()
                watches = list(self._watches.items())
            for key, watch in watches:
                try:
                    self._schedule(key, watch)
                except WatchError as error:
                    with self._lock:
                        watch.lost = True
                    logger.warning("%s Waiting for it to come back.", error)
            with self._lock:
                roots = list(self._roots.values())
            files = [path for root in roots for path in scan_root(root, self._suffixes)]
            with self._lock:
                self._known.clear()
                self._known.update(files)
            self._worker = threading.Thread(target=self._run, name="annotator-watch", daemon=True)
            self._worker.start()

    def stop(self) -> None:
        """Stop and join the observer and the worker thread. Safe to call twice, and from the
        callback itself (the worker then ends as soon as the callback returns)."""
        with self._control:
            with self._wake:
                self._stopping = True
                self._wake.notify_all()
            observer, self._observer = self._observer, None
            worker, self._worker = self._worker, None
            if observer is not None:
                observer.stop()
                observer.join()
            if worker is not None and worker is not threading.current_thread():
                worker.join()
            with self._lock:
                self._settler.clear()
                for watch in self._watches.values():
                    watch.observed = None
                    watch.lost = False

    def __enter__(self) -> SourceWatcher:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # ----------------------------------------------------------------- roots and watches

    def _schedule(self, key: WatchKey, watch: Watch) -> None:
        """(Re)schedule a watch on the running observer; call with _control held."""
        observer = self._observer
        assert observer is not None
        self._unschedule(watch)  # a dead emitter would stop a new one from being created
        folder, recursive = key
        ident = folder_ident(folder)
        if ident is None:
            raise WatchError(f"Cannot watch {folder}: it does not exist.")
        try:
            observed = observer.schedule(self._handler, folder, recursive=recursive)
        except OSError as error:
            raise watch_error(folder, error) from error
        with self._lock:
            watch.observed, watch.ident, watch.lost = observed, ident, False

    def _drop_root(self, root: Root) -> None:
        """Forget a root and, if no other root needs it, its watch; call with _control held."""
        with self._lock:
            self._roots.pop(str(root.path), None)
            watch = self._watches.get(root.key)
            unused = watch is not None and not (watch.users - {str(root.path)})
            if watch is not None:
                watch.users.discard(str(root.path))
            if unused:
                del self._watches[root.key]
            self._settler.forget(lambda path: bool(self._where(path)))
        if unused and watch is not None:
            self._unschedule(watch)

    def _unschedule(self, watch: Watch) -> None:
        """Remove a watch from the observer; call with _control held."""
        observed, watch.observed = watch.observed, None
        if observed is not None and self._observer is not None:
            try:
                self._observer.unschedule(observed)
            except KeyError:
                pass  # the observer already dropped it

    def _poll_roots(self) -> None:
        """Notice roots that were deleted or renamed away, and watch again those that are back."""
        if self._observer is None or not self._control.acquire(blocking=False):
            return  # busy with watch/stop: try again next round
        try:
            if self._observer is None:
                return
            with self._lock:
                watches = list(self._watches.items())
            for key, watch in watches:
                ident = folder_ident(key[0])
                if not watch.lost and ident != watch.ident:
                    with self._lock:
                        self._lose(key, time.monotonic())
                    self._unschedule(watch)  # renamed away: its events would carry stale paths
                if watch.lost and ident is not None:
                    self._recover(key, watch)
        finally:
            self._control.release()

    def _recover(self, key: WatchKey, watch: Watch) -> None:
        try:
            self._schedule(key, watch)
        except WatchError as error:
            logger.debug("Still cannot watch: %s", error)
            return
        with self._lock:
            roots = [self._roots[user] for user in watch.users if user in self._roots]
        files = [path for root in roots for path in scan_root(root, self._suffixes)]
        now = time.monotonic()
        with self._wake:
            for path in files:
                self._settler.moved_in(path, now)
            self._wake.notify_all()
        for root in roots:
            logger.info("Watching %s again", root.path)

    def _lose(self, key: WatchKey, now: float) -> None:
        """A watched folder is gone: its files are reported deleted unless they come back soon.
        Call with _lock held."""
        watch = self._watches.get(key)
        if watch is None or watch.lost:
            return
        watch.lost = True
        for user in watch.users:
            root = self._roots[user]
            logger.warning("%s has disappeared; its files will be reported deleted.", root.path)
            for path in list(self._known):
                if any(r is root for r, _ in self._where(path)):
                    self._settler.vanished(path, now)
        self._wake.notify_all()

    # ----------------------------------------------------------------- events

    def _where(self, real: str) -> list[tuple[Root, Path]]:
        return places(self._roots.values(), self._suffixes, real)

    def _on_raw_event(self, event: FileSystemEvent) -> None:
        kind = event.event_type
        if kind in _IGNORED_EVENT_TYPES:
            return
        src = os.fsdecode(event.src_path)
        dest = os.fsdecode(event.dest_path) if event.dest_path else ""
        now = time.monotonic()
        with self._wake:
            if self._stopping:
                return
            if event.is_directory:
                if kind == "deleted":
                    self._folder_gone(src, now)
                return
            settler = self._settler
            relevant = bool(self._where(src))
            if kind == "created" and relevant:
                settler.appeared(src, now)
            elif kind == "modified" and relevant:
                settler.written(src, now)
            elif kind == "closed" and relevant:
                settler.closed(src, now)
            elif kind == "deleted" and relevant:
                settler.vanished(src, now)
            elif kind == "moved":
                lands = bool(self._where(dest))
                if relevant and lands:
                    settler.moved(src, dest, now)
                elif relevant:
                    settler.vanished(src, now)
                elif lands:
                    settler.moved_in(dest, now)
            self._wake.notify_all()

    def _folder_gone(self, folder: str, now: float) -> None:
        for key in [key for key in self._watches if key[0] == folder]:
            self._lose(key, now)
        prefix = folder + os.sep
        for path in [p for p in self._known if p.startswith(prefix)]:
            self._settler.vanished(path, now)

    def _run(self) -> None:
        next_poll = time.monotonic() + self._root_poll
        while True:
            with self._wake:
                while True:
                    if self._stopping:
                        return
                    now = time.monotonic()
                    due = self._settler.next_due()
                    if (due is not None and due <= now) or now >= next_poll:
                        break
                    self._wake.wait((next_poll if due is None else min(due, next_poll)) - now)
                events: list[SourceEvent] = []
                if due is not None and due <= now:
                    for outcome in self._settler.settle(now):
                        events.extend(events_for(outcome, self._where))
            if now >= next_poll:
                next_poll = now + self._root_poll
                self._poll_roots()
            for event in events:
                if self._stopping:
                    return
                logger.debug("%s", event)
                try:
                    self._callback(event)
                except Exception:
                    logger.exception("The watch callback failed on %s", event)
