"""Reading many files ahead in other processes gives what reading them here gives, in order."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from annotator.core.content import SourceContent
from annotator.core.textload import LoadError
from annotator.services import read_ahead
from annotator.services.read_ahead import read_all, read_one
from annotator.services.sources import add_paths, scan
from annotator.store.library import Library


def corpus(folder: Path, n: int) -> list[Path]:
    folder.mkdir()
    files = []
    for i in range(n):
        path = folder / f"a{i:03d}.txt"
        path.write_text(f"Report {i}\n\nGrain went through Vladivostok in week {i}.", "utf-8")
        files.append(path)
    (folder / "b-binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    files.append(folder / "b-binary.txt")
    files.append(folder / "c-missing.txt")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "d-fifo.txt")
        files.append(folder / "d-fifo.txt")
    return files


def test_other_processes_read_the_same_contents_and_errors_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(read_ahead, "MIN_FILES", 1)
    monkeypatch.setattr(read_ahead, "CHUNK", 3)  # several tasks, some of them queued
    files = corpus(tmp_path / "texts", 40)
    here = [(file, read_one(file)) for file in files]
    there = list(read_all(files, workers=2))
    assert [file for file, _ in there] == files
    for (_, mine), (_, theirs) in zip(here, there, strict=True):
        if isinstance(mine, SourceContent):
            assert theirs == mine
        else:
            assert isinstance(theirs, LoadError) and type(theirs) is type(mine)
            assert str(theirs) == str(mine)
    refused = [str(result) for _, result in there if isinstance(result, LoadError)]
    assert any("does not exist" in why for why in refused)
    assert len(refused) == len(files) - 40


def test_stopping_early_leaves_no_reader_waiting(tmp_path, monkeypatch, finishes):
    monkeypatch.setattr(read_ahead, "MIN_FILES", 1)
    files = corpus(tmp_path / "texts", 200)
    reads = read_all(files, workers=1)

    def first_then_stop() -> None:
        next(reads)
        reads.close()

    finishes(first_then_stop)


@pytest.mark.parametrize("workers", [0, 1])
def test_a_scan_reads_ahead_with_the_same_outcome(tmp_path, monkeypatch, workers):
    monkeypatch.setattr(read_ahead, "MIN_FILES", 1)
    monkeypatch.setattr(read_ahead, "_workers", lambda: workers)
    folder = tmp_path / "texts"
    corpus(folder, 30)
    with Library.open(tmp_path / "p.annotator") as library:
        added = add_paths(library, [folder])
        assert len(added.added) == 30
        assert {Path(path).name for path, _ in added.refused} >= {"b-binary.txt", "d-fifo.txt"}
        (folder / "a000.txt").write_text("Report 0\n\nGrain went through Harbin.", "utf-8")
        (folder / "a001.txt").unlink()
        (folder / "e-new.txt").write_text("Report new\n\nCopper went to Harbin.", "utf-8")
        report = scan(library)
        assert [doc.path for doc in report.new] == ["e-new.txt"]
        assert [doc.path for doc in report.missing] == ["a001.txt"]
        assert [library.documents.get(r.document_id).path for r in report.changed] == [
            "a000.txt"
        ]
        assert report.unchanged == 28


def test_a_format_registered_at_run_time_is_read_here(tmp_path, monkeypatch, toy_formats):
    # A worker starts with the package's formats only: it could not read a .toy file.
    monkeypatch.setattr(read_ahead, "MIN_FILES", 1)
    files = corpus(tmp_path / "texts", 5)
    (tmp_path / "texts" / "f.toy").write_text("a toy text", "utf-8")
    files.append(tmp_path / "texts" / "f.toy")
    got = dict(read_all(files, workers=1))
    assert got[tmp_path / "texts" / "f.toy"].text == "A TOY TEXT"


def test_a_reading_process_that_dies_leaves_the_rest_to_be_read_here(tmp_path, monkeypatch):
    # A reader crashing in a worker (a malformed PDF taking PDFium down) must not lose files.
    monkeypatch.setattr(read_ahead, "MIN_FILES", 1)
    monkeypatch.setattr(read_ahead, "CHUNK", 2)
    monkeypatch.setattr(read_ahead, "AHEAD", 1)
    files = corpus(tmp_path / "texts", 30)
    reads = read_all(files, workers=1)
    got = [next(reads)]
    for process in list(reads._pool._processes.values()):  # what a crash does to a worker
        os.kill(process.pid, signal.SIGKILL)
    got.extend(reads)
    assert [file for file, _ in got] == files
    assert [r.text for _, r in got[:30]] == [read_one(f).text for f in files[:30]]
