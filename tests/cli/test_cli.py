"""The command line end to end: add, tags, annotate, excerpts, export and import, scan."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from annotator.bundled import seeds_dir
from annotator.services.defaults import default_project_path
from annotator.services.sources import add_paths
from annotator.store.library import Library


@pytest.fixture
def project(tmp_path, run, seeds):
    path = tmp_path / "work.annotator"
    status, out, err = run("--project", path, "add", seeds)
    assert status == 0, err
    return path


def doc_text(seeds, name):
    return (seeds / name).read_text(encoding="utf-8").replace("\r\n", "\n")


def test_add_reports_each_document(tmp_path, run, seeds):
    status, out, _ = run("--project", tmp_path / "p.annotator", "add", seeds)
    names = sorted(p.name for p in seeds.glob("*.txt"))
    assert status == 0
    assert out.strip().endswith(f"{len(names)} added, 0 already present, 0 refused")
    assert [line.split()[1] for line in out.splitlines() if line.startswith("added")] == names
    status, out, _ = run("--project", tmp_path / "p.annotator", "add", seeds)
    assert f"0 added, {len(names)} already present" in out


def test_tags_tree_with_parent_and_colour(project, run, run_json):
    assert run("--project", project, "tag", "add", "Energy", "--color", "#AA3300")[0] == 0
    status, out, _ = run("--project", project, "tag", "add", "Gas", "--parent", "Energy")
    assert status == 0 and "Energy/Gas" in out
    tags = run_json("--project", project, "tags")
    assert [(t["path"], t["parent_id"] is None) for t in tags] == [
        ("Energy", True),
        ("Energy/Gas", False),
    ]
    assert tags[0]["color"] == "#aa3300"
    status, _, err = run("--project", project, "tag", "add", "gas", "--parent", "Energy")
    assert status == 1 and "already exists" in err
    status, _, err = run("--project", project, "tag", "add", "X", "--color", "blue")
    assert status == 1 and "#RRGGBB" in err
    status, _, err = run("--project", project, "tag", "add", "X", "--parent", "Nope")
    assert status == 1 and "Nope" in err
    status, out, _ = run("--project", project, "tags")
    assert out.splitlines()[0].startswith("Energy") and out.splitlines()[1].startswith("  Gas")


def test_annotate_by_offsets_and_by_quote(project, run, run_json, seeds, quote_of):
    run("--project", project, "tag", "add", "Energy")
    run("--project", project, "tag", "add", "Gas", "--parent", "Energy")
    docs = run_json("--project", project, "docs")
    first, second = docs[0], docs[1]
    text = doc_text(seeds, first["path"])
    status, out, err = run(
        "--project", project, "annotate", first["path"], "--start", 5, "--end", 25, "--tag", "Gas"
    )
    assert status == 0, err
    quote = quote_of(doc_text(seeds, second["path"]))
    status, out, err = run(
        "--project", project, "annotate", str(second["id"]), "--quote", quote,
        "--tag", "Energy", "--note", "why it matters",
    )  # fmt: skip
    assert status == 0, err
    excerpts = run_json("--project", project, "excerpts")
    assert [(e["document"], e["exact"], e["tags"], e["note"], e["status"]) for e in excerpts] == [
        (first["path"], text[5:25], ["Energy/Gas"], "", "exact"),
        (second["path"], quote, ["Energy"], "why it matters", "exact"),
    ]
    assert set(excerpts[0]) >= {"id", "document", "start", "end", "exact", "tags", "note", "status"}
    assert (excerpts[0]["start"], excerpts[0]["end"]) == (5, 25)
    assert doc_text(seeds, second["path"])[excerpts[1]["start"] : excerpts[1]["end"]] == quote


def test_an_ambiguous_or_absent_quote_is_refused(project, run, run_json, seeds):
    doc = run_json("--project", project, "docs")[0]
    text = doc_text(seeds, doc["path"])
    common = " the "
    assert text.count(common) > 1
    status, out, err = run("--project", project, "annotate", doc["path"], "--quote", common)
    assert status == 1 and "--nth" in err and "Traceback" not in err
    status, _, err = run(
        "--project", project, "annotate", doc["path"], "--quote", common, "--nth", 2
    )
    assert status == 0, err
    second = text.index(common, text.index(common) + 1)
    assert run_json("--project", project, "excerpts")[0]["start"] == second
    status, _, err = run(
        "--project", project, "annotate", doc["path"], "--quote", "zqxj not in any article"
    )
    assert status == 1 and "does not occur" in err
    status, _, err = run("--project", project, "annotate", doc["path"], "--start", 3)
    assert status == 1 and "--end" in err
    status, _, err = run("--project", project, "annotate", "no such doc", "--start", 0, "--end", 3)
    assert status == 1 and "no document" in err
    assert len(run_json("--project", project, "excerpts")) == 1


def test_excerpts_filters(project, run, run_json):
    for args in (("Energy",), ("Gas", "--parent", "Energy"), ("Arms",)):
        run("--project", project, "tag", "add", *args)
    docs = run_json("--project", project, "docs")
    a, b = docs[0]["path"], docs[1]["path"]
    for doc, start, tags, note in (
        (a, 0, ["Gas"], "pipeline pricing"),
        (a, 40, ["Gas", "Arms"], ""),
        (b, 10, ["Arms"], "weapons"),
        (b, 60, [], ""),
    ):
        tag_args = [x for t in tags for x in ("--tag", t)]
        status, _, err = run(
            "--project", project, "annotate", doc, "--start", start, "--end", start + 12,
            *tag_args, "--note", note,
        )  # fmt: skip
        assert status == 0, err

    def starts(*args):
        return [
            (e["document"], e["start"]) for e in run_json("--project", project, "excerpts", *args)
        ]

    assert starts("--tag", "Energy") == [(a, 0), (a, 40)]  # the parent matches its child
    assert starts("--tag", "Gas", "--tag", "Arms") == [(a, 0), (a, 40), (b, 10)]
    assert starts("--tag", "Gas", "--tag", "Arms", "--all-tags") == [(a, 40)]
    assert starts("--doc", b) == [(b, 10), (b, 60)]
    assert starts("--search", "pipel") == [(a, 0)]
    assert starts("--search", "weapons", "--doc", a) == []
    status, out, _ = run("--project", project, "excerpts", "--tag", "Arms")
    assert status == 0 and out.strip().endswith("2 excerpts") and "note: weapons" in out
    status, _, err = run("--project", project, "excerpts", "--tag", "Nope")
    assert status == 1 and "no tag named 'Nope'" in err


def test_export_w3c_then_import_into_a_fresh_project(project, tmp_path, run, run_json, seeds):
    run("--project", project, "tag", "add", "Energy")
    run("--project", project, "tag", "add", "Gas", "--parent", "Energy")
    docs = run_json("--project", project, "docs")
    run("--project", project, "annotate", docs[0]["path"], "--start", 3, "--end", 30,
        "--tag", "Gas", "--note", "first")  # fmt: skip
    run("--project", project, "annotate", docs[2]["path"], "--start", 100, "--end", 160)
    out_file = tmp_path / "export.json"
    status, out, err = run("--project", project, "export", "--format", "w3c", "--out", out_file)
    assert status == 0, err
    assert "Wrote 2 annotations" in out
    assert json.loads(out_file.read_text(encoding="utf-8"))["total"] == 2

    fresh = tmp_path / "fresh.annotator"
    run("--project", fresh, "add", seeds)
    status, out, err = run("--project", fresh, "import", out_file)
    assert status == 0, err
    assert "2 annotations imported: 2 in place" in out

    def seen(path):
        return [
            {k: e[k] for k in ("document", "start", "end", "exact", "tags", "note", "status")}
            for e in run_json("--project", path, "excerpts")
        ]

    assert seen(fresh) == seen(project)
    status, _, err = run("--project", fresh, "import", tmp_path / "missing.json")
    assert status == 1 and "does not exist" in err


def test_scan_reports_changes(project, run, run_json, seeds):
    docs = run_json("--project", project, "docs")
    run("--project", project, "annotate", docs[0]["path"], "--start", 0, "--end", 20)
    status, out, _ = run("--project", project, "scan")
    assert status == 0 and out.strip().endswith(
        f"0 new, 0 changed, 0 missing, 0 renamed, {len(docs)} unchanged"
    )
    first = seeds / docs[0]["path"]
    first.write_text("A new first line.\n\n" + first.read_text(encoding="utf-8"), encoding="utf-8")
    (seeds / docs[1]["path"]).unlink()
    (seeds / "extra.txt").write_text("Extra article\n\nWith a few words.", encoding="utf-8")
    status, out, _ = run("--project", project, "scan")
    assert status == 0
    assert f"changed  {docs[0]['path']}" in out
    assert f"missing  {docs[1]['path']} (its annotations are kept)" in out
    assert "new      extra.txt" in out
    assert "1 new, 1 changed, 1 missing" in out


def test_errors_exit_1_with_a_message_and_no_traceback(tmp_path, run):
    status, _, err = run("--project", tmp_path / "absent" / "p.annotator", "docs")
    assert status == 1 and err.startswith("annotator: ") and "does not exist" in err
    corrupt = tmp_path / "corrupt.annotator"
    corrupt.write_bytes(b"this is not a database at all" * 20)
    status, _, err = run("--project", corrupt, "docs")
    assert status == 1 and "not an Annotator project" in err and "Traceback" not in err
    assert corrupt.read_bytes().startswith(b"this is not a database")


def test_project_after_the_subcommand_is_a_usage_error(tmp_path, run, capsys):
    with pytest.raises(SystemExit) as info:
        run("docs", "--project", tmp_path / "p.annotator")
    assert info.value.code == 2
    assert "unrecognized arguments: --project" in capsys.readouterr().err


def test_a_subcommand_usage_error_names_the_subcommand_on_one_line(run, capsys):
    with pytest.raises(SystemExit):
        run("tag", "bogus")
    err = capsys.readouterr().err
    assert err.startswith("usage: annotator tag [-h] ACTION ...\n")
    assert "annotator tag: error: argument ACTION: invalid choice: 'bogus'" in err


def test_the_default_project_is_created_over_the_bundled_seeds(run_json, seeds):
    docs = run_json("docs")
    assert len(docs) == len(list(seeds.glob("*.txt")))
    assert default_project_path().is_file()
    assert default_project_path().parent.name.startswith("annotator-home")
    assert len(run_json("docs")) == len(docs)  # opening it again adds nothing twice


def test_a_real_subprocess(tmp_path, seeds):
    project = tmp_path / "sub.annotator"

    def annotator(*args):
        return subprocess.run(
            [sys.executable, "-m", "annotator", "--project", str(project), *map(str, args)],
            capture_output=True,
            text=True,
            timeout=60,
        )

    added = annotator("add", seeds)
    assert added.returncode == 0, added.stderr
    assert annotator("tag", "add", "Energy").returncode == 0
    docs = json.loads(annotator("docs", "--json").stdout)
    made = annotator("annotate", docs[0]["path"], "--start", 0, "--end", 10, "--tag", "Energy")
    assert made.returncode == 0, made.stderr
    listed = json.loads(annotator("excerpts", "--json", "--tag", "Energy").stdout)
    assert [(e["start"], e["end"], e["tags"]) for e in listed] == [(0, 10, ["Energy"])]
    bad = annotator("annotate", docs[0]["path"], "--quote", "zqxj absent")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr


def test_bad_values_are_refused_with_a_message(project, run):
    status, _, err = run("--project", project, "excerpts", "--to", "2024/1/1")
    assert status == 1 and "YYYY-MM-DD" in err
    status, _, err = run("--project", project, "note", "annotation", "abc")
    assert status == 1 and "not an annotation id" in err
    status, _, err = run("--project", project, "note", "annotation", "99")
    assert status == 1 and "no annotation 99" in err
    status, _, err = run("--project", project, "import", project)
    assert status == 1 and "cannot import" in err
    status, _, err = run("--project", project, "tag", "delete", "Nope", "--yes")
    assert status == 1 and "no tag named" in err


def test_notes_and_tag_changes(project, run, run_json):
    run("--project", project, "tag", "add", "Energy")
    run("--project", project, "tag", "add", "Oil")
    assert run("--project", project, "note", "project", "--set", "Due Friday")[1] == "Due Friday\n"
    assert run("--project", project, "note", "project")[1] == "Due Friday\n"
    assert run("--project", project, "note", "tag", "Oil", "--set", "crude")[1] == "crude\n"
    assert run("--project", project, "tag", "rename", "Oil", "Petroleum")[0] == 0
    doc = run_json("--project", project, "docs")[0]["path"]
    run("--project", project, "annotate", doc, "--start", 0, "--end", 5, "--tag", "Petroleum")
    status, out, _ = run("--project", project, "tag", "merge", "Petroleum", "Energy")
    assert status == 0 and "(1 annotations)" in out
    assert [e["tags"] for e in run_json("--project", project, "excerpts")] == [["Energy"]]
    status, out, _ = run("--project", project, "tag", "delete", "Energy", "--yes")
    assert status == 0 and "1 tag on 1 annotation" in out
    assert [e["tags"] for e in run_json("--project", project, "excerpts")] == [[]]
    assert run_json("--project", project, "tags") == []


def test_output_cut_short_by_the_reader_ends_quietly(tmp_path):
    project = tmp_path / "p.annotator"
    with Library.open(project) as library:
        add_paths(library, [seeds_dir()])
        doc = library.documents.list()[0]
        # Far more output than a pipe holds, so the writer meets the closed pipe.
        with library.atomic():
            for i in range(3000):
                library.annotations.create(doc.id, i, i + 40)
    shell = f"'{sys.executable}' -m annotator --project '{project}' excerpts | head -n 1"
    result = subprocess.run(shell, shell=True, capture_output=True, text=True, timeout=60)
    assert result.stdout.count("\n") == 1
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


def test_docs_json_lists_each_documents_metadata(project, run, run_json, seeds):
    run("--project", project, "add", seeds)
    docs = run_json("--project", project, "docs")
    for key in ("id", "path", "title", "authors", "outlet", "published", "url", "words"):
        assert all(key in d for d in docs), key
    assert {"annotations", "format", "status", "orphans"} <= set(docs[0])
    assert {d["format"] for d in docs} == {"text"}
    assert all(isinstance(d["authors"], list) for d in docs)


def test_doc_prints_and_sets_a_documents_metadata(project, run, run_json, seeds):
    run("--project", project, "add", seeds)
    path = run_json("--project", project, "docs")[1]["path"]
    status, out, _ = run("--project", project, "doc", path)
    assert status == 0 and "authors:       Luna Pham" in out and "format:        text" in out
    status, out, err = run(
        "--project", project, "doc", path, "--title", "Limits of a partnership",
        "--author", "Luna Pham", "--author", " Ivan Petrov ", "--outlet", "Eurasia Review",
        "--published", "2023-11", "--url", "https://www.eurasiareview.com/limits",
        "--citation-note", "republished from Radio Free Asia",
    )  # fmt: skip
    assert status == 0, err
    shown = run_json("--project", project, "doc", path)
    assert shown["title"] == "Limits of a partnership"
    assert shown["authors"] == ["Luna Pham", "Ivan Petrov"]
    assert (shown["outlet"], shown["published"]) == ("Eurasia Review", "2023-11")
    assert shown["url"] == "https://www.eurasiareview.com/limits"
    assert shown["citation_note"] == "republished from Radio Free Asia"
    assert set(shown["set_by_you"]) == {"title", "authors", "outlet", "published", "url",
                                        "citation_note"}  # fmt: skip
    for bad, reason in (("--published", "2023-02-30"), ("--url", "www.example.org")):
        status, _out, err = run("--project", project, "doc", path, "--outlet", "X", bad, reason)
        assert status == 1 and reason in err
    assert run_json("--project", project, "doc", path) == shown  # nothing changed
