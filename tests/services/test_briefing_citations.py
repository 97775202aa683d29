"""A compiled briefing cites from the store's metadata and page maps, never a file name."""

from __future__ import annotations

from annotator.core.briefing_cite import citation_text
from annotator.core.content import SourceContent, SourceMetadata
from annotator.core.models import ExcerptFilter
from annotator.services import commands as cmd
from annotator.services.briefing import compile_briefing, default_options
from annotator.store.library import Library

TEXT = "Page one opens here.\n\nPage two holds the claim that matters.\n"


def test_citation_uses_authors_outlet_date_and_pages(tmp_path):
    with Library.open(tmp_path / "p.annotator") as lib:
        source = lib.sources.add(tmp_path, "folder").value
        content = SourceContent.of(
            TEXT,
            "utf-8",
            metadata=SourceMetadata(title="The partnership", authors=("Ann Author",)),
            locations=((0, "7"), (TEXT.index("Page two"), "8")),
            format="pdf",
        )
        doc = lib.documents.add(source.id, "000_a50fbdd2bc7a89cd.pdf", content).value
        cmd.set_document_metadata(
            lib, doc.id, {"outlet": "Foreign Affairs", "published": "2024-03"}
        ).redo()
        start = TEXT.index("the claim")
        lib.annotations.create(doc.id, start, start + 9)
        briefing = compile_briefing(lib, ExcerptFilter(), default_options(lib))
    (excerpt,) = briefing.selection
    (entry,) = briefing.sources
    assert excerpt.locator == "p.\u00a08"
    assert (entry.authors, entry.outlet, entry.published) == (
        ("Ann Author",), "Foreign Affairs", "2024-03"
    )  # fmt: skip
    assert citation_text(excerpt, entry) == (
        "Ann Author, The partnership, Foreign Affairs, March\u00a02024, p.\u00a08"
    )
    assert briefing.project_name == ""  # the project file's name is not the user's
    assert briefing.options.title == "Briefing: all excerpts" and briefing.options.author == ""


def test_a_copied_quote_is_cited_as_the_briefing_cites_it(tmp_path):
    from annotator.services.citing import quote_with_citation

    with Library.open(tmp_path / "p.annotator") as lib:
        source = lib.sources.add(tmp_path, "folder").value
        paged = SourceContent.of(
            TEXT,
            "utf-8",
            metadata=SourceMetadata(
                title="The partnership", authors=("Ann Author", "Bo Writer"), outlet="IPQ"
            ),
            locations=((0, "7"), (TEXT.index("Page two"), "8")),
            format="pdf",
        )
        pdf = lib.documents.add(source.id, "a.pdf", paged).value
        plain = lib.documents.add(source.id, "b.txt", SourceContent.of(TEXT, "utf-8")).value
        across = TEXT.index("opens"), TEXT.index("two") + 3
        claim = TEXT.index("the claim"), TEXT.index("the claim") + 9
        assert quote_with_citation(lib, pdf.id, *across) == (
            "“opens here. Page two” (Ann Author and Bo Writer, The partnership, IPQ, pp.\u00a07–8)"
        )
        title = plain.title or plain.path
        assert quote_with_citation(lib, plain.id, *claim) == f"“the claim” ({title}, ¶\u00a02)"
