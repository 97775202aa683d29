"""W3C Web Annotation JSON: export, import into another project, re-anchoring and bad files."""

from __future__ import annotations

import json

import pytest

from annotator.core.models import AnchorStatus, ExcerptFilter
from annotator.core.textload import decode_bytes
from annotator.interchange import w3c
from annotator.interchange.w3c import PATH_KEY, W3CError, read_items
from annotator.services.exporting import project_snapshot
from annotator.services.importing import import_file as import_w3c
from annotator.services.sources import add_paths
from annotator.store.library import Library

TEXTS = {
    "east/gas.txt": (
        "Gas Deals\n\nThe Power of Siberia pipeline started deliveries in December 2019. "
        "A second line through Mongolia is still under negotiation.\n\n"
        "Prices are indexed to oil with a lag of nine months."
    ),
    "arms.md": (
        "Arms Sales\n\nDeliveries of S-400 systems were completed in 2020. "
        "Russian engines still power many Chinese fighters, 🇷🇺 and 🇨🇳 officials said."
    ),
}


def to_w3c(lib):
    """Every annotation of the project, as the app's "w3c" export writes them."""
    return w3c.to_w3c(project_snapshot(lib, ExcerptFilter()))


def write_w3c(lib, out):
    w3c.write_w3c(project_snapshot(lib, ExcerptFilter()), out)


def make_project(tmp_path, name, texts=TEXTS):
    lib = Library.open(tmp_path / f"{name}.annotator")
    folder = tmp_path / f"{name}-sources"
    source = lib.sources.add(folder, "folder").value
    for path, text in texts.items():
        lib.documents.add(source.id, path, decode_bytes(text.encode()))
    return lib


def annotate(lib, path, quote, tags=(), note=""):
    doc = lib.documents.resolve(path)
    text = lib.documents.text(doc.id)
    start = text.index(quote)
    tag_ids = [lib.tags.ensure_path(t).value.id for t in tags]
    return lib.annotations.create(
        doc.id, start, start + len(quote), tag_ids=tag_ids, note=note
    ).value


def excerpts(lib):
    """What a reader sees of each excerpt: where, what, which tags (by path), which note."""
    docs = {d.id: d.path for d in lib.documents.list()}
    return sorted(
        (
            docs[a.document_id],
            a.start,
            a.end,
            a.exact,
            a.prefix,
            a.suffix,
            tuple(sorted(lib.tags.path(t) for t in a.tag_ids)),
            a.note,
            a.author,
            a.created,
            a.status,
        )
        for a in lib.annotations.query()
    )


@pytest.fixture
def source(tmp_path):
    lib = make_project(tmp_path, "source")
    lib.project.set("author", "Ana")
    annotate(lib, "gas.txt", "Power of Siberia pipeline", ["Energy/Gas", "Russia"], "key line")
    annotate(lib, "gas.txt", "indexed to oil", ["Energy/Oil"], "pricing\n\nsecond paragraph")
    annotate(lib, "arms.md", "S-400 systems", ["Security/Arms"])
    annotate(lib, "arms.md", "🇷🇺 and 🇨🇳 officials", [], "flags count as code points")
    yield lib
    lib.close()


def test_export_writes_a_w3c_collection(source, tmp_path):
    out = tmp_path / "out.json"
    write_w3c(source, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "AnnotationCollection" and data["total"] == 4
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    [first] = [
        item
        for item in data["first"]["items"]
        if item["target"]["selector"][1]["exact"] == "Power of Siberia pipeline"
    ]
    assert first["type"] == "Annotation"
    assert first["target"]["source"].startswith("file:///")
    assert first["target"]["source"].endswith("/east/gas.txt")
    assert first["target"][PATH_KEY] == "east/gas.txt"
    kinds = {s["type"] for s in first["target"]["selector"]}
    assert kinds == {"TextPositionSelector", "TextQuoteSelector"}
    purposes = sorted(b["purpose"] for b in first["body"])
    assert purposes == ["commenting", "tagging", "tagging"]
    assert {b["value"] for b in first["body"] if b["purpose"] == "tagging"} == {
        "Energy/Gas",
        "Russia",
    }
    assert first["creator"]["name"] == "Ana"


def test_export_then_import_into_a_fresh_project_gives_the_same_excerpts(source, tmp_path):
    out = tmp_path / "out.json"
    write_w3c(source, out)
    with make_project(tmp_path, "fresh") as fresh:
        report = import_w3c(fresh, out)
        assert (report.placed, report.moved, report.orphaned, report.skipped) == (4, 0, [], [])
        assert len(report.annotation_ids) == 4
        assert excerpts(fresh) == excerpts(source)
        assert sorted(fresh.tags.path(t.id) for t in fresh.tags.list()) == [
            "Energy",
            "Energy/Gas",
            "Energy/Oil",
            "Russia",
            "Security",
            "Security/Arms",
        ]


def test_import_re_anchors_in_a_changed_text(source, tmp_path):
    out = tmp_path / "out.json"
    write_w3c(source, out)
    changed = dict(TEXTS)
    changed["east/gas.txt"] = TEXTS["east/gas.txt"].replace(
        "Gas Deals\n\n", "Gas Deals\n\nAn editor's note added at the top.\n\n"
    )
    changed["arms.md"] = TEXTS["arms.md"].replace("S-400 systems", "S-500 systems")
    with make_project(tmp_path, "changed", changed) as lib:
        report = import_w3c(lib, out)
        assert report.moved == 2  # both passages of gas.txt sit further down now
        assert report.placed == 1  # the flags, still in place
        assert report.orphaned == ["S-400 systems"]
        by_quote = {a.exact: a for a in lib.annotations.query()}
        text = lib.documents.text(lib.documents.resolve("gas.txt").id)
        moved = by_quote["Power of Siberia pipeline"]
        assert text[moved.start : moved.end] == moved.exact
        assert moved.status is AnchorStatus.MOVED and not moved.reviewed
        orphan = by_quote["S-400 systems"]
        assert orphan.status is AnchorStatus.ORPHAN
        assert orphan.tag_ids == (lib.tags.require("Security/Arms").id,)
        assert orphan.prefix.endswith("Deliveries of ")


def test_unknown_documents_and_bad_items_are_skipped(source, tmp_path):
    data = to_w3c(source)
    items = data["first"]["items"]
    items[0]["target"]["source"] = "not/in/this/project.txt"
    del items[0]["target"][PATH_KEY]
    items[0]["target"]["selector"][1]["exact"] = "words in none of these texts"
    items[1]["target"] = "https://example.org/page"  # no selectors
    items[2]["target"]["selector"] = [{"type": "TextPositionSelector", "start": "x", "end": 3}]
    bad_tag = json.loads(json.dumps(items[3]))
    bad_tag["body"] = [
        {"type": "TextualBody", "purpose": "tagging", "value": "Fresh/Tag"},
        {"type": "TextualBody", "purpose": "tagging", "value": " / / "},
    ]
    items.append(bad_tag)
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with make_project(tmp_path, "other") as lib:
        report = import_w3c(lib, path)
        assert len(report.skipped) == 3
        assert report.unmatched == {"not/in/this/project.txt": 1}
        assert "not imported: 1 annotation on “not/in/this/project.txt”" in report.message
        assert report.skipped[2].startswith("item 5:")
        assert report.placed == 1
        assert lib.annotations.count() == 1
        # A skipped item leaves none of its tags behind.
        assert [lib.tags.path(t.id) for t in lib.tags.list()] == ["Energy", "Energy/Oil"]


@pytest.mark.parametrize(
    "content",
    ["{not json", "", "[1, 2", "\x00\x01"],
)
def test_malformed_json_is_a_w3c_error(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(W3CError, match="bad.json"):
        read_items(path)


def test_a_missing_file_or_non_list_is_a_w3c_error(tmp_path):
    with pytest.raises(W3CError, match="does not exist"):
        read_items(tmp_path / "nope.json")
    path = tmp_path / "number.json"
    path.write_text("42", encoding="utf-8")
    with pytest.raises(W3CError, match="no list"):
        read_items(path)


def test_one_annotation_a_list_a_page_and_a_collection_are_all_read(source, tmp_path):
    items = to_w3c(source)["first"]["items"]
    shapes = {
        "one": items[0],
        "list": items,
        "page": {"type": "AnnotationPage", "items": items},
        "collection": {"type": "AnnotationCollection", "items": items},
        "bom": items,
    }
    for name, data in shapes.items():
        path = tmp_path / f"{name}.json"
        encoding = "utf-8-sig" if name == "bom" else "utf-8"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding=encoding)
        expected = 1 if name == "one" else 4
        assert len(read_items(path)) == expected, name
        with make_project(tmp_path, f"p-{name}") as lib:
            assert len(import_w3c(lib, path).annotation_ids) == expected


def test_an_import_is_one_transaction(source, tmp_path, monkeypatch):
    out = tmp_path / "out.json"
    write_w3c(source, out)
    with make_project(tmp_path, "fresh") as lib:
        real = lib.annotations.insert_raw
        calls = []

        def crash_on_third(*args, **kwargs):
            calls.append(1)
            if len(calls) == 3:
                raise RuntimeError("power cut")
            return real(*args, **kwargs)

        monkeypatch.setattr(lib.annotations, "insert_raw", crash_on_third)
        with pytest.raises(RuntimeError):
            import_w3c(lib, out)
        assert lib.annotations.count() == 0
        assert lib.tags.list() == []


def test_importing_the_same_file_twice_adds_nothing_the_second_time(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("One gas deal.\n\nTwo oil deals.", encoding="utf-8")
    source = Library.open(None)
    add_paths(source, [folder])
    doc = source.documents.list()[0]
    tag = source.tags.create("Energy").value
    source.annotations.create(doc.id, 4, 12, tag_ids=[tag.id], note="gas")
    exported = tmp_path / "a.json"
    write_w3c(source, exported)
    target = Library.open(None)
    add_paths(target, [folder])
    first = import_w3c(target, exported)
    second = import_w3c(target, exported)
    assert (first.placed, first.already) == (1, 0)
    assert (second.placed, second.already) == (0, 1)
    assert target.annotations.count() == 1


def _one_doc_project(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text("One gas deal.\n\nTwo oil deals.", encoding="utf-8")
    library = Library.open(None)
    add_paths(library, [folder])
    return library


def _write(tmp_path, items) -> object:
    path = tmp_path / "in.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    return path


def test_odd_values_skip_the_item_with_a_reason_instead_of_crashing(tmp_path):
    library = _one_doc_project(tmp_path)
    good = {
        "target": {
            "source": "a.txt",
            "selector": [{"type": "TextQuoteSelector", "exact": "gas deal"}],
        }
    }
    items = [
        {"target": {"source": "a.txt", "selector": ["not a selector"]}},
        {
            "target": {
                "source": "a.txt",
                "selector": {"type": "TextPositionSelector", "start": 1e400, "end": 2},
            }
        },
        {
            "target": {
                "source": "a.txt",
                "selector": {"type": "TextPositionSelector", "start": 5, "end": 2},
            }
        },
        good,
    ]
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(items).replace("1e+400", "Infinity"), encoding="utf-8")
    report = import_w3c(library, path)
    assert report.placed == 1
    assert len(report.skipped) == 3 and all("item" in reason for reason in report.skipped)
    assert [a.exact for a in library.annotations.query()] == ["gas deal"]


def test_files_that_are_not_annotation_json_give_a_clear_error(tmp_path):
    library = _one_doc_project(tmp_path)
    folder = tmp_path / "folder.json"
    folder.mkdir()
    with pytest.raises(W3CError, match="folder"):
        import_w3c(library, folder)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000, encoding="utf-8")
    with pytest.raises(W3CError):
        import_w3c(library, deep)


def test_control_characters_do_not_reach_tag_names(tmp_path):
    library = _one_doc_project(tmp_path)
    item = {
        "body": [{"purpose": "tagging", "value": "Ener\x00gy\x1b"}],
        "target": {"source": "a.txt", "selector": [{"type": "TextQuoteSelector", "exact": "gas"}]},
    }
    import_w3c(library, _write(tmp_path, [item]))
    assert [t.name for t in library.tags.list()] == ["Energy"]


def test_an_absurdly_deep_tag_path_is_refused_for_that_item(tmp_path):
    library = _one_doc_project(tmp_path)
    path = "/".join(f"t{i}" for i in range(400))
    item = {
        "body": [{"purpose": "tagging", "value": path}],
        "target": {"source": "a.txt", "selector": [{"type": "TextQuoteSelector", "exact": "gas"}]},
    }
    report = import_w3c(library, _write(tmp_path, [item]))
    assert report.skipped and "levels" in report.skipped[0]
    assert library.tags.list() == [] and library.annotations.count() == 0
