"""REFI-QDA: .qdpx and .qdc export and import, round trips, other tools' files, hostile files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.anchoring import describe
from annotator.core.models import AnchorStatus, ExcerptFilter
from annotator.core.textload import normalise_newlines
from annotator.interchange import refiqda_read
from annotator.interchange.refiqda_common import RefiError, countings
from annotator.interchange.refiqda_export import ExportReport, write_qdc, write_qdpx
from annotator.services.exporting import project_snapshot
from annotator.services.importing import import_file
from annotator.services.sources import add_paths
from annotator.store.library import Library

DATA = Path(__file__).parent / "data"


def export_qdpx(lib: Library, out: Path, selection: ExcerptFilter | None = None) -> ExportReport:
    """The project (or a selection) written as the app's "qdpx" export writes it."""
    return write_qdpx(project_snapshot(lib, selection or ExcerptFilter()), out)


def export_qdc(lib: Library, out: Path) -> ExportReport:
    return write_qdc(project_snapshot(lib, None).tags, out)


NS = 'xmlns="urn:QDA-XML:project:1.0"'


def import_qdpx(lib, path, folder=None):
    """A .qdpx imported as the app and the CLI import it."""
    return import_file(lib, path, folder=folder)


def import_qdc(lib, path):
    return import_file(lib, path)


# Emoji (astral, two UTF-16 units, one with a skin-tone modifier) and combining marks
# (a decomposed é and a Vietnamese ệ): code points, UTF-16 units and graphemes all differ.
FIRST = (
    "Arms and diplomacy\n\n"
    "The minister said 😀 the deal is done. Cafe\u0301 talks resumed at dawn.\n"
    "Critics 👍🏽 were unconvinced; the Vie\u0323\u0302t delegation left early.\n"
)
SECOND = "Notes from the hearing\n\nNothing unusual was said about the budget.\n"


def _project(folder: Path) -> Library:
    """A project with nested tags, multi-tag annotations, notes at every level and an orphan."""
    texts = folder / "texts"
    texts.mkdir(parents=True)
    (texts / "first.txt").write_text(FIRST, encoding="utf-8")
    (texts / "second.txt").write_text(SECOND, encoding="utf-8")
    lib = Library.open(folder / "project.annotator")
    add_paths(lib, [texts])
    first, second = sorted(lib.documents.list(), key=lambda d: d.path)
    security = lib.tags.create("Security", color="#d04040", description="Defence, arms").value
    arms = lib.tags.create("Arms sales", parent_id=security.id, color="#aa8800").value
    deep = lib.tags.create("Drones", parent_id=arms.id, description="UAVs").value
    tone = lib.tags.create("Tone", color="#3366ff").value
    lib.tags.set_note(arms.id, "Check the SIPRI figures 📊")
    lib.documents.set_note(first.id, "Transcript from the\nsecond session")
    lib.project.set_note("Briefing for the committee ✔")
    lib.project.set("author", "Ana Lyst")

    def span(doc_id: int, quote: str) -> tuple[int, int]:
        start = lib.documents.text(doc_id).index(quote)
        return start, start + len(quote)

    lib.annotations.create(
        first.id, *span(first.id, "said 😀 the deal"), tag_ids=[arms.id, tone.id], note="Key 😀"
    )
    lib.annotations.create(first.id, *span(first.id, "Cafe\u0301 talks"), tag_ids=[deep.id])
    lib.annotations.create(
        first.id, *span(first.id, "👍🏽 were unconvinced"), note="untagged, with a note"
    )
    lib.annotations.create(
        first.id, *span(first.id, "Vie\u0323\u0302t"), tag_ids=[security.id], author="Bo"
    )
    lib.annotations.create(second.id, *span(second.id, "budget"), tag_ids=[tone.id])
    lib.annotations.insert_raw(
        second.id,
        describe("a passage since deleted", 2, 9),
        status=AnchorStatus.ORPHAN,
        tag_ids=[tone.id],
    )
    return lib


def _excerpts(lib: Library) -> set[tuple]:
    tags = lib.tags.list()
    titles = {doc.id: doc.title for doc in lib.documents.list()}
    return {
        (
            titles[a.document_id],
            a.start,
            a.end,
            a.exact,
            frozenset(lib.tags.path(t, tags) for t in a.tag_ids),
            a.note,
            a.author,
        )
        for a in lib.annotations.query()
    }


def _tag_tree(lib: Library) -> set[tuple]:
    tags = lib.tags.list()
    return {(lib.tags.path(t.id, tags), t.color, t.description, t.note) for t in tags}


def _documents(lib: Library) -> set[tuple]:
    return {(d.title, lib.documents.text(d.id), d.note) for d in lib.documents.list()}


def _write_zip(path: Path, members: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _schema(name: str):
    etree = pytest.importorskip("lxml.etree")
    path = DATA / name
    return etree, etree.XMLSchema(etree.parse(str(path)))


@pytest.fixture
def source_project(tmp_path: Path):
    lib = _project(tmp_path / "source")
    yield lib
    lib.close()


@pytest.fixture
def fresh(tmp_path: Path):
    (tmp_path / "target").mkdir()
    lib = Library.open(tmp_path / "target" / "project.annotator")
    yield lib
    lib.close()


# Round trip ---------------------------------------------------------------------------------


def test_round_trip_keeps_excerpts_tags_notes_and_texts(source_project, fresh, tmp_path):
    out = tmp_path / "exchange.qdpx"
    exported = export_qdpx(source_project, out)
    report = import_qdpx(fresh, out)

    expected = {e for e in _excerpts(source_project) if e[3] != "passage"}  # not the orphan
    assert _excerpts(fresh) == expected
    assert _tag_tree(fresh) == _tag_tree(source_project)
    assert _documents(fresh) == _documents(source_project)
    assert fresh.project.note == source_project.project.note
    assert exported.orphans_left_out == 1 and "1 orphaned" in exported.message
    assert (report.documents_added, report.annotations, report.tags_created) == (2, 5, 4)
    assert report.problems == []
    # The texts are ordinary watched documents in a folder beside the project.
    assert report.folder == tmp_path / "target" / "exchange sources"
    assert sorted(p.name for p in report.folder.iterdir()) == [
        "Arms and diplomacy.txt",
        "Notes from the hearing.txt",
    ]


def test_importing_the_same_package_twice_adds_nothing(source_project, fresh, tmp_path):
    out = tmp_path / "exchange.qdpx"
    export_qdpx(source_project, out)
    import_qdpx(fresh, out)
    before = (_excerpts(fresh), _tag_tree(fresh), _documents(fresh), fresh.project.note)

    again = import_qdpx(fresh, out)

    assert (again.documents_added, again.documents_reused, again.annotations) == (0, 2, 0)
    assert (_excerpts(fresh), _tag_tree(fresh), _documents(fresh), fresh.project.note) == before


def test_two_users_on_one_span_round_trip_as_two_annotations(source_project, fresh, tmp_path):
    lib = source_project
    doc = next(d for d in lib.documents.list() if d.title == "Notes from the hearing")
    text = lib.documents.text(doc.id)
    start = text.index("Nothing unusual")
    end = start + len("Nothing unusual")
    tone, security = lib.tags.find("Tone"), lib.tags.find("Security")
    for author, tag, note, created in (
        ("Ana Lyst", tone, "Ana's reading", "2024-05-01T09:00:00+00:00"),
        ("Bo", security, "Bo disagrees", "2024-06-02T10:30:00+00:00"),
        ("Cy", tone, "", "2024-07-03T11:00:00+00:00"),
    ):
        lib.annotations.insert_raw(
            doc.id,
            describe(text, start, end),
            status=AnchorStatus.EXACT,
            tag_ids=[tag.id],
            note=note,
            author=author,
            created=created,
        )
    out = tmp_path / "shared.qdpx"
    export_qdpx(lib, out)

    import_qdpx(fresh, out)

    assert _excerpts(fresh) == {e for e in _excerpts(lib) if e[3] != "passage"}
    on_span = sorted(
        (a.author, a.note, a.created) for a in fresh.annotations.query() if a.start == start
    )
    assert on_span == [
        ("Ana Lyst", "Ana's reading", "2024-05-01T09:00:00+00:00"),
        ("Bo", "Bo disagrees", "2024-06-02T10:30:00+00:00"),
        ("Cy", "", "2024-07-03T11:00:00+00:00"),
    ]
    # Importing it again still recognises each of them.
    assert import_qdpx(fresh, out).annotations == 0 and len(fresh.annotations.query()) == 8


def test_package_layout_and_offsets(source_project, tmp_path):
    out = tmp_path / "exchange.qdpx"
    export_qdpx(source_project, out)
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        qde = archive.read("project.qde").decode("utf-8")
        texts = [archive.read(n) for n in names if n.startswith("sources/")]
    assert "project.qde" in names and all(n.startswith("sources/") for n in names[1:])
    assert len(texts) == 2 and not any(t.startswith(b"\xef\xbb\xbf") for t in texts)
    # Code points, end exclusive: the emoji counts one.
    quote = "said 😀 the deal"
    start = FIRST.index(quote)
    assert len(quote) == 15
    assert f'name="{quote}" startPosition="{start}" endPosition="{start + 15}"' in qde


def test_export_validates_against_project_xsd(source_project, tmp_path):
    etree, schema = _schema("Project.xsd")
    out = tmp_path / "exchange.qdpx"
    export_qdpx(source_project, out)
    document = etree.fromstring(zipfile.ZipFile(out).read("project.qde"))
    assert schema.validate(document), schema.error_log


def test_export_of_an_empty_project_validates(tmp_path):
    etree, schema = _schema("Project.xsd")
    with Library.open(None) as lib:
        export_qdpx(lib, tmp_path / "empty.qdpx")
    document = etree.fromstring(zipfile.ZipFile(tmp_path / "empty.qdpx").read("project.qde"))
    assert schema.validate(document), schema.error_log


# Codebook -----------------------------------------------------------------------------------


def test_codebook_validates_and_merges_into_existing_tags(source_project, fresh, tmp_path):
    etree, schema = _schema("Codebook.xsd")
    out = tmp_path / "codes.qdc"
    export_qdc(source_project, out)
    assert schema.validate(etree.parse(str(out))), schema.error_log
    existing = fresh.tags.create("security", color="#123456").value  # same path, other case

    report = import_qdc(fresh, out)

    paths = {row[0] for row in _tag_tree(fresh)}
    assert paths == {"security", "security/Arms sales", "security/Arms sales/Drones", "Tone"}
    assert fresh.tags.get(existing.id).color == "#123456"  # an existing tag keeps its look
    assert fresh.tags.get(existing.id).description == "Defence, arms"  # but gains a description
    assert fresh.tags.find("Tone").color == "#3366ff"
    assert (report.tags_created, report.tags_merged, report.documents_added) == (3, 1, 0)


def test_codebook_of_a_project_without_tags_is_refused(tmp_path):
    with Library.open(None) as lib, pytest.raises(RefiError, match="no tags"):
        export_qdc(lib, tmp_path / "codes.qdc")
    assert not (tmp_path / "codes.qdc").exists()


# Other tools' files -------------------------------------------------------------------------

QUALCODER_TEXT = "Interview with Anna\nI like the 🌍 and the café.\nThe end.\n"
G = {
    "user": "5c94bc9e-db8c-4f1d-9cd6-e900c7440860",
    "cat": "2dfba8c9-59f5-4424-99d6-ea9bce180001",
    "code1": "2dfba8c9-59f5-4424-99d6-ea9bce180002",
    "code2": "2dfba8c9-59f5-4424-99d6-ea9bce180003",
    "src": "a2b94468-80a5-412f-92d6-e900d97b55a6",
    "src2": "a2b94468-80a5-412f-92d6-e900d97b55a7",
    "ann": "0f758eeb-d61d-4e91-b250-79861c3869a6",
    "journal": "4691a8a0-d67c-4dcc-91d6-e9075dc230cc",
}


def _qualcoder_qde(start: int, end: int, name: str) -> str:
    """A project.qde as QualCoder writes it: one selection per code, memos as Description."""
    ann_start = QUALCODER_TEXT.index("The end")
    selection = (
        f'<PlainTextSelection guid="{{g}}" startPosition="{start}" endPosition="{end}" '
        f'name="{name}" creatingUser="{G["user"]}" creationDateTime="2024-03-01T10:00:00Z">'
        "{memo}"
        f'<Coding guid="{{g2}}" creatingUser="{G["user"]}"><CodeRef targetGUID="{{code}}"/>'
        "</Coding></PlainTextSelection>"
    )
    first = selection.format(
        g="08cbced0-d736-44c8-8fd6-eb4d29fe0001",
        g2="76414714-63c4-4a25-a47e-66fef80b0001",
        code=G["code1"],
        memo="<Description>a coding memo</Description>",
    )
    second = selection.format(
        g="08cbced0-d736-44c8-8fd6-eb4d29fe0002",
        g2="76414714-63c4-4a25-a47e-66fef80b0002",
        code=G["code2"],
        memo="",
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns:xsd="http://www.w3.org/2001/XMLSchema" name="Study.qda" origin="QualCoder 3.5"
 creatingUserGUID="{G["user"]}" creationDateTime="2024-03-01T09:00:00Z" {NS}>
<Users><User guid="{G["user"]}" name="colin" /></Users>
<CodeBook><Codes>
<Code guid="{G["cat"]}" name="Places" isCodable="false"><Description>category memo</Description>
<Code guid="{G["code1"]}" name="Planet" isCodable="true" color="#FF0000"/>
<Code guid="{G["code2"]}" name="Food/drink" isCodable="true" color="#0F0"/>
</Code></Codes></CodeBook>
<Sources>
<TextSource plainTextPath="internal://{G["src"]}.txt" creatingUser="{G["user"]}"
 creationDateTime="2024-03-01T09:00:00Z" guid="{G["src"]}" name="Anna: interview">
<Description>source memo</Description>
{first}{second}
<NoteRef targetGUID="{G["ann"]}" />
</TextSource>
<TextSource plainTextPath="internal://{G["src2"]}.txt" guid="{G["src2"]}"
 name="Anna: interview"/>
</Sources>
<Notes>
<Note guid="{G["journal"]}" creatingUser="{G["user"]}" creationDateTime="2024-03-02T08:00:00Z"
 name="Progress" plainTextPath="internal://{G["journal"]}.txt"><Description /></Note>
<Note guid="{G["ann"]}" creatingUser="{G["user"]}" creationDateTime="2024-03-02T08:00:00Z">
<PlainTextContent>an annotation</PlainTextContent>
<PlainTextSelection guid="d61907b2-d0d4-48dc-b8b7-5e4f7ae5faa6" startPosition="{ann_start}"
 endPosition="{ann_start + 7}" />
</Note>
</Notes>
<Description>the project memo</Description>
</Project>"""


def test_a_qualcoder_package_imports(fresh, tmp_path):
    start = QUALCODER_TEXT.index("the 🌍")
    package = _write_zip(
        tmp_path / "study.qdpx",
        {
            # Older QualCoder wrote project.qde with a byte-order mark, and still writes its texts
            # with one, in a sources folder of either case.
            "project.qde": _qualcoder_qde(start, start + 5, "the 🌍").encode("utf-8-sig"),
            f"Sources/{G['src']}.txt": QUALCODER_TEXT.encode("utf-8-sig"),
            f"Sources/{G['src2']}.txt": b"A second source with the same name.\n",
            f"Sources/{G['journal']}.txt": "Coding is half done.".encode("utf-8-sig"),
        },
    )

    report = import_qdpx(fresh, package, tmp_path / "imported")

    documents = {d.title: d for d in fresh.documents.list()}
    assert set(documents) == {"Anna: interview"} and report.documents_added == 2
    assert sorted(p.name for p in (tmp_path / "imported").iterdir()) == [
        "Anna_ interview (2).txt",
        "Anna_ interview.txt",
    ]
    excerpts = _excerpts(fresh)
    end_at = QUALCODER_TEXT.index("The end")
    assert excerpts == {
        (
            "Anna: interview",
            start,
            start + 5,
            "the 🌍",
            frozenset({"Places/Planet", "Places/Food\u2215drink"}),
            "a coding memo",
            "colin",
        ),
        # A note-only annotation keeps its author and date (QualCoder's span-bound note).
        ("Anna: interview", end_at, end_at + 7, "The end", frozenset(), "an annotation", "colin"),
    }
    (alone,) = [a for a in fresh.annotations.query() if a.exact == "The end"]
    assert alone.created.startswith("2024-03-02T08:00:00")
    assert fresh.tags.find("Planet").color == "#ff0000"
    assert fresh.tags.find("Food\u2215drink").color == "#00ff00"
    assert fresh.tags.find("Places").description == "category memo"
    memo_doc = next(d for d in fresh.documents.list() if d.note)
    assert memo_doc.note == "source memo" and fresh.documents.text(memo_doc.id) == QUALCODER_TEXT
    assert fresh.project.note == "the project memo\n\nProgress\nCoding is half done."
    created = fresh.annotations.query()[0].created
    assert created.startswith("2024-03-01T10:00:00")


@pytest.mark.parametrize(
    ("counting", "label"),
    [
        ("utf16", "UTF-16 units"),
        ("crlf_two", "code points, \\r\\n as two characters"),
        ("crlf_one", None),
    ],
)
def test_positions_counted_otherwise_are_found_by_their_quote(fresh, tmp_path, counting, label):
    raw = "Line one 😀😀\r\nSecond 🎉 line with the quote here.\r\nEnd.\r\n"
    if counting == "utf16":
        raw = raw.replace("\r\n", "\n")
    quote = "the quote"
    index = raw.index(quote)
    before = raw[:index]
    if counting == "utf16":
        start = len(before.encode("utf-16-le")) // 2
    elif counting == "crlf_two":
        start = len(before)
    else:
        start = len(before.replace("\r\n", "\n"))
    qde = (
        f'<Project name="p" origin="Some tool" {NS}><Sources>'
        f'<TextSource guid="{G["src"]}" name="doc" plainTextPath="internal://{G["src"]}.txt">'
        f'<PlainTextSelection guid="{G["ann"]}" startPosition="{start}" '
        f'endPosition="{start + len(quote)}" name="{quote}"/></TextSource></Sources></Project>'
    )
    package = _write_zip(
        tmp_path / "p.qdpx",
        {"project.qde": qde, f"sources/{G['src']}.txt": raw.encode("utf-8")},
    )

    report = import_qdpx(fresh, package)

    (annotation,) = fresh.annotations.query()
    assert annotation.exact == quote
    assert "\r" not in fresh.documents.text(annotation.document_id)
    if label:
        assert any(label in line for line in report.conventions), report.conventions
    else:
        assert report.problems == []


def test_selection_outside_the_text_is_skipped_and_reported(fresh, tmp_path):
    qde = (
        f'<Project name="p" {NS}><Sources>'
        f'<TextSource guid="{G["src"]}" name="short"><PlainTextContent>Too short.'
        f'</PlainTextContent><PlainTextSelection guid="{G["ann"]}" startPosition="4" '
        'endPosition="400" name="gone"/></TextSource></Sources></Project>'
    )
    report = import_qdpx(fresh, _write_zip(tmp_path / "p.qdpx", {"project.qde": qde}))
    assert report.documents_added == 1 and report.annotations == 0
    assert any("4–400" in problem and "skipped" in problem for problem in report.problems)


def test_atlas_pdf_representation_nvivo_links_and_media(fresh, tmp_path):
    """ATLAS.ti codes a PDF's text representation and shortens names with '...'; NVivo ties
    notes to selections with Links; media sources cannot be imported and are reported."""
    text = "Para one.\r\nThe committee approved the sale of drones.\r\n"
    quote = "approved the sale of drones"
    start = text.replace("\r\n", "\n").index(quote)  # ATLAS.ti counts CRLF as one
    note_guid = "9b1a2c3d-0000-4000-8000-00000000aaaa"
    qde = f"""<Project name="p" origin="ATLAS.ti 23" {NS}>
<CodeBook><Codes><Code guid="{G["code1"]}" name="Arms" isCodable="true"/></Codes></CodeBook>
<Sources>
<PDFSource guid="{G["src"]}" name="Hearing.pdf" path="internal://{G["src"]}.pdf">
<Representation guid="{G["src2"]}" plainTextPath="internal://{G["src2"]}.txt">
<PlainTextSelection guid="{G["ann"]}" startPosition="{start}" endPosition="{start + len(quote)}"
 name="approved the sale..."><Coding guid="{G["cat"]}"><CodeRef targetGUID="{G["code1"]}"/>
</Coding></PlainTextSelection></Representation></PDFSource>
<PictureSource guid="{G["journal"]}" name="Map.png" path="internal://{G["journal"]}.png"/>
</Sources>
<Notes><Note guid="{note_guid}" name="linked"><PlainTextContent>via a link</PlainTextContent>
</Note></Notes>
<Links><Link guid="{G["code2"]}" originGUID="{note_guid}" targetGUID="{G["ann"]}"/></Links>
</Project>"""
    package = _write_zip(
        tmp_path / "atlas.qdpx",
        {"project.qde": qde, f"sources/{G['src2']}.txt": text.encode("utf-8")},
    )

    report = import_qdpx(fresh, package)

    assert _excerpts(fresh) == {
        ("Hearing.pdf", start, start + len(quote), quote, frozenset({"Arms"}), "via a link", "")
    }
    assert any("Map.png" in problem for problem in report.problems)
    assert fresh.project.note == ""  # the linked note went to its selection, not the project


def test_a_failed_import_leaves_no_trace(fresh, tmp_path, source_project, monkeypatch):
    out = tmp_path / "exchange.qdpx"
    export_qdpx(source_project, out)

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(fresh.annotations, "insert_raw", fail)
    with pytest.raises(OSError, match="disk full"):
        import_qdpx(fresh, out, tmp_path / "texts")

    assert not (tmp_path / "texts").exists()
    assert fresh.documents.list() == [] and fresh.tags.list() == []
    assert fresh.sources.list() == []


def test_export_of_a_selection_keeps_only_its_annotations(source_project, fresh, tmp_path):
    tone = source_project.tags.find("Tone")
    out = tmp_path / "tone.qdpx"
    report = export_qdpx(source_project, out, ExcerptFilter(tag_ids=(tone.id,)))

    import_qdpx(fresh, out)

    assert {e[3] for e in _excerpts(fresh)} == {"said 😀 the deal", "budget"}
    assert report.annotations == 2 and report.orphans_left_out == 1
    assert len(fresh.tags.list()) == 4  # the whole codebook travels


# Bad and hostile files ----------------------------------------------------------------------


def test_a_corrupt_zip_is_a_clear_error(fresh, tmp_path):
    bad = tmp_path / "broken.qdpx"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    with pytest.raises(RefiError, match="broken.qdpx is not a .qdpx package"):
        import_qdpx(fresh, bad)


def test_a_zip_without_project_qde_is_a_clear_error(fresh, tmp_path):
    package = _write_zip(tmp_path / "other.qdpx", {"readme.txt": "hello"})
    with pytest.raises(RefiError, match="no project.qde"):
        import_qdpx(fresh, package)
    assert fresh.documents.list() == [] and not (tmp_path / "other sources").exists()


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<Project name="&lol4;" xmlns="urn:QDA-XML:project:1.0"/>"""


def test_an_entity_bomb_is_refused(fresh, tmp_path):
    package = _write_zip(tmp_path / "bomb.qdpx", {"project.qde": BILLION_LAUGHS})
    with pytest.raises(RefiError, match="entities"):
        import_qdpx(fresh, package)
    codebook = tmp_path / "bomb.qdc"
    codebook.write_text(BILLION_LAUGHS.replace("Project", "CodeBook"), encoding="utf-8")
    with pytest.raises(RefiError, match="entities"):
        import_qdc(fresh, codebook)
    assert fresh.tags.list() == []


def test_malformed_xml_is_a_clear_error(fresh, tmp_path):
    package = _write_zip(tmp_path / "bad.qdpx", {"project.qde": "<Project name='x'><Users>"})
    with pytest.raises(RefiError, match="not well-formed"):
        import_qdpx(fresh, package)


def _shared_member_package(path: Path, sources: int, text: str) -> Path:
    """A package whose ``sources`` TextSources all name one and the same text file."""
    guid = "a2b94468-80a5-412f-92d6-e900d97b5500"
    entries = "".join(
        f'<TextSource guid="a2b94468-80a5-412f-92d6-e900d97b{n:04d}" name="copy {n}" '
        f'plainTextPath="internal://{guid}.txt"/>'
        for n in range(1, sources + 1)
    )
    qde = f'<Project name="p" {NS}><Sources>{entries}</Sources></Project>'
    return _write_zip(path, {"project.qde": qde, f"sources/{guid}.txt": text})


def test_sources_sharing_one_file_read_and_hold_it_once(tmp_path, monkeypatch):
    text = "One interview, named by many sources.\n" * 50
    package = _shared_member_package(tmp_path / "shared.qdpx", 20, text)
    decoded = []
    real = refiqda_read.decode_bytes
    monkeypatch.setattr(
        refiqda_read, "decode_bytes", lambda data, **kw: decoded.append(1) or real(data, **kw)
    )

    texts = refiqda_read.read_qdpx(package).texts

    assert len(texts) == 20 and len(decoded) == 1
    assert all(item.raw == text for item in texts)
    assert all(item.raw is texts[0].raw for item in texts)  # one string, not twenty copies


def test_a_package_whose_texts_add_up_beyond_the_cap_is_refused(fresh, tmp_path, monkeypatch):
    monkeypatch.setattr(refiqda_read, "TEXT_CHARS_MAX", 1000)
    text = "x" * 99 + "\n"  # 100 characters
    fits = _shared_member_package(tmp_path / "fits.qdpx", 10, text)
    assert len(refiqda_read.read_qdpx(fits).texts) == 10
    bomb = _shared_member_package(tmp_path / "bomb.qdpx", 11, text)

    with pytest.raises(RefiError, match="bomb.qdpx is too large"):
        import_qdpx(fresh, bomb)

    assert fresh.documents.list() == [] and not (tmp_path / "target" / "bomb sources").exists()


def _deep_codes(depth: int) -> str:
    opening = "".join(
        f'<Code guid="2dfba8c9-59f5-4424-99d6-{n:012d}" name="level {n}" isCodable="true">'
        for n in range(1, depth + 1)
    )
    return f"<Codes>{opening}{'</Code>' * depth}</Codes>"


def test_a_codebook_nested_too_deep_is_refused_clearly(fresh, tmp_path):
    codebook = tmp_path / "deep.qdc"
    codebook.write_text(
        f'<CodeBook xmlns="urn:QDA-XML:codebook:1.0">{_deep_codes(3000)}</CodeBook>',
        encoding="utf-8",
    )
    with pytest.raises(RefiError, match="nests codes more than 64 levels deep; at most 64"):
        import_qdc(fresh, codebook)
    qde = f'<Project name="p" {NS}><CodeBook>{_deep_codes(3000)}</CodeBook></Project>'
    package = _write_zip(tmp_path / "deep.qdpx", {"project.qde": qde})
    with pytest.raises(RefiError, match="deep.qdpx was refused: the codebook nests codes"):
        import_qdpx(fresh, package)
    assert fresh.tags.list() == []


def test_a_codebook_64_levels_deep_imports_in_order(fresh, tmp_path):
    siblings = (
        '<Code guid="2dfba8c9-59f5-4424-99d6-100000000001" name="alpha"/>'
        '<Code guid="2dfba8c9-59f5-4424-99d6-100000000002" name="beta"/>'
    )
    codes = _deep_codes(64).replace("</Codes>", f"{siblings}</Codes>")
    codebook = tmp_path / "deep.qdc"
    codebook.write_text(
        f'<CodeBook xmlns="urn:QDA-XML:codebook:1.0">{codes}</CodeBook>', encoding="utf-8"
    )

    report = import_qdc(fresh, codebook)

    tags = fresh.tags.list()
    assert report.tags_created == 66
    deepest = fresh.tags.find("level 64")
    assert fresh.tags.path(deepest.id, tags) == "/".join(f"level {n}" for n in range(1, 65))
    top = [t.name for t in tags if t.parent_id is None]
    assert top == ["level 1", "alpha", "beta"]  # the file's order


# Offsets ------------------------------------------------------------------------------------

_PIECES = ["a", " ", "é", "e\u0301", "😀", "👍🏽", "\r\n", "\n", "\r", "ß", "中"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


@given(raw=_TEXT, data=st.data())
def test_every_counting_maps_back_to_the_same_code_points(raw, data):
    """A span counted as code points, UTF-16 units or with CRLF as two lands on the same text."""
    text = normalise_newlines(raw)
    cut = sorted(data.draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=2)))
    start, end = cut
    for counting in countings(raw):
        assert counting.text == text
        assert counting.to_text(_encode(raw, text, start, counting.label)) == start
        assert counting.to_text(_encode(raw, text, end, counting.label)) == end


def _encode(raw: str, text: str, position: int, label: str) -> int:
    """Where code point ``position`` of ``text`` is in ``raw`` counted as ``label`` says."""
    prefix = raw[: _raw_index(raw, position)] if "as two" in label else text[:position]
    if "UTF-16" in label:
        return len(prefix.encode("utf-16-le")) // 2
    return len(prefix)


def _raw_index(raw: str, position: int) -> int:
    index = seen = 0
    while seen < position:
        index += 2 if raw.startswith("\r\n", index) else 1
        seen += 1
    return index
