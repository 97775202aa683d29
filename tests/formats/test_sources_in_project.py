"""Web pages, Word files and PDFs in a project: added, scanned, reloaded and refused like texts.

Through the services the app and the command line use (``add_paths``, ``scan``,
``handle_events``): the metadata each file states fills its document; a reload takes the
file's fields except those the user set; a half-written file is retried, not loaded broken;
every bad file is refused with its name and the reason, and nothing in the project changes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from builders import (
    JOURNAL_TITLE,
    REPORT_TITLE,
    encrypt_pdf,
    truncated_copy,
    write_journal_pdf,
    write_report_docx,
    write_scanned_pdf,
    zip_that_is_not_word,
)
from html_pages import news_site

from annotator.cli.main import main
from annotator.core.metadata import page_at
from annotator.services import commands as cmd
from annotator.services.live import SourceEvent, handle_events
from annotator.services.sources import add_paths, scan
from annotator.services.tagging import tag_span
from annotator.store.library import Library

MENU_PAGE = b"""<html><head><title>Menu</title></head><body><nav><ul>
<li><a href="/a">World</a></li><li><a href="/b">Politics</a></li></ul></nav>
<footer>All rights reserved</footer></body></html>"""


def corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "saved page.html").write_bytes(news_site().data)
    write_report_docx(folder / "report.docx")
    write_journal_pdf(folder / "journal.pdf")
    (folder / "plain.txt").write_text(
        "Pipeline politics\n\nBy Luna Pham and Ivan Petrov\n\nThe pipeline carries gas east.\n"
        "\nThis article was originally published by Foreign Affairs.\n",
        encoding="utf-8",
    )
    return folder


def test_each_format_is_added_with_the_metadata_its_file_states(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "sources")
    with Library.open(tmp_path / "p.annotator") as lib:
        report = add_paths(lib, [folder])
        assert not report.refused
        docs = {d.path: d for d in lib.documents.list()}
        page, word, pdf, plain = (
            docs["saved page.html"],
            docs["report.docx"],
            docs["journal.pdf"],
            docs["plain.txt"],
        )
        assert [d.format for d in (page, word, pdf, plain)] == ["html", "docx", "pdf", "text"]
        site = news_site()
        assert (page.title, page.authors, page.published, page.url, page.outlet) == (
            site.title,
            site.authors,
            site.published,
            site.url,
            site.outlet,
        )
        assert (word.title, word.authors, word.published) == (
            REPORT_TITLE,
            ("Luna Pham", "Tim Rühlig"),
            "2024-03-12",
        )
        assert pdf.title == JOURNAL_TITLE and pdf.authors == ("Luna Pham",)
        pages = lib.documents.pages(pdf.id)
        assert [label for _o, label in pages] == ["1", "2", "3"]
        text = lib.documents.text(pdf.id)
        assert page_at(pages, len(text) - 1) == "3" and page_at(pages, 0) == "1"
        assert (plain.authors, plain.outlet) == (("Luna Pham", "Ivan Petrov"), "Foreign Affairs")
        assert lib.documents.pages(word.id) == () and lib.documents.pages(page.id) == ()


def test_a_reload_follows_the_file_except_where_the_user_edited(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "sources")
    with Library.open(tmp_path / "p.annotator") as lib:
        add_paths(lib, [folder])
        plain = lib.documents.resolve("plain.txt")
        report = lib.documents.resolve("report.docx")
        cmd.set_document_field(lib, report.id, "authors", ["Asia desk"]).redo()
        # A new first line: the title follows (item 12); so do the byline and the outlet.
        (folder / "plain.txt").write_text(
            "Pipeline politics, revised\n\nBy Ivan Petrov\n\nThe pipeline carries gas east.\n",
            encoding="utf-8",
        )
        import docx

        edited = docx.Document(str(folder / "report.docx"))
        edited.core_properties.title = "Power of Siberia 2: the final word"
        edited.core_properties.author = "Someone Else"
        edited.save(str(folder / "report.docx"))  # properties only: the same text
        scan(lib)
        plain_now, report_now = lib.documents.get(plain.id), lib.documents.get(report.id)
        assert plain_now.title == "Pipeline politics, revised"
        assert (plain_now.authors, plain_now.outlet) == (("Ivan Petrov",), "")
        assert report_now.title == "Power of Siberia 2: the final word"  # the file's
        assert report_now.authors == ("Asia desk",)  # the user's, kept
        # A title the user set is theirs too.
        cmd.set_document_title(lib, plain.id, "My title").redo()
        (folder / "plain.txt").write_text("Yet another headline\n\nBody.\n", encoding="utf-8")
        scan(lib)
        assert lib.documents.get(plain.id).title == "My title"


def _bad_files(folder: Path, journal: Path) -> dict[str, str]:
    """Each bad input of issue 9 as a file in ``folder``: name -> the reason it is refused."""
    folder.mkdir(parents=True, exist_ok=True)
    encrypt_pdf(journal, folder / "locked.pdf")
    write_scanned_pdf(folder / "scan.pdf")
    zip_that_is_not_word(folder / "notes.docx")
    (folder / "menu.html").write_bytes(MENU_PAGE)
    with open(folder / "huge.pdf", "wb") as file:
        file.truncate(200 * 1024 * 1024 + 1)  # sparse: nothing is written
    truncated_copy(journal, folder / "half.pdf")
    return {
        "locked.pdf": "locked.pdf is password-protected",
        "scan.pdf": "scan.pdf has no text layer: this PDF needs OCR first",
        "notes.docx": "notes.docx is a zip archive but not a Word document",
        "menu.html": "no article text found in menu.html",
        "huge.pdf": "huge.pdf is 200.0 MB; PDF files over 200 MB are not loaded",
        "half.pdf": "half.pdf looks incomplete",
    }


def _state(lib: Library) -> list[object]:
    return [(d, lib.documents.text(d.id)) for d in lib.documents.list()] + [
        lib.annotations.for_document(d.id) for d in lib.documents.list()
    ]


def test_bad_files_are_refused_on_add_and_scan_and_the_rest_loads(tmp_path: Path) -> None:
    journal = write_journal_pdf(tmp_path / "journal.pdf")
    folder = tmp_path / "sources"
    expected = _bad_files(folder, journal)
    (folder / "fine.txt").write_text("A fine text.\n", encoding="utf-8")
    with Library.open(tmp_path / "p.annotator") as lib:
        report = add_paths(lib, [folder])
        assert [d.path for d in report.added] == ["fine.txt"]
        refused = {Path(path).name: reason for path, reason in report.refused}
        assert set(refused) == set(expected)
        for name, reason in expected.items():
            assert reason in refused[name], (name, refused[name])
        before = _state(lib)
        again = scan(lib)
        assert {Path(p).name for p, _r in again.refused} == set(expected)
        assert not (again.new or again.changed or again.missing)
        assert _state(lib) == before
        # Each on its own, as a single file.
        for name in expected:
            single = add_paths(lib, [folder / name])
            assert not single.added and expected[name] in single.refused[0][1]
        assert _state(lib) == before


def test_a_known_file_that_turns_bad_keeps_its_text_and_highlights(tmp_path: Path) -> None:
    (tmp_path / "keep").mkdir()
    journal = write_journal_pdf(tmp_path / "keep" / "journal.pdf")
    spare = write_journal_pdf(tmp_path / "journal-copy.pdf")
    folder = journal.parent
    with Library.open(tmp_path / "p.annotator") as lib:
        (doc,) = add_paths(lib, [folder]).added
        tag_span(lib, doc.id, 0, 10)
        before = _state(lib)
        for make, reason in (
            (lambda: encrypt_pdf(spare, journal), "password-protected"),
            (lambda: write_scanned_pdf(journal), "needs OCR first"),
            (lambda: truncated_copy(spare, journal), "looks incomplete"),
        ):
            make()
            report = scan(lib)
            assert [Path(p).name for p, _r in report.refused] == ["journal.pdf"]
            assert reason in report.refused[0][1]
            (result,) = handle_events(lib, [(SourceEvent("changed", folder, journal), True)])
            assert reason in result.message and "journal.pdf" in result.message
            assert _state(lib) == before


def test_a_half_written_file_is_retried_by_the_watcher_then_loaded(tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    folder.mkdir()
    whole = write_report_docx(tmp_path / "report.docx")
    target = folder / "report.docx"
    with Library.open(tmp_path / "p.annotator") as lib:
        lib.sources.add(folder, "folder")
        truncated_copy(whole, target)
        event = SourceEvent("changed", folder, target)
        (first,) = handle_events(lib, [(event, False)])
        assert first.retry and "looks incomplete" in first.message
        assert lib.documents.list() == []  # not loaded broken
        (last,) = handle_events(lib, [(event, True)])  # the last retry: still cut short
        assert "report.docx looks incomplete" in last.message and lib.documents.list() == []
        target.write_bytes(whole.read_bytes())  # the writer is done
        (done,) = handle_events(lib, [(event, False)])
        assert not done.retry and "added report.docx" in done.message
        assert lib.documents.list()[0].title == REPORT_TITLE


@pytest.mark.parametrize("name", ["scan.pdf", "locked.pdf", "notes.docx", "menu.html"])
def test_a_bad_file_dropped_into_a_watched_folder_is_refused_by_name(
    tmp_path: Path, name: str
) -> None:
    journal = write_journal_pdf(tmp_path / "journal.pdf")
    expected = _bad_files(tmp_path / "bad", journal)
    folder = tmp_path / "sources"
    folder.mkdir()
    with Library.open(tmp_path / "p.annotator") as lib:
        lib.sources.add(folder, "folder")
        os.replace(tmp_path / "bad" / name, folder / name)
        (result,) = handle_events(lib, [(SourceEvent("changed", folder, folder / name), True)])
        assert expected[name] in result.message and lib.documents.list() == []


def test_the_command_line_refuses_a_bad_file_by_name_and_adds_the_rest(
    tmp_path: Path, capsys
) -> None:
    folder = tmp_path / "sources"
    folder.mkdir()
    write_scanned_pdf(folder / "scan.pdf")
    write_journal_pdf(folder / "journal.pdf")
    project = str(tmp_path / "p.annotator")
    assert main(["--project", project, "add", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert "scan.pdf: scan.pdf has no text layer: this PDF needs OCR first" in err
    assert "1 added, 0 already present, 1 refused" in out
    assert main(["--project", project, "docs", "--json"]) == 0
    (doc,) = json.loads(capsys.readouterr().out)
    assert (doc["path"], doc["format"], doc["authors"]) == ("journal.pdf", "pdf", ["Luna Pham"])


def test_a_word_file_without_properties_takes_the_byline_and_origin_its_text_states(tmp_path):
    import docx

    document = docx.Document()
    document.core_properties.author = ""
    document.add_heading("The world according to Xi and Putin", level=1)
    document.add_paragraph("By Katie Stallard and Ivan Petrov")
    document.add_paragraph("By 2030, the two leaders hope to double their trade.")
    document.add_paragraph("This article appears in the 19 Apr 2023 issue of the New Statesman.")
    document.save(tmp_path / "stallard.docx")
    credited = docx.Document()
    credited.core_properties.author = "Anna Kireeva"
    credited.add_paragraph("By Katie Stallard")
    credited.add_paragraph("A paragraph of the article itself, long enough to be its text.")
    credited.save(tmp_path / "credited.docx")
    with Library.open(tmp_path / "p.annotator") as lib:
        add_paths(lib, [tmp_path / "stallard.docx", tmp_path / "credited.docx"])
        docs = {d.path: d for d in lib.documents.list()}
    stated = docs["stallard.docx"]
    assert stated.authors == ("Katie Stallard", "Ivan Petrov")
    assert (stated.outlet, stated.published) == ("New Statesman", "2023-04-19")
    assert docs["credited.docx"].authors == ("Anna Kireeva",)  # the file's own word wins
