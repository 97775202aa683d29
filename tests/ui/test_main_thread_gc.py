"""Qt objects caught in reference cycles are destroyed on the GUI thread, never on a worker."""

import gc
import threading

from PySide6.QtCore import QObject

from annotator.ui.main_thread_gc import install


class _Witness:
    """Notes the thread that frees it: the thread the cycle collector ran on."""

    def __init__(self, record: list) -> None:
        self.record = record

    def __del__(self) -> None:
        self.record.append(threading.current_thread())


def _garbage_qobject(record: list) -> None:
    holder = QObject()
    holder.witness = _Witness(record)
    holder.itself = holder  # a reference cycle: only the cycle collector can free it


def test_a_qobject_in_a_cycle_dies_on_the_gui_thread_while_a_worker_allocates(qtbot, qapp):
    install(qapp)
    died_on: list[threading.Thread] = []
    _garbage_qobject(died_on)
    # A scan on the worker thread builds plenty of objects: Python's own collector would run
    # there, on whatever garbage exists, the QObject's cycle included.
    kept: list[list[list[int]]] = []
    worker = threading.Thread(target=lambda: kept.append([[index] for index in range(300_000)]))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(died_on), timeout=5000)
    assert died_on == [threading.main_thread()]


def test_the_collector_runs_only_when_python_would(qapp):
    collector = install(qapp)
    assert install(qapp) is collector  # one per application
    assert not gc.isenabled()
    gc.collect()
    assert collector.collect_due() == 0  # nothing allocated since: nothing to do


class _Busy:
    def __init__(self) -> None:
        self.busy_now = True

    def busy(self) -> bool:
        return self.busy_now


def test_a_full_collection_waits_while_a_worker_is_busy(qapp, monkeypatch):
    # A full collection walks every object (100-200 ms after a large scan): it waits for the
    # worker, the young generations do not.
    import time
    import weakref

    from annotator.ui import main_thread_gc
    from annotator.ui.main_thread_gc import postpone_full_collections_while_busy

    monkeypatch.setattr(main_thread_gc, "_WORKERS", weakref.WeakSet())  # this test's worker only
    collector = install(qapp)
    collector._last_full = time.monotonic()  # the app's collector may be older than the wait
    worker = _Busy()
    postpone_full_collections_while_busy(worker)
    gc.collect()
    full_before = gc.get_stats()[2]["collections"]
    for _ in range(gc.get_threshold()[2] + 2):  # enough young collections to make a full one due
        gc.collect(1)
    assert gc.get_count()[2] > gc.get_threshold()[2]
    collector.collect_due()
    assert gc.get_stats()[2]["collections"] == full_before
    worker.busy_now = False
    collector.collect_due()
    assert gc.get_stats()[2]["collections"] == full_before + 1
