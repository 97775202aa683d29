"""The briefing from the command line: project settings as its identity, no login name, the
default title from the selection, --tag sections, --context, and LibreOffice's page numbers."""

from __future__ import annotations

import getpass
import json
import shutil

import docx
import pytest
from docx.oxml.ns import qn

from annotator.store.library import Library


@pytest.fixture
def project(tmp_path, run, seeds, quote_of):
    """Seeds with Economy > Energy, Economy > Trade and Politics, a few passages tagged."""
    path = tmp_path / "work.annotator"
    assert run("--project", path, "add", seeds)[0] == 0
    for args in (("Economy",), ("Energy", "--parent", "Economy"), ("Trade", "--parent", "Economy"),
                 ("Politics",)):  # fmt: skip
        assert run("--project", path, "tag", "add", *args)[0] == 0
    docs = json.loads(run("--project", path, "docs", "--json")[1])
    with Library.open(path) as lib:
        texts = {d["id"]: lib.documents.text(d["id"]) for d in docs}
    for i, (tags, note) in enumerate(
        ((["Energy", "Politics"], "See https://example.org/report."), (["Trade"], ""),
         (["Energy"], "Second energy note."))
    ):  # fmt: skip
        doc = docs[i]
        quote = quote_of(texts[doc["id"]])
        args = ["--project", path, "annotate", str(doc["id"]), "--quote", quote, "--note", note]
        for tag in tags:
            args += ["--tag", tag]
        status, _, err = run(*args)
        assert status == 0, err
    return path


def _export(run, project, out, *extra):
    status, message, err = run("--project", project, "export", "--format", "docx", "--out", out,
                               *extra)  # fmt: skip
    assert status == 0, err
    return message, docx.Document(str(out))


def _texts(document, style):
    return [p.text for p in document.paragraphs if p.style.name == style]


def test_project_settings_are_the_briefings_identity(project, run, tmp_path):
    status, out, _ = run("--project", project, "project")
    assert status == 0 and "title: (what is selected)" in out and "author: (none)" in out
    status, out, _ = run("--project", project, "project", "--title", "Energy watch",
                         "--author", "Asia desk", "--summary-heading", "In brief")  # fmt: skip
    assert status == 0 and "title: Energy watch" in out and "summary heading: In brief" in out
    run("--project", project, "note", "project", "--set", "What we found.")
    _, document = _export(run, project, tmp_path / "b.docx", "--comments")
    assert document.paragraphs[0].text == "Energy watch"
    assert "In brief" in _texts(document, "Summary Heading")
    assert document.sections[0].header.paragraphs[0].text == "Energy watch"
    assert (document.core_properties.author, document.core_properties.title) == (
        "Asia desk", "Energy watch"
    )  # fmt: skip
    # The annotations were made before an author was set: their comments carry the briefing's.
    assert {c.author for c in document.comments} == {"Asia desk"}
    # Export options override the settings.
    _, document = _export(run, project, tmp_path / "c.docx", "--title", "Other", "--author", "X")
    assert document.paragraphs[0].text == "Other" and document.core_properties.author == "X"


def test_no_login_or_file_name_reaches_the_reader(project, run, tmp_path):
    login = getpass.getuser()
    _, document = _export(run, project, tmp_path / "b.docx", "--comments")
    with Library.open(project) as lib:
        assert lib.project.author == ""  # new annotations are credited to nobody, not the login
        assert {a.author for a in lib.annotations.query(None)} == {""}
    every = [p.text for p in document.paragraphs] + [
        document.sections[0].header.paragraphs[0].text,
        document.core_properties.author,
        document.core_properties.last_modified_by,
    ]
    assert not any(login in t.split() for t in every if t), login
    assert not any("work" == t or t.startswith("Project: work") for t in every)
    assert {c.author for c in document.comments} == {"Annotator"}
    assert document.paragraphs[0].text == "Briefing: all excerpts"


def test_default_title_says_what_was_selected_and_tag_gives_its_subtree(project, run, tmp_path):
    _, document = _export(run, project, tmp_path / "b.docx", "--tag", "Economy")
    assert document.paragraphs[0].text == "Briefing: Economy"
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Politics" not in headings and {"Economy", "Energy", "Trade"} <= set(headings)
    _, document = _export(run, project, tmp_path / "c.docx", "--tag", "Energy", "--tag", "Trade")
    assert document.paragraphs[0].text == "Briefing: Energy and Trade"
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Economy" not in headings and "Politics" not in headings


def test_context_prints_the_sentences_around_each_quote(project, run, tmp_path):
    _, plain = _export(run, project, tmp_path / "a.docx")
    _, document = _export(run, project, tmp_path / "b.docx", "--context")
    quotes = _texts(document, "Block Quote")
    plain_quotes = _texts(plain, "Block Quote")
    assert len(quotes) == len(plain_quotes)
    assert all(q in c and len(c) > len(q) for q, c in zip(plain_quotes, quotes, strict=True))
    grey = [
        r for p in document.paragraphs if p.style.name == "Block Quote" for r in p.runs
        if r.font.color is not None and r.font.color.rgb is not None
    ]  # fmt: skip
    assert grey  # the context runs are lighter than the quote


def test_urls_in_notes_become_live_links(project, run, tmp_path):
    _, document = _export(run, project, tmp_path / "b.docx")
    rels = [r for r in document.part.rels.values() if r.is_external]
    assert "https://example.org/report" in {r.target_ref for r in rels}
    note = next(p for p in document.paragraphs if "example.org" in p.text)
    assert note.text == "Note: See https://example.org/report."
    assert note._p.find(qn("w:hyperlink")) is not None


def test_without_libreoffice_the_export_says_who_fills_the_page_numbers(project, run, tmp_path):
    message, _ = _export(run, project, tmp_path / "b.docx")
    assert "LibreOffice is not installed" in message and "Word" in message
    status, _, err = run("--project", project, "export", "--format", "pdf", "--out",
                         tmp_path / "b.pdf")  # fmt: skip
    assert status == 1 and "needs LibreOffice" in err and not (tmp_path / "b.pdf").exists()


@pytest.mark.office
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_fills_the_contents_page_numbers_and_writes_pdf(project, run, tmp_path):
    message, document = _export(run, project, tmp_path / "b.docx")
    assert "contents page numbers by LibreOffice" in message
    toc = [p for p in document.paragraphs if p.style.name.lower() in ("toc 1", "toc 2", "toc 3")]
    numbers = [p.text.rsplit("\t", 1)[-1] for p in toc]
    assert all(n.isdigit() for n in numbers), numbers
    assert [int(n) for n in numbers] == sorted(int(n) for n in numbers)  # reading order
    assert int(numbers[0]) == 3  # title page, contents, then the overview
    status, _, err = run("--project", project, "export", "--format", "pdf", "--out",
                         tmp_path / "b.pdf")  # fmt: skip
    assert status == 0, err
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF")
    # Asked not to, the export leaves the numbers to Word: LibreOffice is not run at all.
    from annotator.formats import briefing_pdf

    def no_conversion(*args):
        raise AssertionError("LibreOffice ran although --no-page-numbers was given")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(briefing_pdf, "to_pdf", no_conversion)
        message, document = _export(run, project, tmp_path / "c.docx", "--no-page-numbers")
    assert "left for Word to fill in" in message
    toc = [p for p in document.paragraphs if p.style.name.lower() in ("toc 1", "toc 2", "toc 3")]
    assert toc and not any(p.text.rsplit("\t", 1)[-1].isdigit() for p in toc)
