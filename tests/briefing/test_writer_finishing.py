"""The finish of the written file: properties, template leftovers, no-break joins, page number
room, citations from metadata, and what independent readers and Office's schema make of it."""

from __future__ import annotations

import dataclasses
import zipfile

import docx
import mammoth
from briefing_corpus import ANNOTATIONS
from briefing_readback import texts_with_style
from docx.oxml.ns import qn
from docx2python import docx2python
from openxml_audit import OpenXmlValidator

from annotator.briefing.pages import fill_page_numbers
from annotator.briefing.render import PAGE_PLACEHOLDER, toc_entries
from annotator.briefing.writer import write_briefing
from annotator.core.briefing import BriefingOptions, build_briefing
from annotator.core.briefing_cite import authors_text, date_text

BODY = [a for a in ANNOTATIONS if a.status.value != "orphan"]


def test_app_properties_name_annotator_and_template_leftovers_are_gone(compile_briefing):
    _, path, _ = compile_briefing()
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        app = package.read("docProps/app.xml").decode()
    assert "<Application>Annotator</Application>" in app
    assert "Macintosh" not in app and "<Pages>" not in app and "<Words>" not in app
    assert not any(n.startswith("customXml/") for n in names)  # the empty bibliography part


def test_citations_come_from_document_metadata_and_link_to_the_appendix(inputs, tmp_path):
    inputs["documents"][0] = dataclasses.replace(
        inputs["documents"][0],
        authors=("Alexander Gabuev", "Temur Umarov"),
        outlet="Carnegie Politika",
        published="2023-02-27",
        url="https://carnegie.example/fraternity",
        citation_note="Translated from the Russian.",
        format="pdf",
    )
    inputs["documents"][1] = dataclasses.replace(
        inputs["documents"][1], authors=("A. One", "B. Two", "C. Three", "D. Four")
    )
    briefing = build_briefing(BriefingOptions(title="T"), **inputs)
    document = docx.Document(str(write_briefing(briefing, tmp_path / "b.docx")))
    citations = texts_with_style(document, "Citation")
    expected = "— Alexander Gabuev and Temur Umarov, Source number 1, Carnegie Politika, "
    expected += "27\u00a0February\u00a02023, ¶\u00a01"
    assert expected in citations
    assert not any("source-1.txt" in c for c in citations if c.startswith("— "))  # never a file
    assert any(c.startswith("— A. One et\u00a0al., Source number 2, ¶") for c in citations)
    # The citation links to the appendix entry: full reference, live URL, small print.
    link = next(p for p in document.paragraphs if p.text.startswith("— Alexander"))
    assert link._p.find(qn("w:hyperlink")).get(qn("w:anchor")) == "_Ref_src_1"
    entry = next(p for p in document.paragraphs if p.text.startswith("Alexander Gabuev and"))
    assert entry.text == (
        "Alexander Gabuev and Temur Umarov, Source number 1, Carnegie Politika, "
        "27\u00a0February\u00a02023. https://carnegie.example/fraternity "
        "Translated from the Russian."
    )
    rels = {r.rId: r.target_ref for r in document.part.rels.values() if r.is_external}
    url_link = entry._p.find(qn("w:hyperlink"))
    assert rels[url_link.get(qn("r:id"))] == "https://carnegie.example/fraternity"
    assert any(
        p.text.startswith("A. One, B. Two, C. Three and D. Four,") for p in document.paragraphs
    )
    small = texts_with_style(document, "Citation")
    assert any(
        c.startswith("3 excerpts · PDF · 1,234 words · file sub/source-1.txt") for c in small
    )


def test_authors_and_dates_read_as_a_reference():
    assert authors_text(("A",)) == "A"
    assert authors_text(("A", "B")) == "A and B"
    assert authors_text(("A", "B", "C")) == "A, B and C"
    assert authors_text(("A", "B", "C", "D")) == "A et\u00a0al."
    assert authors_text(("A", "B", "C", "D"), full=True) == "A, B, C and D"
    assert date_text("2023-02-27") == "27\u00a0February\u00a02023"
    assert date_text("2023-02") == "February\u00a02023" and date_text("2023") == "2023"


def test_page_number_room_is_reserved_and_filled_without_moving_anything(inputs, tmp_path):
    briefing = build_briefing(BriefingOptions(title="T"), **inputs)
    path = write_briefing(briefing, tmp_path / "b.docx", reserve_pages=True)
    toc = _toc(docx.Document(str(path)))
    assert toc and all(t.endswith("\t" + PAGE_PLACEHOLDER) for t in toc)
    entries = toc_entries(briefing)
    pages = {key: 3 + i for i, (_, _, key) in enumerate(entries)}
    assert fill_page_numbers(path, pages) == len(entries)
    document = docx.Document(str(path))
    toc = _toc(document)
    assert [t.rsplit("\t", 1)[1] for t in toc] == [str(3 + i) for i in range(len(entries))]
    tabs = document.element.body.iter(qn("w:tab"))
    assert any(t.get(qn("w:leader")) == "dot" for t in tabs)  # a dot leader to the number


def test_without_reserved_room_the_contents_have_no_empty_leaders(compile_briefing):
    _, _, document = compile_briefing()
    toc = _toc(document)
    assert toc and not any("\t" in t for t in toc)


def _toc(document) -> list[str]:
    return [
        p.text for p in document.paragraphs if p.style.name.lower() in ("toc 1", "toc 2", "toc 3")
    ]


def test_independent_readers_see_each_excerpt_once_and_the_schema_holds(inputs, tmp_path):
    inputs["annotations"] = [
        dataclasses.replace(a, note=a.note + " https://example.org/x") if a.note else a
        for a in ANNOTATIONS
    ]
    for context in (False, True):
        options = BriefingOptions(
            title="T", author="Me", include_orphans=True, notes_as_comments=True, context=context
        )
        briefing = build_briefing(options, **inputs)
        path = write_briefing(briefing, tmp_path / f"b{context}.docx", reserve_pages=True)
        result = OpenXmlValidator().validate(str(path))
        assert result.error_count == 0, [str(e) for e in result.errors[:5]]
    path = tmp_path / "bFalse.docx"
    with docx2python(str(path)) as read:
        text = read.text
    with open(path, "rb") as handle:
        html = mammoth.convert_to_html(handle).value
    lost = {a.exact for a in ANNOTATIONS if a.status.value == "orphan"}  # in the appendix too
    for a in BODY:
        assert a.exact in text
        if a.exact in lost:
            continue
        # One block, however many tags; a cross-reference quotes its first words.
        assert html.count(a.exact) - html.count(f"“{a.exact}") == 1, a.exact
