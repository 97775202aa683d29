"""The command line against hostile input: special files, bad bytes, damaged or missing projects."""

from __future__ import annotations

import os


def test_add_skips_a_fifo_and_notes_replaced_bytes(tmp_path, run, finishes):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_bytes("Déjà vu in Zürich, ".encode() + b"\xff" + b" again.")
    os.mkfifo(folder / "pipe.txt")
    project = tmp_path / "p.annotator"
    status, out, err = finishes(lambda: run("--project", project, "add", folder))
    assert status == 0
    assert "1 added, 0 already present, 1 refused" in out
    assert f"refused  {folder / 'pipe.txt'}: pipe.txt is not a regular file (a FIFO)" in err
    assert f"note     {folder / 'a.txt'}: 1 byte that is not UTF-8 was replaced" in err
    status, out, err = finishes(lambda: run("--project", project, "scan"))
    assert status == 0 and "pipe.txt is not a regular file" in err
