"""The shape every reader returns: normalised text, a page map, and safe reading of files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotator.core.textload import LoadError, NotRegularFile, read_bytes
from annotator.formats.extracted import Extracted, Incomplete, clean_paragraph, join_paragraphs
from annotator.formats.source_file import check_text_size


def test_page_at_gives_the_page_of_the_last_breakpoint_at_or_before() -> None:
    got = Extracted("x" * 100, pages=((0, "iv"), (40, "1"), (70, "2")))
    assert [got.page_at(o) for o in (0, 39, 40, 41, 69, 70, 99)] == [
        "iv", "iv", "1", "1", "1", "2", "2",
    ]  # fmt: skip
    assert Extracted("x").page_at(0) is None
    assert Extracted("x", pages=((5, "3"),)).page_at(2) is None


def test_paragraphs_are_normalised() -> None:
    raw = [
        "  Xi\u00a0Jinping  met \u2009Putin.  \r\nA second line\t \n\n\n",
        "",
        "Cafe\u0301 trans\u00adcontinental\u200b talks\x07",
        "   \n  ",
        "Last\u2028line",
    ]
    assert join_paragraphs(raw) == (
        "Xi Jinping met Putin.\nA second line\n\nCafé transcontinental talks\n\nLast\nline"
    )


def test_a_paragraph_never_holds_a_blank_line() -> None:
    assert clean_paragraph("one\n\n\n \ntwo") == "one\ntwo"


def test_incomplete_is_a_load_error() -> None:
    # Callers that only know LoadError still refuse the file; the watcher can tell and retry.
    assert issubclass(Incomplete, LoadError)


def test_read_bytes_with_a_limit_reads_under_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.7")
    assert read_bytes(path, 100, "PDF") == b"%PDF-1.7"


def test_read_bytes_with_a_limit_refuses_what_is_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_bytes(b"x" * 3 * 1_048_576)
    with pytest.raises(LoadError, match="big.html is 3.0 MB; web page files over 2 MB are not"):
        read_bytes(path, 2 * 1_048_576, "web page")


def test_read_bytes_with_a_limit_names_missing_files_and_folders(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="gone.docx does not exist"):
        read_bytes(tmp_path / "gone.docx", 100, "Word")
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    with pytest.raises(LoadError, match="folder.pdf is a folder"):
        read_bytes(folder, 100, "PDF")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_read_bytes_with_a_limit_never_opens_a_fifo(tmp_path: Path, finishes) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFile, match=r"pipe.pdf is not a regular file \(a FIFO\)"):
        finishes(lambda: read_bytes(fifo, 100, "PDF"))


def test_extracted_text_over_20_mb_is_refused(tmp_path: Path) -> None:
    check_text_size("é" * 10_000_000, tmp_path / "ok.pdf")  # 20,000,000 bytes: just fits
    with pytest.raises(LoadError, match="the text of long.pdf is over 20 MB"):
        check_text_size("é" * 10_500_000, tmp_path / "long.pdf")
