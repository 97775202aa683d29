"""Our W3C export meets the MUST assertions of the W3C test suite, as ``w3c_musts`` states them."""

from __future__ import annotations

import copy
import json

import pytest
from test_w3c import annotate, make_project, to_w3c
from w3c_musts import ANNOTATION, COLLECTION, PAGE, collection_errors, errors

from annotator.core.models import AnchorStatus


@pytest.fixture
def export(tmp_path):
    lib = make_project(tmp_path, "musts")
    lib.project.set("author", "Ana")
    annotate(lib, "gas.txt", "Power of Siberia pipeline", ["Energy/Gas"], "key line")
    annotate(lib, "gas.txt", "indexed to oil")  # no tag and no note: no body at all
    annotate(lib, "arms.md", "🇷🇺 and 🇨🇳 officials", ["Flags"])
    orphan = annotate(lib, "arms.md", "S-400 systems", [], "lost")
    from dataclasses import replace

    lib.annotations.replace_all([replace(orphan, status=AnchorStatus.ORPHAN, reviewed=False)])
    data = to_w3c(lib)
    lib.close()
    return data


def test_the_export_breaks_no_must(export):
    assert collection_errors(export) == []


def test_ids_are_unique_iris_across_two_projects(tmp_path, export):
    other = make_project(tmp_path, "other")
    annotate(other, "gas.txt", "Power of Siberia pipeline", ["Energy/Gas"], "key line")
    second = to_w3c(other)
    other.close()
    ids = {item["id"] for item in export["first"]["items"]}
    assert len(ids) == 4
    assert second["first"]["items"][0]["id"] not in ids
    assert second["id"] != export["id"]
    assert export["id"].startswith("urn:uuid:") and export["first"]["id"].startswith("urn:uuid:")


def test_times_are_utc_with_z_and_an_annotation_without_tag_or_note_has_no_body(export):
    items = export["first"]["items"]
    assert all(item["created"].endswith("Z") and "+" not in item["created"] for item in items)
    bare = next(i for i in items if i["target"]["selector"][1]["exact"] == "indexed to oil")
    assert "body" not in bare


def test_positions_count_code_points(export):
    flags = next(
        i for i in export["first"]["items"] if "officials" in i["target"]["selector"][1]["exact"]
    )
    position, quote = flags["target"]["selector"]
    assert position["end"] - position["start"] == len("🇷🇺 and 🇨🇳 officials")


@pytest.mark.parametrize(
    ("break_it", "schema", "where"),
    [
        (lambda a: a["target"].update(source="east/gas.txt"), ANNOTATION, "target"),
        (lambda a: a.update(body=[]), ANNOTATION, "body"),
        (lambda a: a.update(id="annotation 1"), ANNOTATION, "id"),
        (lambda a: a.update(created="yesterday"), ANNOTATION, "created"),
        (lambda a: a.pop("@context"), ANNOTATION, "(top)"),
        (lambda a: a.update(bodyValue="x", body=[{"value": "y"}]), ANNOTATION, "(top)"),
        (
            lambda a: a["target"]["selector"].append({"type": "TextQuoteSelector"}),
            ANNOTATION,
            "target",
        ),
    ],
)
def test_the_checks_catch_each_broken_must(export, break_it, schema, where):
    item = copy.deepcopy(export["first"]["items"][0])
    assert errors(schema, item) == []
    break_it(item)
    found = errors(schema, item)
    assert found and any(e.startswith(where) for e in found), found


def test_the_checks_catch_a_collection_or_page_without_an_id(export):
    collection = copy.deepcopy(export)
    del collection["id"]
    assert errors(COLLECTION, collection)
    page = copy.deepcopy(export["first"])
    del page["id"]
    assert errors(PAGE, page)
    assert json.dumps(export)  # the export itself is plain JSON
