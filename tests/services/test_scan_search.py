"""A scan leaves its texts queued for the search index: searches find them all the same, a stopped
scan or a killed process leaves the index whole, and the command line finishes the queue."""

from __future__ import annotations

import subprocess
import sys

import pytest

from annotator.cli.main import main
from annotator.services.batches import index_for_search
from annotator.services.sources import add_paths, scan
from annotator.store.library import Library


def index_is_whole(lib) -> bool:
    """The documents' search index holds exactly the words of the documents as they are now
    (compared, token by token, with an index built afresh from them)."""
    db = lib.db
    db.execute(
        "CREATE VIRTUAL TABLE temp.fresh USING fts5(title, text, note, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    try:
        db.execute(
            "INSERT INTO temp.fresh (rowid, title, text, note) "
            "SELECT id, title, text, note FROM documents"
        )
        db.execute("CREATE VIRTUAL TABLE temp.kept USING fts5vocab(main, documents_fts, instance)")
        db.execute("CREATE VIRTUAL TABLE temp.made USING fts5vocab(temp, fresh, instance)")
        rows = "SELECT term, doc, col, offset FROM temp.{}"
        differ = db.execute(
            f"SELECT count(*) FROM ({rows.format('kept')} EXCEPT {rows.format('made')}) "
            f"UNION ALL SELECT count(*) FROM ({rows.format('made')} EXCEPT {rows.format('kept')})"
        ).fetchall()
        return differ == [(0,), (0,)]
    finally:
        for table in ("kept", "made", "fresh"):
            db.execute(f"DROP TABLE IF EXISTS temp.{table}")


def hits(lib: Library, words: str) -> set[str]:
    return {lib.documents.get(hit.document_id).path for hit in lib.search.documents(words)}


@pytest.fixture
def project(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    for i in range(6):
        (folder / f"a{i}.txt").write_text(f"Report {i}\n\nGrain crossed the Amur at post {i}.")
    path = tmp_path / "p.annotator"
    with Library.open(path) as lib:
        add_paths(lib, [folder])
        index_for_search(lib)
    return path, folder


def test_a_search_right_after_a_scan_finds_new_and_changed_documents(project):
    path, folder = project
    (folder / "new.txt").write_text("Copper\n\nCopper exports to Harbin doubled.")
    (folder / "a1.txt").write_text("Report 1\n\nThe Amur bridge froze over in January.")
    with Library.open(path) as lib:
        report = scan(lib)
        assert [d.path for d in report.new] == ["new.txt"] and len(report.changed) == 1
        assert lib.search.pending() == 2  # left for later: the scan did not index them
        assert not index_is_whole(lib)
        assert hits(lib, "harbin copper") == {"new.txt"}
        assert hits(lib, "janu") == {"a1.txt"} and hits(lib, "post 1") == set()
        assert hits(lib, "grain") == {f"a{i}.txt" for i in (0, 2, 3, 4, 5)}
        assert index_for_search(lib) == 0 and index_is_whole(lib)
        assert hits(lib, "harbin copper") == {"new.txt"} and hits(lib, "post 1") == set()


def test_a_stopped_scan_leaves_the_index_whole(project):
    path, folder = project
    for i in range(6):
        (folder / f"a{i}.txt").write_text(f"Report {i}\n\nWheat went by rail to Harbin, lot {i}.")
    with Library.open(path) as lib:
        report = scan(lib, progress=lambda done, _total, _name: done <= 3)
        assert report.cancelled and len(report.changed) == 3
        assert len(hits(lib, "wheat")) == 3 and len(hits(lib, "grain")) == 3
        stopped = index_for_search(lib, progress=lambda done, _total, _name: done == 0, size=1)
        assert stopped == 2  # the indexing itself stops between two slices
        assert len(hits(lib, "wheat")) == 3 and len(hits(lib, "grain")) == 3
        assert index_for_search(lib) == 0 and index_is_whole(lib)
        scan(lib)
        assert len(hits(lib, "wheat")) == 6 and hits(lib, "grain") == set()
        assert index_for_search(lib) == 0 and index_is_whole(lib)


def test_a_queue_left_by_a_killed_scan_is_indexed_at_the_next_open(project):
    path, folder = project
    (folder / "new.txt").write_text("Copper\n\nCopper exports to Harbin doubled.")
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, signal, sys\n"
            "from annotator.services.sources import scan\n"
            "from annotator.store.library import Library\n"
            "lib = Library.open(sys.argv[1])\n"
            "scan(lib)\n"
            "os.kill(os.getpid(), signal.SIGKILL)\n",
            str(path),
        ],
        check=False,
    )
    assert killed.returncode == -9
    with Library.open(path) as lib:
        assert lib.search.pending() == 1 and hits(lib, "copper") == {"new.txt"}
    assert main(["--project", str(path), "docs"]) == 0  # any command: indexed on opening
    with Library.open(path) as lib:
        assert lib.search.pending() == 0 and index_is_whole(lib)
        assert hits(lib, "copper") == {"new.txt"}


def test_the_command_line_scan_leaves_every_text_indexed(project, capsys):
    path, folder = project
    (folder / "new.txt").write_text("Copper\n\nCopper exports to Harbin doubled.")
    assert main(["--project", str(path), "scan"]) == 0
    assert main(["--project", str(path), "search", "copper harb"]) == 0
    assert "new.txt" not in capsys.readouterr().err
    with Library.open(path) as lib:
        assert lib.search.pending() == 0 and index_is_whole(lib)
        rows = lib.db.execute(
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'copper'"
        ).fetchall()
        assert [lib.documents.get(r[0]).path for r in rows] == ["new.txt"]
