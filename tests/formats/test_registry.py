"""The formats registry: which files are sources, the dialogs' filters, the export choices."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.textload import LoadError
from annotator.formats.registry import (
    REGISTRY,
    SourceFormat,
    export_format,
    export_formats,
    file_dialog_filter,
    import_dialog_filter,
    import_format_for,
    read_source,
    source_format_for,
    source_suffix_text,
    source_suffixes,
)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("article.txt", "text"),
        ("plain.text", "text"),
        ("Notes.MD", "markdown"),
        ("essay.markdown", "markdown"),
        ("archive/2024/essay.md", "markdown"),
        (".hidden.txt", None),
        ("~lock.txt", None),
        ("#autosave.txt", None),
        ("backup.txt~", None),
        ("article.txt.swp", None),
        (".txt", None),
        ("report.docx", "docx"),
        ("~$report.docx", None),  # Word's lock file beside an open document
        ("Saved Page.HTM", "html"),
        ("page.html", "html"),
        ("journal.pdf", "pdf"),
        ("photo.png", None),
    ],
)
def test_each_name_has_the_format_that_reads_it_or_none(name, key):
    found = source_format_for(name)
    assert (found.key if found else None) == key


def test_a_source_folder_inside_a_hidden_one_still_counts():
    # Only the name decides: the default project's seeds live under ~/.local/share.
    assert source_format_for(Path("/home/u/.local/share/Annotator/seeds/a.txt")) is not None


def test_the_dialogs_and_messages_list_every_source_format():
    assert source_suffixes() == {
        ".txt", ".text", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"
    }  # fmt: skip
    assert source_suffix_text() == ".txt, .text, .md, .markdown, .html, .htm, .docx or .pdf"
    assert file_dialog_filter() == (
        "Sources (*.txt *.text *.md *.markdown *.html *.htm *.docx *.pdf);;"
        "Plain text (*.txt *.text);;Markdown (*.md *.markdown);;Web page (*.html *.htm);;"
        "Word document (*.docx);;PDF (*.pdf);;All files (*)"
    )
    assert "*.qdpx" in import_dialog_filter() and "*.jsonld" in import_dialog_filter()


def test_exports_come_by_kind_in_registration_order():
    assert [f.key for f in export_formats("briefing")] == ["docx", "md", "csv", "pdf"]
    assert [f.key for f in export_formats("annotations")] == ["w3c", "qdpx"]
    assert [f.key for f in export_formats("codebook")] == ["qdc"]
    assert export_format("qdpx").suffix == ".qdpx"
    with pytest.raises(ValueError, match="no export format 'odt' \\(choose docx, md, csv, pdf"):
        export_format("odt")


def test_imports_are_found_by_suffix():
    assert import_format_for("notes.JSON").key == "w3c"
    assert import_format_for("study.qdpx").key == "qdpx"
    assert import_format_for("codes.qdc").key == "qdc"
    assert import_format_for("notes.txt") is None


def test_a_file_no_format_reads_is_refused_with_its_name(tmp_path):
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG")
    with pytest.raises(LoadError, match="photo.png is not a kind of file Annotator reads"):
        read_source(path)


def test_markdown_takes_its_title_from_a_top_heading(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("#  The *Real*   Title ##\n\nBody text.\n", encoding="utf-8")
    content = read_source(path)
    assert content.title == "The *Real* Title"
    assert content.text.startswith("#  The *Real*")  # the text is the file's, markup and all
    plain = tmp_path / "notes.txt"
    plain.write_text("# Not a heading here\n\nBody.\n", encoding="utf-8")
    assert read_source(plain).title == "# Not a heading here"


def test_a_second_format_for_a_suffix_or_key_is_refused(monkeypatch):
    monkeypatch.setattr(REGISTRY, "_sources", dict(REGISTRY.sources))
    with pytest.raises(ValueError, match=".md already belong"):
        REGISTRY.add(SourceFormat("notes", "Notes", (".MD",), read_source))
    with pytest.raises(ValueError, match="'text' is already registered"):
        REGISTRY.add(SourceFormat("text", "Text again", (".txt2",), read_source))
