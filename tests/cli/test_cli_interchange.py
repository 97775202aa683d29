"""The command line's interchange options: --map, --group, --one-code-per-selection, warnings."""

from __future__ import annotations

import json
import zipfile

from annotator.store.library import Library


def _project(tmp_path, run, seeds):
    project = tmp_path / "p.annotator"
    assert run("--project", project, "add", seeds)[0] == 0
    return project


def test_import_maps_an_unknown_source_by_hand(tmp_path, run, seeds):
    project = _project(tmp_path, run, seeds)
    with Library.open(project) as lib:
        doc = lib.documents.list()[0]
        text = lib.documents.text(doc.id)
        quote = text[200:240]
    item = {
        "uri": "https://example.com/not-here?x=1",
        "text": "mapped",
        "target": [
            {
                "source": "https://example.com/not-here?x=1",
                "selector": [{"type": "TextQuoteSelector", "exact": quote + " not in it"}],
            }
        ],
    }
    path = tmp_path / "h.json"
    path.write_text(json.dumps({"total": 1, "rows": [item]}), encoding="utf-8")

    status, out, _ = run("--project", project, "import", path)
    assert status == 0 and "matches no document here" in out

    status, out, err = run(
        "--project",
        project,
        "import",
        path,
        "--map",
        f"https://example.com/not-here?x=1={doc.path}",
    )
    assert status == 0, err
    assert "mapped by hand" in out and "1 kept as orphans" in out

    status, _, err = run("--project", project, "import", path, "--map", "no-equals-sign")
    assert status != 0 and "SOURCE=DOC" in err


def test_excerpts_and_export_by_tag_group(tmp_path, run, seeds):
    project = _project(tmp_path, run, seeds)
    with Library.open(project) as lib:
        doc = lib.documents.list()[0]
        gas = lib.tags.create("Gas").value
        oil = lib.tags.create("Oil").value
        other = lib.tags.create("Other").value
        for start, tag in ((10, gas), (60, oil), (120, other)):
            lib.annotations.create(doc.id, start, start + 20, tag_ids=[tag.id])
        lib.interchange.add_group("Energy codes", [gas.id, oil.id])
    status, out, err = run("--project", project, "excerpts", "--group", "energy codes", "--json")
    assert status == 0, err
    assert sorted(tag for e in json.loads(out) for tag in e["tags"]) == ["Gas", "Oil"]
    out_file = tmp_path / "group.csv"
    assert (
        run(
            "--project",
            project,
            "export",
            "--format",
            "csv",
            "--out",
            out_file,
            "--group",
            "Energy codes",
        )[0]
        == 0
    )
    assert "Other" not in out_file.read_text(encoding="utf-8")
    status, _, err = run("--project", project, "excerpts", "--group", "Nope")
    assert status != 0 and "Energy codes" in err


def test_qdpx_export_one_code_per_selection_and_repeated_name_warning(tmp_path, run, seeds):
    project = _project(tmp_path, run, seeds)
    with Library.open(project) as lib:
        doc = lib.documents.list()[0]
        a = lib.tags.create("A").value
        b = lib.tags.create("B").value
        lib.tags.create("Prices", parent_id=a.id)
        lib.tags.create("Prices", parent_id=b.id)
        lib.annotations.create(doc.id, 10, 30, tag_ids=[a.id, b.id])
    out = tmp_path / "x.qdpx"
    status, printed, err = run(
        "--project",
        project,
        "export",
        "--format",
        "qdpx",
        "--out",
        out,
        "--one-code-per-selection",
    )
    assert status == 0, err
    assert "warning: the tag name “Prices” is used under 2 parents" in printed
    qde = zipfile.ZipFile(out).read("project.qde").decode("utf-8")
    assert qde.count("<PlainTextSelection") == 2 and qde.count("<CodeRef") == 2
