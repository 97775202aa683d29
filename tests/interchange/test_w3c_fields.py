"""W3C import of fields of the wrong type: never stored as Python reprs, always reported."""

from __future__ import annotations

import json

import pytest

from annotator.services.importing import import_file as import_w3c
from annotator.services.sources import add_paths
from annotator.store.library import Library

QUOTE = [{"type": "TextQuoteSelector", "exact": "gas deal"}]


@pytest.fixture
def library(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("One gas deal.\n\nTwo oil deals.", encoding="utf-8")
    lib = Library.open(None)
    add_paths(lib, [folder])
    yield lib
    lib.close()


def imported(library, tmp_path, items):
    path = tmp_path / "in.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    return import_w3c(library, path)


def item(**fields):
    return {"target": {"source": "a.txt", "selector": QUOTE}, **fields}


def test_a_null_tag_value_makes_no_tag_named_none(library, tmp_path):
    report = imported(
        library,
        tmp_path,
        [
            item(
                body=[{"purpose": "tagging", "value": None}, {"purpose": "tagging", "value": "Gas"}]
            )
        ],
    )
    assert [t.name for t in library.tags.list()] == ["Gas"]
    assert report.skipped == ["item 1: a tag whose value is not text (null) was left out"]
    assert report.placed == 1


def test_a_note_of_the_wrong_type_is_left_out_and_named(library, tmp_path):
    report = imported(library, tmp_path, [item(body=[{"purpose": "commenting", "value": 42}])])
    [annotation] = library.annotations.query()
    assert annotation.note == ""
    assert report.skipped == ["item 1: a note whose value is not text (42) was left out"]


def test_a_creator_that_is_no_name_makes_no_author(library, tmp_path):
    report = imported(
        library,
        tmp_path,
        [
            item(creator=[1, 2, 3]),
            item(creator={"type": "Person", "name": "Ana"}, body="a plain-text comment"),
            item(creator=["Bo", {"nickname": "cy"}], body=[{"purpose": "tagging", "value": "X"}]),
        ],
    )
    authors = sorted(a.author for a in library.annotations.query())
    assert authors == ["", "Ana", "Bo, cy"]
    assert report.skipped == [
        "item 1: its creator is not a name or a person ([1, 2, 3]); "
        "the annotation was imported without an author"
    ]


def test_dates_and_quotes_of_the_wrong_type(library, tmp_path):
    report = imported(
        library,
        tmp_path,
        [
            item(created=None, modified=20240101),
            {
                "target": {
                    "source": "a.txt",
                    "selector": [{"type": "TextQuoteSelector", "exact": 5}],
                }
            },
            {"target": {"source": [7], "selector": QUOTE}},
        ],
    )
    [annotation] = library.annotations.query()
    assert annotation.created != "None" and annotation.modified != "20240101"
    assert report.skipped == [
        "item 1: its modified date is not text (20240101): left out",
        "item 2: the TextQuoteSelector's exact is not text (5)",
        "item 3: its target's source is not a file name or IRI (7)",
    ]


def test_items_that_are_not_objects_are_reported_not_dropped(library, tmp_path):
    report = imported(library, tmp_path, [item(), "just a string", 7, None, [item()]])
    assert report.placed == 1
    assert report.skipped == [
        'item 2 is not an annotation object ("just a string"): skipped',
        "item 3 is not an annotation object (7): skipped",
        "item 4 is not an annotation object (null): skipped",
        'item 5 is not an annotation object ([{"target": {"source": "a.txt", "select…): skipped',
    ]


def test_a_quote_longer_than_any_text_is_skipped_with_a_reason(library, tmp_path, monkeypatch):
    from annotator.interchange import w3c

    monkeypatch.setattr(w3c, "MAX_BYTES", 1_048_576)
    huge = {"type": "TextQuoteSelector", "exact": "gas deal " * 200_000}
    report = imported(
        library, tmp_path, [{"target": {"source": "a.txt", "selector": [huge]}}, item()]
    )
    assert report.skipped == [
        "item 1: its quote is 1,800,000 characters long, longer than any text Annotator holds "
        "(1 MB)"
    ]
    assert [a.exact for a in library.annotations.query()] == ["gas deal"]


@pytest.mark.parametrize("ascii_only", [False, True])
def test_a_quote_longer_than_any_text_is_never_held_in_memory(
    library, tmp_path, monkeypatch, ascii_only
):
    # Taken out of the file's bytes before parsing (the parse held the text and the quote at
    # once, four times the quote's size), escapes and all: the reason gives its exact length.
    from annotator.interchange import w3c

    monkeypatch.setattr(w3c, "MAX_BYTES", 100_000)
    quote = 'He said "the gas deal" — it’s “done”\\n\t' * 5_000
    huge = {"type": "TextQuoteSelector", "exact": quote}
    fits = {"type": "TextQuoteSelector", "exact": quote[:90_000]}
    path = tmp_path / "huge.json"
    items = [{"target": {"source": "a.txt", "selector": [s]}} for s in (huge, fits)]
    path.write_text(json.dumps(items + [item()], ensure_ascii=ascii_only), encoding="utf-8")
    parsed = w3c.read_w3c(path)
    assert len(parsed.items[0]["target"]["selector"][0]["exact"]) < 100  # a marker, not the quote
    assert parsed.items[1]["target"]["selector"][0]["exact"] == quote[:90_000]
    report = import_w3c(library, path)
    assert report.skipped[0] == (
        f"item 1: its quote is {len(quote):,} characters long, longer than any text Annotator "
        "holds (0 MB)"
    )
    assert "gas deal" in [a.exact for a in library.annotations.query()]
