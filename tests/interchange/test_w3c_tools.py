"""W3C files as real clients write them: Hypothesis API rows, search results, client exports,
the Web Annotation model's own examples, and our export into a project built from a .qdpx."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_w3c import annotate, make_project, to_w3c

from annotator.core.models import ExcerptFilter
from annotator.services.importing import import_file

PAGE = "https://news.example.org/2024/05/pipeline-talks"
TEXTS = {
    "pipeline.html": (
        "Pipeline Talks Stall\n\nThe envoy 😀 said the Power of Siberia 2 talks had stalled "
        "over pricing.\n\nTransit fees through Mongolia remain the sticking point."
    ),
    "grain.txt": "Grain Corridor\n\nShipments resumed in March after a short pause.",
}


def _utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def hypothesis_row(page: str, quote: str, **extra) -> dict:
    """One annotation as the Hypothesis API returns it (positions in UTF-16 units)."""
    text, start = page, page.index(quote)
    return {
        "id": "Fq1dGLJ9Ee6v9k8kUd0H_w",
        "created": "2024-05-02T09:15:21.412345+00:00",
        "updated": "2024-05-02T09:16:00.000000+00:00",
        "user": "acct:jdoe@hypothes.is",
        "uri": PAGE,
        "text": "Note with **Markdown**: see [link](https://example.org)",
        "tags": ["Pricing", "Energy"],
        "group": "__world__",
        "permissions": {"read": ["group:__world__"]},
        "target": [
            {
                "source": PAGE,
                "selector": [
                    {
                        "type": "RangeSelector",
                        "startContainer": "/main[1]/p[1]",
                        "startOffset": 10,
                        "endContainer": "/main[1]/p[1]",
                        "endOffset": 52,
                    },
                    {
                        "type": "TextPositionSelector",
                        "start": _utf16(text, start),
                        "end": _utf16(text, start + len(quote)),
                    },
                    {
                        "type": "TextQuoteSelector",
                        "exact": quote,
                        "prefix": text[max(0, start - 32) : start],
                        "suffix": text[start + len(quote) : start + len(quote) + 32],
                    },
                ],
            }
        ],
        "document": {"title": ["Pipeline Talks Stall"]},
        "links": {"html": "https://hypothes.is/a/Fq1dGLJ9Ee6v9k8kUd0H_w"},
        "user_info": {"display_name": "Jane Doe"},
        **extra,
    }


@pytest.fixture
def corpus(tmp_path):
    lib = make_project(tmp_path, "corpus", TEXTS)
    doc = lib.documents.resolve("pipeline.html")
    lib.documents.set_field(doc.id, "url", PAGE)
    yield lib
    lib.close()


def _write(tmp_path: Path, data) -> Path:
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_hypothesis_row_imports_with_note_tags_author_and_utf16_positions(corpus, tmp_path):
    text = TEXTS["pipeline.html"]
    report = import_file(corpus, _write(tmp_path, hypothesis_row(text, "Power of Siberia 2")))

    (annotation,) = corpus.annotations.query(ExcerptFilter())
    assert annotation.exact == "Power of Siberia 2"
    assert text[annotation.start : annotation.end] == "Power of Siberia 2"
    assert annotation.note == "Note with **Markdown**: see [link](https://example.org)"
    assert sorted(corpus.tags.path(t) for t in annotation.tag_ids) == ["Energy", "Pricing"]
    assert annotation.author == "Jane Doe"
    assert annotation.created == "2024-05-02T09:15:21+00:00"
    assert report.placed == 1 and report.utf16 == 1
    assert any("by URL" in line for line in report.matched)
    assert "1 × RangeSelector" in report.message  # named, not dropped silently


@pytest.mark.parametrize(
    ("wrap", "shape"),
    [
        (lambda rows: {"total": len(rows), "rows": rows}, "a Hypothesis search result"),
        (
            lambda rows: {"export_date": "2024-05-03T10:00:00Z", "annotations": rows},
            "a Hypothesis export",
        ),
    ],
)
def test_search_results_and_client_exports_are_read(corpus, tmp_path, wrap, shape):
    text = TEXTS["pipeline.html"]
    rows = [
        hypothesis_row(text, "Power of Siberia 2"),
        hypothesis_row(text, "Transit fees", tags=[], text="", user="acct:bob@hypothes.is"),
    ]
    del rows[1]["user_info"]
    report = import_file(corpus, _write(tmp_path, wrap(rows)))

    assert report.shape == shape and report.placed == 2
    authors = sorted(a.author for a in corpus.annotations.query(ExcerptFilter()))
    assert authors == ["Jane Doe", "bob"]


def test_an_unknown_page_is_matched_by_content_when_one_document_holds_the_quotes(corpus, tmp_path):
    text = TEXTS["grain.txt"]
    row = hypothesis_row(text, "Shipments resumed in March")
    row["uri"] = row["target"][0]["source"] = "https://elsewhere.example.com/grain"
    report = import_file(corpus, _write(tmp_path, row))

    assert report.placed == 1
    assert any("by content" in line for line in report.matched)


def test_an_ambiguous_quote_is_not_matched_by_content_and_map_places_it(corpus, tmp_path):
    row = hypothesis_row(TEXTS["grain.txt"], "in March")
    row["uri"] = row["target"][0]["source"] = "https://unknown.example.com/x"
    for selector in row["target"][0]["selector"]:
        selector.pop("prefix", None), selector.pop("suffix", None)
    corpus.documents.set_field(corpus.documents.resolve("pipeline.html").id, "url", "")
    other = make_project(tmp_path, "twin", {"a.txt": "Grain in March.", "b.txt": "Oil in March."})
    path = _write(tmp_path, row)
    report = import_file(other, path)
    assert report.unmatched == {"https://unknown.example.com/x": 1}
    assert other.annotations.count() == 0

    target = other.documents.resolve("b.txt")
    mapped = import_file(other, path, mapping={"https://unknown.example.com/x": target.id})
    (annotation,) = other.annotations.query(ExcerptFilter())
    assert annotation.document_id == target.id and annotation.exact == "in March"
    assert any("mapped by hand" in line for line in mapped.matched)
    other.close()


def test_the_models_examples_import_or_are_named(corpus, tmp_path):
    """The Web Annotation Data Model's shapes: a whole-resource target and an IRI body, a
    quote selector on a SpecificResource, a quote under a FragmentSelector's refinedBy, and a
    body of a kind we do not hold (an image)."""
    examples = [
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": "http://example.org/anno1",
            "type": "Annotation",
            "body": "http://example.org/post1",
            "target": "http://example.com/page1",
        },
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": "http://example.org/anno23",
            "type": "Annotation",
            "body": {"type": "TextualBody", "value": "A comment", "format": "text/plain"},
            "target": {
                "source": PAGE,
                "selector": {
                    "type": "TextQuoteSelector",
                    "exact": "Transit fees",
                    "prefix": "over pricing.\n\n",
                    "suffix": " through Mongolia",
                },
            },
        },
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": "http://example.org/anno24",
            "type": "Annotation",
            "body": [
                {"id": "http://example.org/image1", "type": "Image"},
                {"type": "TextualBody", "purpose": "tagging", "value": "Mongolia"},
            ],
            "target": {
                "source": PAGE,
                "selector": {
                    "type": "FragmentSelector",
                    "value": "para2",
                    "refinedBy": {"type": "TextQuoteSelector", "exact": "sticking point"},
                },
            },
        },
    ]
    report = import_file(corpus, _write(tmp_path, examples))

    quotes = sorted(a.exact for a in corpus.annotations.query(ExcerptFilter()))
    assert quotes == ["Transit fees", "sticking point"]
    assert any("whole resource" in reason for reason in report.skipped)
    assert report.notices["FragmentSelector"] == 1
    assert 'bodies of type "Image" (not text): left out' in report.message


def test_our_w3c_file_imports_into_a_project_built_from_our_qdpx(tmp_path):
    from annotator.services.exporting import export

    source = make_project(tmp_path, "source", TEXTS)
    annotate(source, "grain.txt", "Shipments resumed", ["Trade"], "a note")
    annotate(source, "pipeline.html", "Power of Siberia 2", ["Energy"])
    export(source, "qdpx", tmp_path / "out.qdpx")
    (tmp_path / "out.json").write_text(json.dumps(to_w3c(source)), encoding="utf-8")
    source.close()
    with make_project(tmp_path, "rebuilt", {}) as rebuilt:
        import_file(rebuilt, tmp_path / "out.qdpx")
        # The .qdpx made its own texts (named by title); the W3C file names other paths.
        for annotation in rebuilt.annotations.query(ExcerptFilter()):
            rebuilt.annotations.delete(annotation.id)
        report = import_file(rebuilt, tmp_path / "out.json")
        assert report.placed == 2, report.message
        assert sorted(a.exact for a in rebuilt.annotations.query(ExcerptFilter())) == [
            "Power of Siberia 2",
            "Shipments resumed",
        ]
