"""The command line against hostile input: special files, bad bytes, damaged or missing projects."""

from __future__ import annotations

import json
import os
import random

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


@pytest.mark.parametrize("how", ["garbage after the header", "truncated", "a damaged page"])
def test_a_damaged_project_gives_a_message_on_every_command(tmp_path, run, how):
    texts = tmp_path / "texts"
    texts.mkdir()
    for n in range(20):
        (texts / f"doc{n}.txt").write_text(f"Doc {n} MARK{n:02d} " + "words " * 900)
    project = tmp_path / "p.annotator"
    assert run("--project", project, "add", texts)[0] == 0
    data = bytearray(project.read_bytes())
    if how == "garbage after the header":
        data[100:] = random.Random(1).randbytes(len(data) - 100)
    elif how == "truncated":
        del data[len(data) // 2 :]
    else:
        page = data.index(b"MARK07") // 4096
        data[page * 4096 : (page + 1) * 4096] = random.Random(15).randbytes(4096)
    project.write_bytes(bytes(data))
    commands = [
        ["docs"],
        ["search", "words"],
        ["excerpts"],
        ["tags"],
        ["scan"],
        ["export", "--format", "md", "--out", tmp_path / "b.md"],
    ]
    refused = 0
    for command in commands:
        status, out, err = run("--project", project, *command)
        assert "Traceback" not in err
        if status:
            assert err.startswith("annotator: p.annotator is "), (command, err)
            assert "damaged" in err or "not an Annotator project" in err, (command, err)
            refused += 1
    assert refused >= 3


def test_read_commands_work_on_a_project_on_read_only_media(tmp_path, run, seeds, monkeypatch):
    project = tmp_path / "p.annotator"
    assert run("--project", project, "add", seeds)[0] == 0
    run("--project", project, "tag", "add", "Energy")
    name = sorted(p.name for p in seeds.glob("*.txt"))[0]
    run("--project", project, "annotate", name, "--start", 0, "--end", 10, "--tag", "Energy")
    real_access = os.access
    folder = str(tmp_path)

    def read_only_folder(path, mode, **kwargs):
        if mode & os.W_OK and os.fspath(path) == folder:
            return False
        return real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", read_only_folder)  # as root nothing else is refused
    status, out, err = run("--project", project, "docs")
    assert status == 0 and name in out
    status, out, err = run("--project", project, "excerpts", "--tag", "Energy")
    assert status == 0 and "1 excerpt" in out
    elsewhere = tmp_path / "out"
    elsewhere.mkdir()
    status, out, err = run(
        "--project", project, "export", "--format", "w3c", "--out", elsewhere / "a.json"
    )
    assert status == 0 and (elsewhere / "a.json").is_file()
    status, out, err = run("--project", project, "tag", "add", "Other")
    assert status == 1
    assert err == (
        "annotator: p.annotator is read-only (its folder is read-only); changes cannot be saved\n"
    )


def test_control_characters_from_files_never_reach_the_terminal(tmp_path, run):
    folder = tmp_path / "texts"
    folder.mkdir()
    name = "evil\x1b[2J\x07name\r.txt"
    (folder / name).write_text("Title \x1b]0;pwned\x07 with \x9b31m C1\n\nBody text.\n")
    project = tmp_path / "p.annotator"
    outputs = [run("--project", project, "add", folder)]
    outputs.append(run("--project", project, "docs"))
    outputs.append(run("--project", project, "scan"))
    for status, out, err in outputs:
        assert status == 0
        for text in (out, err):
            assert not any(ch in text for ch in "\x1b\x07\r\x9b"), text
    assert "evil\\u001b[2J\\u0007name\\u000d.txt" in outputs[1][1]
    # JSON output stays valid and gives the same characters back to a program.
    status, out, _ = run("--project", project, "docs", "--json")
    assert "\x9b" not in out
    [doc] = json.loads(out)
    assert doc["path"] == name and "\x9b31m" in doc["title"]
