"""The settling rules on a fake clock and a fake disk: no observer, no sleeping."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.watch.settle import Outcome, Settler, Timing

TIMING = Timing(close_delay=0.05, modify_delay=0.6, stable_look=0.05, writer_hold=10.0)


class Disk:
    """A fake file system: path -> (size, mtime_ns)."""

    def __init__(self, *paths: str) -> None:
        self.files = {path: (10, 1) for path in paths}

    def look(self, path: str):
        return self.files.get(path)

    def write(self, path: str) -> None:
        size, mtime = self.files.get(path, (0, 0))
        self.files[path] = (size + 1, mtime + 1)


def run(settler: Settler, disk: Disk, start: float, until: float, step: float = 0.01):
    outcomes, now = [], start
    while now <= until:
        outcomes += settler.settle(now, disk.look)
        now += step
    return outcomes


def test_close_write_settles_after_close_delay_and_a_stable_look():
    disk = Disk("a.txt")
    settler = Settler(TIMING, {"a.txt"})
    settler.written("a.txt", 0.0)
    settler.closed("a.txt", 0.0)
    assert settler.settle(0.04, disk.look) == []
    assert settler.settle(0.06, disk.look) == []  # first look
    assert settler.settle(0.12, disk.look) == [Outcome("changed", "a.txt")]
    assert len(settler) == 0


def test_a_file_that_keeps_changing_is_not_reported_until_it_is_stable():
    disk = Disk("a.txt")
    settler = Settler(TIMING, {"a.txt"})
    settler.closed("a.txt", 0.0)
    assert settler.settle(0.06, disk.look) == []
    disk.write("a.txt")  # written again without an event reaching us
    assert settler.settle(0.12, disk.look) == []
    assert settler.settle(0.18, disk.look) == [Outcome("changed", "a.txt")]


def test_writer_that_never_closes_is_held_until_writer_hold():
    disk = Disk("a.txt")
    settler = Settler(TIMING, {"a.txt"})
    settler.written("a.txt", 0.0)
    assert run(settler, disk, 0.0, 9.9) == []
    assert run(settler, disk, 10.0, 11.5) == [Outcome("changed", "a.txt")]


def test_delete_waits_for_modify_delay_and_reports_only_known_files():
    disk = Disk()
    settler = Settler(TIMING, {"a.txt"})
    settler.vanished("a.txt", 0.0)
    settler.vanished("scratch.txt", 0.0)
    assert settler.settle(0.5, disk.look) == []
    assert settler.settle(0.7, disk.look) == [Outcome("deleted", "a.txt")]
    assert settler.known == set()


def test_rename_chain_is_one_move_from_the_first_name():
    disk = Disk("c.txt")
    settler = Settler(TIMING, {"a.txt"})
    settler.moved("a.txt", "b.txt", 0.0)
    settler.moved("b.txt", "c.txt", 0.01)
    assert run(settler, disk, 0.0, 1.0) == [Outcome("moved", "c.txt", "a.txt")]
    assert settler.known == {"c.txt"}


def test_rename_of_an_unknown_file_is_a_change():
    disk = Disk("b.txt")
    settler = Settler(TIMING, set())
    settler.moved("a.txt", "b.txt", 0.0)
    assert run(settler, disk, 0.0, 1.0) == [Outcome("changed", "b.txt")]


def test_rename_then_delete_reports_the_original_as_deleted():
    disk = Disk()
    settler = Settler(TIMING, {"a.txt"})
    settler.moved("a.txt", "b.txt", 0.0)
    settler.vanished("b.txt", 0.01)
    assert run(settler, disk, 0.0, 1.0) == [Outcome("deleted", "a.txt")]


def test_forget_drops_paths_no_longer_watched():
    settler = Settler(TIMING, {"keep/a.txt", "drop/b.txt"})
    settler.written("drop/b.txt", 0.0)
    settler.forget(lambda path: path.startswith("keep/"))
    assert len(settler) == 0 and settler.known == {"keep/a.txt"}


@pytest.mark.parametrize("name", ["close_delay", "modify_delay", "stable_look", "writer_hold"])
def test_negative_delays_are_refused(name):
    with pytest.raises(ValueError, match=name):
        Timing(**{name: -1})


SIGNALS = ["written", "appeared", "closed", "vanished", "moved_in"]


@given(
    steps=st.lists(st.tuples(st.sampled_from(SIGNALS), st.floats(0, 0.2)), min_size=1),
    was_known=st.booleans(),
    exists_at_end=st.booleans(),
)
def test_any_burst_on_one_path_settles_to_at_most_one_truthful_outcome(
    steps, was_known, exists_at_end
):
    settler = Settler(TIMING, {"a.txt"} if was_known else set())
    now = 0.0
    for signal, gap in steps:
        now += gap
        getattr(settler, signal)("a.txt", now)
    disk = Disk("a.txt") if exists_at_end else Disk()
    outcomes = run(settler, disk, now, now + TIMING.writer_hold + 2, step=0.25)
    if exists_at_end:
        assert outcomes == [Outcome("changed", "a.txt")]
        assert settler.known == {"a.txt"}
    else:
        assert outcomes == ([Outcome("deleted", "a.txt")] if was_known else [])
        assert settler.known == set()
    assert len(settler) == 0
