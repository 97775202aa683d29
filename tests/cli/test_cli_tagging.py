"""Tagging a passage on the command line means what it means in the app (services.tagging).

``annotate DOC --quote Q --tag A`` then ``... --tag B`` leaves ONE annotation with A and B:
the passage gains the tag, as a selection that is exactly a highlight does in the app.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


@pytest.fixture
def project(tmp_path, run, seeds):
    path = tmp_path / "work.annotator"
    assert run("--project", path, "add", seeds)[0] == 0
    for tag in ("A", "B"):
        assert run("--project", path, "tag", "add", tag)[0] == 0
    return path


def test_tagging_a_highlighted_passage_again_adds_the_tag_to_it(project, run, run_json, quote_of):
    doc = run_json("--project", project, "docs")[0]
    quote = quote_of(_text(project, doc["id"]))
    first = run("--project", project, "annotate", doc["path"], "--quote", quote, "--tag", "A")
    assert first[0] == 0, first[2]
    second = run("--project", project, "annotate", doc["path"], "--quote", quote, "--tag", "B")
    assert second[0] == 0, second[2]
    assert "already highlighted" in second[1]
    excerpts = run_json("--project", project, "excerpts")
    assert [(e["exact"], e["tags"]) for e in excerpts] == [(quote, ["A", "B"])]
    assert first[1].split(":")[0] == second[1].split(":")[0]  # "annotation N" both times

    # A note goes onto the same annotation too; the same tags again change nothing.
    run("--project", project, "annotate", doc["path"], "--quote", quote, "--note", "why")
    again = run("--project", project, "annotate", doc["path"], "--quote", quote, "--tag", "A")
    assert "nothing changed" in again[1]
    excerpts = run_json("--project", project, "excerpts")
    assert [(e["tags"], e["note"]) for e in excerpts] == [(["A", "B"], "why")]

    # Another span of the same words is another annotation.
    shorter = quote[: len(quote) // 2].rstrip()
    run("--project", project, "annotate", doc["path"], "--quote", shorter, "--tag", "B")
    assert len(run_json("--project", project, "excerpts")) == 2


def _text(project, document_id):
    from annotator.store.library import Library

    with Library.open(project) as library:
        return library.documents.text(document_id)


def test_a_real_subprocess_tags_one_annotation_twice(tmp_path, seeds, quote_of):
    project = tmp_path / "sub.annotator"

    def annotator(*args):
        result = subprocess.run(
            [sys.executable, "-m", "annotator", "--project", str(project), *map(str, args)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    annotator("add", seeds)
    annotator("tag", "add", "A")
    annotator("tag", "add", "B")
    doc = json.loads(annotator("docs", "--json"))[0]
    quote = quote_of(_text(project, doc["id"]))
    annotator("annotate", doc["path"], "--quote", quote, "--tag", "A")
    annotator("annotate", doc["path"], "--quote", quote, "--tag", "B")
    listed = json.loads(annotator("excerpts", "--json"))
    assert [(e["exact"], e["tags"]) for e in listed] == [(quote, ["A", "B"])]
