"""The command line against hostile input: special files, bad bytes, damaged or missing projects."""

from __future__ import annotations

import os

import pytest


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


@pytest.mark.parametrize("fmt", ["docx", "md", "csv", "w3c", "qdpx", "qdc"])
def test_no_export_overwrites_the_project_or_a_source(tmp_path, run, seeds, fmt):
    project = tmp_path / "p.annotator"
    assert run("--project", project, "add", seeds)[0] == 0
    run("--project", project, "tag", "add", "Energy")
    name = sorted(p.name for p in seeds.glob("*.txt"))[0]
    run("--project", project, "annotate", name, "--start", 0, "--end", 10, "--tag", "Energy")
    before = (seeds / name).read_bytes()
    for target in (project, f"{project}-wal", seeds / name):
        status, _, err = run("--project", project, "export", "--format", fmt, "--out", target)
        assert status == 1 and err.startswith("annotator: ") and "nothing was written" in err
    assert (seeds / name).read_bytes() == before
    status, out, err = run("--project", project, "docs")  # the project is whole
    assert status == 0 and name in out
