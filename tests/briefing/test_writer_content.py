"""The .docx read back: excerpts, citations, notes, headings, overview, links, comments."""

from __future__ import annotations

import dataclasses

import docx
import pytest
from briefing_corpus import ANNOTATIONS, TAGS
from briefing_readback import (
    anchors,
    bookmarks,
    instructions,
    paragraphs,
    table_rows,
    texts_with_style,
)
from docx.oxml.ns import qn

from annotator.briefing.tables import SHADES, shade
from annotator.core.briefing import EmptyBriefing
from annotator.core.models import AnchorStatus

BODY = [a for a in ANNOTATIONS if a.status is not AnchorStatus.ORPHAN]


def _descendants(tag_id: int) -> set[int]:
    found = {tag_id}
    changed = True
    while changed:
        more = {t.id for t in TAGS if t.parent_id in found} - found
        found |= more
        changed = bool(more)
    return found


def test_by_document_every_excerpt_appears_once_with_citation_and_note(compile_briefing):
    briefing, _, document = compile_briefing(group_by="document")
    paras = paragraphs(document)
    quotes = [t for s, t in paras if s == "block quote"]
    assert sorted(quotes) == sorted(a.exact for a in BODY)
    for a in BODY:
        i = next(i for i, (s, t) in enumerate(paras) if s == "block quote" and t == a.exact)
        style, citation = paras[i + 1]
        excerpt = next(e for e in briefing.excerpts() if e.annotation_id == a.id)
        # The section is the document: its citation is the locator alone, no repeated title.
        assert (style, citation) == ("citation", f"— ¶\u00a0{excerpt.paragraph}")
        following = [t for s, t in paras[i + 1 : i + 4] if s == "excerpt note"]
        if a.note:
            assert following and following[0] == f"Note: {a.note}"
        else:
            assert not following
    tag_lines = texts_with_style(document, "Excerpt Tags")
    assert "Tags: Polls, Economy" in tag_lines and not any("Also" in t for t in tag_lines)
    # No "File: …" line under a document's heading.
    assert not any(t.startswith("File:") for _, t in paras)


def test_paragraph_locators_count_non_empty_lines(compile_briefing):
    _, _, document = compile_briefing()
    citations = texts_with_style(document, "Citation")
    # Foxtrot follows two blank lines: still the 3rd paragraph of document 2. A no-break space
    # holds "¶" and its number together.
    assert "— Source number 2, ¶\u00a03" in citations
    assert "— Source number 1, ¶\u00a02" in citations  # Bravo, after a blank line


def test_by_tag_each_excerpt_prints_once_under_its_most_specific_tag(compile_briefing):
    briefing, _, document = compile_briefing()
    quotes = texts_with_style(document, "Block Quote")
    assert sorted(quotes) == sorted(a.exact for a in BODY)  # 88 blocks for 63 is over
    # Charlie carries Polls (level 3) and Economy (level 1): printed under Polls, and Economy
    # lists it as a one-line cross-reference linked to the block.
    paras = paragraphs(document)
    polls = paras.index(("heading 3", "Polls"))
    economy = paras.index(("heading 1", "Economy"))
    charlie = paras.index(("block quote", "Charlie sits on line three."))
    assert polls < charlie < economy
    tags_lines = texts_with_style(document, "Excerpt Tags")
    assert "Also tagged: Economy" in tags_lines
    cross = ("excerpt tags", "“Charlie sits on line three.” — see Polls, ¶\u00a03")
    assert cross in paras[economy:] and cross not in paras[:economy]
    charlie_id = next(a.id for a in BODY if a.exact.startswith("Charlie"))
    assert f"_Ref_ex_{charlie_id}" in anchors(document)
    assert f"_Ref_ex_{charlie_id}" in bookmarks(document)
    assert briefing.placement_count == len(BODY)


def test_headings_follow_the_tag_tree(compile_briefing):
    _, _, document = compile_briefing()
    headings = [(s, t) for s, t in paragraphs(document) if s.startswith("heading")]
    assert headings == [
        ("heading 1", "Overview"),
        ("heading 1", "Politics"),
        ("heading 2", "Elections"),
        ("heading 3", "Polls"),
        ("heading 3", "Margins"),  # level 4 of the tree, capped at Heading 3
        ("heading 1", "Economy"),
        ("heading 1", "Untagged"),
        ("heading 1", "Appendix: Sources"),
        ("heading 2", "Document notes"),
    ]
    # A tag's description and its note are labelled apart.
    notes = texts_with_style(document, "Section Note")
    assert "Description: All things political." in notes
    assert "Notes: Tag note on politics." in notes


def test_overview_is_a_tag_by_document_heat_map(compile_briefing):
    _, _, document = compile_briefing()
    table = document.tables[0]
    rows = table_rows(table)
    assert rows[0] == ["Tag", "1", "2", "3", "Total"]
    got = {r[0]: r[1:] for r in rows[1:]}
    for tag in TAGS:
        ids = _descendants(tag.id)
        hits = [a for a in BODY if ids & set(a.tag_ids)]
        if not hits:
            assert tag.name not in got
            continue
        per_doc = [sum(1 for a in hits if a.document_id == d) for d in (1, 2, 3)]
        assert got.pop(tag.name) == [str(n) if n else "" for n in per_doc] + [str(len(hits))]
    assert got == {"Untagged": ["1", "", "", "1"]}
    # Cells are shaded by count (the count printed too), each linked to its section.
    fills = [
        shd.get(qn("w:fill")) for shd in table._tbl.iter(qn("w:shd")) if shd.get(qn("w:fill"))
    ]
    assert fills and set(fills) <= set(SHADES)
    links = [h.get(qn("w:anchor")) for h in table._tbl.iter(qn("w:hyperlink"))]
    assert "_Toc_tag_1" in links and set(links) <= bookmarks(document) | {
        f"_Ref_src_{i}" for i in (1, 2, 3)
    }


def test_heat_map_shading_grows_with_the_count():
    assert shade(0, 9) is None
    steps = [shade(n, 10) for n in range(1, 11)]
    assert steps[0] == SHADES[0] and steps[-1] == SHADES[-1]
    assert [SHADES.index(s) for s in steps] == sorted(SHADES.index(s) for s in steps)


def test_internal_links_resolve_to_bookmarks(compile_briefing):
    _, _, document = compile_briefing(include_orphans=True)
    targets = anchors(document)
    names = bookmarks(document)
    assert targets and set(targets) <= names
    # The TOC links every heading of the body to its bookmark.
    toc = [t for s, t in paragraphs(document) if s in ("toc 1", "toc 2", "toc 3")]
    headings = [t for s, t in paragraphs(document) if s in ("heading 1", "heading 2", "heading 3")]
    assert toc == [h for h in headings if h != "Document notes"]


def test_toc_is_a_real_field_and_word_is_asked_to_refresh_it(compile_briefing):
    _, _, document = compile_briefing()
    assert any(i.startswith("TOC ") for i in instructions(document.element.body))
    settings = [c.tag.split("}")[1] for c in document.settings.element]
    assert "updateFields" in settings
    # Schema order: updateFields comes before compat, rsids and the rest (Word rejects otherwise).
    for later in ("compat", "rsids", "themeFontLang", "clrSchemeMapping"):
        if later in settings:
            assert settings.index("updateFields") < settings.index(later)
    before = {"zoom", "proofState", "defaultTabStop", "characterSpacingControl"}
    assert all(settings.index(s) < settings.index("updateFields") for s in before & set(settings))


def test_notes_become_comments_anchored_on_the_quote(compile_briefing):
    _, _, document = compile_briefing(notes_as_comments=True)
    comments = list(document.comments)
    noted = [a for a in BODY if a.note]
    assert len(comments) == len(noted)  # one comment per note (15 notes made 21)
    assert sorted(c.text for c in comments) == sorted(a.note for a in noted)
    assert {c.author for c in comments} == {"Ana Lyst"} and comments[0].initials == "AL"
    assert not {a.note for a in noted} & set(texts_with_style(document, "Excerpt Note"))
    body = document.element.body
    for start in body.iter(qn("w:commentRangeStart")):
        p = start.getparent()
        assert p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) == "BlockQuote"
    assert len(list(body.iter(qn("w:commentReference")))) == len(noted)


def test_comments_are_signed_by_a_typed_name_never_the_login(compile_briefing):
    unsigned = [dataclasses.replace(a, author="") for a in ANNOTATIONS]
    _, _, document = compile_briefing(annotations=unsigned, notes_as_comments=True)
    assert {c.author for c in document.comments} == {"Ana Lyst"}  # the briefing's author
    _, _, document = compile_briefing(annotations=unsigned, notes_as_comments=True, author="")
    assert {c.author for c in document.comments} == {"Annotator"}


def test_orphans_appendix_only_when_asked(compile_briefing):
    lost = next(a for a in ANNOTATIONS if a.status is AnchorStatus.ORPHAN)
    _, _, without = compile_briefing()
    assert "Appendix: Orphaned excerpts" not in texts_with_style(without, "Heading 1")
    _, _, document = compile_briefing(include_orphans=True)
    paras = paragraphs(document)
    start = paras.index(("heading 1", "Appendix: Orphaned excerpts"))
    appendix = paras[start:]
    assert ("block quote", lost.exact) in appendix
    assert any(s == "excerpt note" and lost.note in t for s, t in appendix)
    assert ("excerpt tags", "Tagged: Politics") in appendix


MARCH = "\u00a0March\u00a02026"


def test_sources_appendix_lists_each_cited_document(compile_briefing):
    _, _, document = compile_briefing()
    paras = paragraphs(document)
    start = paras.index(("heading 1", "Appendix: Sources"))
    appendix = paras[start + 1 :]
    assert appendix[:6] == [
        ("normal", "Source number 1."),
        ("citation", f"3 excerpts · 1,234 words · file sub/source-1.txt · read 1{MARCH}"),
        ("normal", "Source number 2."),
        ("citation", f"2 excerpts · 2,234 words · file sub/source-2.txt · read 2{MARCH}"),
        ("normal", "Source number 3."),
        ("citation", f"1 excerpt · 3,234 words · file sub/source-3.txt · read 3{MARCH}"),
    ]
    assert {f"_Ref_src_{i}" for i in (1, 2, 3)} <= bookmarks(document)
    notes = texts_with_style(document, "Excerpt Note")
    assert "Note on document 1." in notes and "Note on document 2." not in notes
    _, _, plain = compile_briefing(include_document_notes=False)
    assert "Note on document 1." not in texts_with_style(plain, "Excerpt Note")


def test_title_page_header_footer_and_properties(compile_briefing):
    _, path, document = compile_briefing(subtitle="Sub")
    paras = paragraphs(document)
    assert paras[0] == ("title", "Test briefing") and paras[1] == ("subtitle", "Sub")
    assert ("summary", "Its second paragraph.") in paras
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == "Test briefing"
    assert instructions(section.footer._element) == ["PAGE", "NUMPAGES"]
    assert section.footer.paragraphs[0].text.startswith("Page ")
    props = document.core_properties
    assert (props.title, props.author) == ("Test briefing", "Ana Lyst")
    assert props.keywords == "Politics, Elections, Polls, Margins, Economy"


def test_empty_selection_raises_instead_of_writing(compile_briefing, tmp_path):
    with pytest.raises(EmptyBriefing):
        compile_briefing(annotations=[])
    assert not list(tmp_path.iterdir())


def test_written_file_opens_again_in_python_docx(compile_briefing):
    _, path, _ = compile_briefing(include_orphans=True, notes_as_comments=True)
    reopened = docx.Document(str(path))
    assert reopened.paragraphs[0].text == "Test briefing"


def test_overview_by_document_links_cells_to_the_documents(compile_briefing):
    _, _, document = compile_briefing(group_by="document")
    rows = table_rows(document.tables[0])
    assert rows[0] == ["Tag", "1", "2", "3", "Total"]
    assert [r[0].strip() for r in rows[1:]] == [
        "Politics", "Elections", "Polls", "Margins", "Economy", "Untagged"
    ]
    links = {h.get(qn("w:anchor")) for h in document.tables[0]._tbl.iter(qn("w:hyperlink"))}
    assert {"_Toc_doc_1", "_Toc_doc_2", "_Toc_doc_3"} <= links
    headings = [t for s, t in paragraphs(document) if s == "heading 1"]
    assert headings[1:4] == ["Source number 1", "Source number 2", "Source number 3"]


def test_an_excerpts_citation_and_note_stay_on_the_page_of_its_quote(compile_briefing):
    _, _, document = compile_briefing(group_by="document")
    paras = list(document.paragraphs)
    for i, p in enumerate(paras):
        style = p.style.name.lower()
        if style not in ("citation", "excerpt tags"):
            continue
        following = paras[i + 1].style.name.lower() if i + 1 < len(paras) else ""
        belongs = following in ("excerpt tags", "excerpt note") and style == "citation" or (
            following == "excerpt note"
        )
        # Keep-with-next binds the lines of one excerpt, and never one excerpt to the next.
        assert bool(p.paragraph_format.keep_with_next) == belongs, (p.text, following)
