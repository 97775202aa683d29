"""Adding sources and scanning them: new, changed, missing, restored and renamed files."""

from __future__ import annotations

import os
import random
import shutil

import pytest

from annotator.core.models import AnchorStatus, DocStatus
from annotator.services import read_ahead
from annotator.services.sources import add_paths, iter_source_files, scan, similarity
from annotator.store.library import Library

WORDS = (
    "pipeline treaty summit border tariff grain rouble yuan sanction export frigate drill "
    "delegation ministry harbour railway province satellite reactor uranium wheat copper "
    "bank loan envoy corridor port cable drone missile refinery quota"
).split()


def article(seed: int, paragraphs: int = 8) -> str:
    """A distinct article: a title and paragraphs of different words for every seed."""
    rng = random.Random(seed)
    lines = [f"Report number {seed} on regional affairs"]
    for p in range(paragraphs):
        sentence = " ".join(rng.choice(WORDS) for _ in range(40))
        lines.append(f"Paragraph {p} of report {seed}: {sentence}.")
    return "\n\n".join(lines)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    (folder / "2024" / "spring").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / "a.txt").write_text(article(1), encoding="utf-8")
    (folder / "2024" / "b.md").write_text(article(2), encoding="utf-8")
    (folder / "2024" / "spring" / "c.txt").write_text(article(3), encoding="utf-8")
    (folder / ".hidden.txt").write_text(article(4), encoding="utf-8")
    (folder / ".git" / "notes.txt").write_text(article(5), encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG")
    (folder / "report.xlsx").write_bytes(b"PK\x03\x04")  # not a kind of source
    (folder / "binary.txt").write_bytes(b"text\x00\x00\x01binary")
    return folder


@pytest.fixture
def project(tmp_path):
    return tmp_path / "project.annotator"


def test_iter_source_files_lists_readable_names_below_a_folder(corpus):
    assert [rel for rel, _ in iter_source_files(corpus)] == [
        "2024/b.md",
        "2024/spring/c.txt",
        "a.txt",
        "binary.txt",
    ]


def test_add_a_folder_loads_nested_files_and_reports_refusals(corpus, project):
    with Library.open(project) as lib:
        report = add_paths(lib, [corpus])
        assert sorted(d.path for d in report.added) == ["2024/b.md", "2024/spring/c.txt", "a.txt"]
        assert [(os.path.basename(p), "binary" in why) for p, why in report.refused] == [
            ("binary.txt", True)
        ]
        assert report.changes.documents == {d.id for d in report.added}
        [source] = lib.sources.list()
        assert source.kind == "folder" and source.path == str(corpus.resolve())
        doc = lib.documents.resolve("c.txt")
        assert doc.path == "2024/spring/c.txt"
        assert lib.documents.text(doc.id) == article(3)
        # Adding again adds nothing twice.
        again = add_paths(lib, [corpus])
        assert again.added == [] and len(again.already) == 3
        assert len(lib.documents.list()) == 3


def test_add_a_single_file_and_a_missing_path(corpus, project, tmp_path):
    loose = tmp_path / "loose.txt"
    loose.write_text(article(9), encoding="utf-8")
    progress = []
    with Library.open(project) as lib:
        report = add_paths(
            lib,
            [loose, tmp_path / "gone.txt", corpus / "photo.png"],
            progress=lambda done, total, name: progress.append((done, total)),
        )
        assert [d.path for d in report.added] == ["loose.txt"]
        assert [why for _, why in report.refused] == [
            "does not exist",
            "is not a kind of file Annotator reads "
            "(.txt, .text, .md, .markdown, .html, .htm, .docx or .pdf)",
        ]
        [source] = lib.sources.list()
        assert source.kind == "file"
        assert source.path == str(loose.resolve()) and report.added[0].path == "loose.txt"
    assert progress[-1] == (1, 1)


def _setup(corpus, project):
    lib = Library.open(project)
    add_paths(lib, [corpus])
    (corpus / "binary.txt").unlink()
    return lib


def test_scan_of_an_unchanged_folder_is_quiet(corpus, project):
    with _setup(corpus, project) as lib:
        report = scan(lib)
        assert report.unchanged == 3
        assert not (report.new or report.changed or report.missing or report.renamed)
        assert not report.changes


def test_scan_re_anchors_a_file_changed_while_the_app_was_closed(corpus, project):
    text = article(1)
    paragraphs = text.split("\n\n")
    quote = paragraphs[3][20:80]
    with _setup(corpus, project) as lib:
        doc = lib.documents.resolve("a.txt")
        start = text.index(quote)
        moved = lib.annotations.create(doc.id, start, start + len(quote), note="keep me").value.id
        gone_quote = paragraphs[6][30:90]
        start = text.index(gone_quote)
        doomed = lib.annotations.create(doc.id, start, start + len(gone_quote)).value.id
    inserted = "A new opening paragraph written after the first reading.\n\n"
    new_paragraphs = list(paragraphs)
    del new_paragraphs[6]
    new_text = inserted + "\n\n".join(new_paragraphs)
    (corpus / "a.txt").write_text(new_text, encoding="utf-8")

    with Library.open(project) as lib:
        report = scan(lib)
        assert [r.document_id for r in report.changed] == [doc.id]
        assert report.unchanged == 2
        assert lib.documents.text(doc.id) == new_text
        kept = lib.annotations.get(moved)
        assert new_text[kept.start : kept.end] == quote
        assert kept.start == text.index(quote) + len(inserted)
        assert kept.note == "keep me"
        orphan = lib.annotations.get(doomed)
        assert orphan.status is AnchorStatus.ORPHAN
        assert orphan.exact == gone_quote  # kept with its quote, never deleted
        assert report.changed[0].counts[AnchorStatus.ORPHAN] == 1
        assert "1 passage orphaned" in report.changed[0].message
        assert lib.documents.get(doc.id).orphan_count == 1


def test_a_deleted_file_is_marked_missing_then_restored(corpus, project):
    with _setup(corpus, project) as lib:
        doc = lib.documents.resolve("b.md")
        kept = lib.annotations.create(doc.id, 0, 6).value.id
    saved = (corpus / "2024" / "b.md").read_text(encoding="utf-8")
    (corpus / "2024" / "b.md").unlink()
    with Library.open(project) as lib:
        report = scan(lib)
        assert [d.id for d in report.missing] == [doc.id]
        assert lib.documents.get(doc.id).status is DocStatus.MISSING
        assert lib.annotations.get(kept).exact == saved[:6]
        assert lib.documents.text(doc.id) == saved
        # Scanning again does not report it twice.
        assert scan(lib).missing == []
    (corpus / "2024" / "b.md").write_text(saved, encoding="utf-8")
    with Library.open(project) as lib:
        report = scan(lib)
        assert [d.id for d in report.restored] == [doc.id] and report.changed == []
        assert lib.documents.get(doc.id).status is DocStatus.PRESENT


def test_a_file_restored_with_changes_is_re_anchored(corpus, project):
    text = article(2)
    quote = text.split("\n\n")[2][10:70]
    with _setup(corpus, project) as lib:
        doc = lib.documents.resolve("b.md")
        ann = lib.annotations.create(
            doc.id, text.index(quote), text.index(quote) + len(quote)
        ).value
    (corpus / "2024" / "b.md").unlink()
    with Library.open(project) as lib:
        scan(lib)
    (corpus / "2024" / "b.md").write_text("Inserted lead.\n\n" + text, encoding="utf-8")
    with Library.open(project) as lib:
        report = scan(lib)
        assert [d.id for d in report.restored] == [doc.id]
        assert [r.document_id for r in report.changed] == [doc.id]
        after = lib.annotations.get(ann.id)
        assert after.start == ann.start + len("Inserted lead.\n\n")
        assert lib.documents.get(doc.id).status is DocStatus.PRESENT


def test_a_renamed_file_keeps_its_document_and_annotations(corpus, project):
    with _setup(corpus, project) as lib:
        doc = lib.documents.resolve("c.txt")
        ann = lib.annotations.create(doc.id, 0, 6).value.id
    (corpus / "2024" / "spring" / "c.txt").rename(corpus / "2024" / "renamed.txt")
    with Library.open(project) as lib:
        report = scan(lib)
        assert [(d.id, old) for d, old in report.renamed] == [(doc.id, "2024/spring/c.txt")]
        assert report.new == [] and report.missing == [] and report.changed == []
        assert lib.documents.get(doc.id).path == "2024/renamed.txt"
        assert lib.annotations.get(ann).document_id == doc.id
        assert len(lib.documents.list()) == 3


def test_a_renamed_and_edited_file_is_recognised_by_its_text(corpus, project):
    text = article(3)
    quote = text.split("\n\n")[4][15:75]
    with _setup(corpus, project) as lib:
        doc = lib.documents.resolve("c.txt")
        ann = lib.annotations.create(
            doc.id, text.index(quote), text.index(quote) + len(quote)
        ).value
    edited = text.replace("Paragraph 1 of", "The first paragraph of") + "\n\nA closing line."
    (corpus / "2024" / "spring" / "c.txt").unlink()
    (corpus / "moved.txt").write_text(edited, encoding="utf-8")
    with Library.open(project) as lib:
        report = scan(lib)
        assert [d.id for d, _ in report.renamed] == [doc.id]
        assert [r.document_id for r in report.changed] == [doc.id]
        assert report.new == [] and report.missing == []
        after = lib.annotations.get(ann.id)
        assert edited[after.start : after.end] == quote
        assert lib.documents.get(doc.id).path == "moved.txt"


def test_a_new_file_is_added_and_an_unreadable_one_reported(corpus, project):
    with _setup(corpus, project) as lib:
        pass
    (corpus / "2024" / "new.txt").write_text(article(7), encoding="utf-8")
    (corpus / "broken.md").write_bytes(b"\x00\x01\x02")
    with Library.open(project) as lib:
        report = scan(lib)
        assert [d.path for d in report.new] == ["2024/new.txt"]
        assert [os.path.basename(p) for p, _ in report.refused] == ["broken.md"]
        assert report.unchanged == 3
        assert len(lib.documents.list()) == 4


def test_an_unrelated_new_file_is_not_taken_for_a_missing_one(corpus, project):
    with _setup(corpus, project) as lib:
        doc = lib.documents.resolve("a.txt")
    (corpus / "a.txt").unlink()
    (corpus / "other.txt").write_text(article(42), encoding="utf-8")
    with Library.open(project) as lib:
        report = scan(lib)
        assert [d.path for d in report.new] == ["other.txt"]
        assert [d.id for d in report.missing] == [doc.id]
        assert report.renamed == []


def test_a_missing_source_folder_marks_its_documents_missing(corpus, project, tmp_path):
    with _setup(corpus, project) as lib:
        pass
    shutil.move(corpus, tmp_path / "elsewhere")
    with Library.open(project) as lib:
        report = scan(lib)
        assert len(report.missing) == 3
        assert all(d.status is DocStatus.MISSING for d in lib.documents.list())


def test_similarity_scores():
    assert similarity(article(1), article(1)) == 1.0
    assert similarity(article(1), article(2)) < 0.1
    edited = article(1).replace("Paragraph 2", "Section two")
    assert similarity(article(1), edited) > 0.8
    assert similarity("", "") == 1.0


def test_a_utf8_text_saved_again_as_windows_1252_is_left_alone_by_scan(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    article = folder / "a.txt"
    article.write_text("Déjà vu: the résumé of the talks.", encoding="utf-8")
    library = Library.open(None)
    add_paths(library, [folder])
    doc = library.documents.list()[0]
    start = library.documents.text(doc.id).index("résumé")
    annotation = library.annotations.create(doc.id, start, start + 6).value
    article.write_bytes("Déjà vu: the résumé of the talks, revised.".encode("cp1252"))
    report = scan(library)
    assert report.refused and "no longer valid UTF-8" in report.refused[0][1]
    assert library.documents.text(doc.id) == "Déjà vu: the résumé of the talks."
    assert library.annotations.get(annotation.id).exact == "résumé"


def test_a_utf8_text_with_one_bad_byte_is_reloaded_as_utf8_and_the_byte_reported(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    article = folder / "a.txt"
    article.write_text("Déjà vu: the résumé of the talks.", encoding="utf-8")
    library = Library.open(None)
    add_paths(library, [folder])
    doc = library.documents.list()[0]
    start = library.documents.text(doc.id).index("résumé")
    annotation = library.annotations.create(doc.id, start, start + 6).value
    article.write_bytes("Déjà vu: the résumé of the talks, revised".encode() + b"\xff.")
    report = scan(library)
    assert not report.refused
    assert report.warnings == [(str(article), "1 byte that is not UTF-8 was replaced")]
    assert library.documents.text(doc.id) == "Déjà vu: the résumé of the talks, revised\ufffd."
    assert library.annotations.get(annotation.id).exact == "résumé"  # no "rÃ©sumÃ©"


def test_a_utf8_text_cut_mid_character_is_left_alone_by_scan(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    article = folder / "a.txt"
    article.write_text("Déjà vu: the résumé of the talks.", encoding="utf-8")
    library = Library.open(None)
    add_paths(library, [folder])
    doc = library.documents.list()[0]
    article.write_bytes("Déjà vu: the résumé of the talks, now in Zürich".encode()[:-5])
    report = scan(library)
    assert report.refused and "middle of a character" in report.refused[0][1]
    assert library.documents.text(doc.id) == "Déjà vu: the résumé of the talks."


def test_a_new_file_with_bad_bytes_is_added_as_utf8_with_a_note(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_bytes("Crème brûlée in Zürich, ".encode() + b"\x80\x81\x82 end")
    library = Library.open(None)
    report = add_paths(library, [folder])
    [doc] = report.added
    assert doc.encoding == "utf-8"
    assert report.warnings == [(str(folder / "a.txt"), "3 bytes that are not UTF-8 were replaced")]
    assert library.documents.text(doc.id).startswith("Crème brûlée in Zürich")


def test_fifos_and_devices_among_the_sources_are_skipped_with_a_reason(tmp_path, finishes):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text(article(1), encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")

    def add_scan_add():
        # On one thread (SQLite's rule): the folder, a scan (as at the app's start), the FIFO.
        library = Library.open(None)
        added = add_paths(library, [folder])
        os.mkfifo(folder / "later.txt")
        scanned = scan(library)
        named = add_paths(library, [folder / "pipe.txt"])
        return added, scanned, named, [s.path for s in library.sources.list()]

    added, scanned, named, sources = finishes(add_scan_add)
    assert [d.path for d in added.added] == ["a.txt"]
    reasons = dict(added.refused)
    assert "is not a regular file (a FIFO)" in reasons[str(folder / "pipe.txt")]
    assert "is not a regular file (a device)" in reasons[str(folder / "zero.txt")]
    assert "is not a regular file (a FIFO)" in dict(scanned.refused)[str(folder / "later.txt")]
    assert named.refused == [(str(folder / "pipe.txt"), "is not a regular file (a FIFO)")]
    assert sources == [str(folder)]  # no source for the FIFO


def test_a_known_file_replaced_by_a_fifo_keeps_its_text(tmp_path, finishes):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text(article(1), encoding="utf-8")

    def add_replace_scan():
        library = Library.open(None)
        add_paths(library, [folder])
        (folder / "a.txt").unlink()
        os.mkfifo(folder / "a.txt")
        return scan(library), library.documents.text(library.documents.list()[0].id)

    report, text = finishes(add_replace_scan)
    assert "not a regular file" in report.refused[0][1]
    assert text == article(1)


@pytest.mark.parametrize("reading", ["here", "ahead"])
def test_among_many_moved_articles_each_edited_one_finds_its_own_document(
    tmp_path, monkeypatch, reading
):
    """Long texts (sketched from a sample of their 5-grams), some new, some quoting others.

    Read ahead by another process, the texts kept for the second round are sketched while
    the scan waits for the next file: the same answers."""
    if reading == "ahead":
        monkeypatch.setattr(read_ahead, "MIN_FILES", 1)
        monkeypatch.setattr(read_ahead, "CHUNK", 2)
        monkeypatch.setattr(read_ahead, "_workers", lambda: 1)
    folder = tmp_path / "texts"
    folder.mkdir()
    for seed in range(40):
        (folder / f"old{seed}.txt").write_text(article(seed, paragraphs=60), encoding="utf-8")
    library = Library.open(tmp_path / "p.annotator")
    add_paths(library, [folder])
    ids = {doc.path: doc.id for doc in library.documents.list()}
    for seed in range(40):
        (folder / f"old{seed}.txt").unlink()
    expected = {}
    for seed in range(0, 40, 2):
        paragraphs = article(seed, paragraphs=60).split("\n\n")
        # Retitled, a fifth of the paragraphs rewritten, one dropped: clearly the same article.
        paragraphs[0] = f"Revised report {seed}"
        for i in range(2, 60, 5):
            paragraphs[i] = article(1000 + seed * 100 + i, paragraphs=1).split("\n\n")[1]
        del paragraphs[30]
        (folder / f"moved{seed}.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")
        expected[f"moved{seed}.txt"] = ids[f"old{seed}.txt"]
    for seed in range(1, 40, 2):
        # On the same story: a new article quoting ten paragraphs of a vanished one.
        quoted = article(seed, paragraphs=60).split("\n\n")[5:15]
        fresh = article(500 + seed, paragraphs=50).split("\n\n")
        text = "\n\n".join(fresh[:20] + quoted + fresh[20:])
        (folder / f"fresh{seed}.txt").write_text(text, encoding="utf-8")
    report = scan(library)
    assert {doc.path: doc.id for doc, _old in report.renamed} == expected
    fresh = sorted(f"fresh{s}.txt" for s in range(1, 40, 2))
    assert sorted(doc.path for doc in report.new) == fresh
    assert {doc.id for doc in report.missing} == {ids[f"old{s}.txt"] for s in range(1, 40, 2)}
    library.close()


@pytest.mark.parametrize(("rewritten", "found"), [(3, True), (2, False)])
def test_rename_detection_holds_its_threshold_on_long_texts(tmp_path, rewritten, found):
    """A third of the paragraphs rewritten is still the same article; half is another one."""
    folder = tmp_path / "texts"
    folder.mkdir()
    text = article(7, paragraphs=60)
    (folder / "a.txt").write_text(text, encoding="utf-8")
    library = Library.open(tmp_path / "p.annotator")
    add_paths(library, [folder])
    (folder / "a.txt").unlink()
    paragraphs = text.split("\n\n")
    for i in range(1, 61, rewritten):
        paragraphs[i] = article(900 + i, paragraphs=1).split("\n\n")[1]
    new_text = "\n\n".join(paragraphs)
    (folder / "b.txt").write_text(new_text, encoding="utf-8")
    assert (similarity(text, new_text) >= 0.6) is found  # the rule the sketches estimate
    report = scan(library)
    assert bool(report.renamed) is found and bool(report.new) is not found
    library.close()


def test_a_cancelled_scan_keeps_what_it_did_and_marks_nothing_missing(corpus, project):
    with _setup(corpus, project) as lib:
        doc = lib.documents.resolve("a.txt")
    (corpus / "a.txt").unlink()
    for i in range(6):
        (corpus / f"new{i}.txt").write_text(article(100 + i), encoding="utf-8")
    seen = []

    def progress(done, total, name):
        seen.append(name)
        return len(seen) <= 10  # stop at the eleventh file

    with Library.open(project) as lib:
        report = scan(lib, progress)
        assert report.cancelled
        # The three known files, then the six new ones looked at for a cheap rename (none is
        # a.txt renamed), then the first of them added; the second was not begun.
        assert seen[:3] == ["2024/b.md", "2024/spring/c.txt", "a.txt"]
        assert [d.path for d in report.new] == ["new0.txt"]
        assert report.missing == [] and lib.documents.get(doc.id).status is DocStatus.PRESENT
        assert len(lib.documents.list()) == 4
        again = scan(lib)
        assert not again.cancelled and len(again.new) == 5
        assert [d.id for d in again.missing] == [doc.id]


def test_a_cancelled_add_keeps_the_files_added_before(corpus, project):
    with Library.open(project) as lib:
        report = add_paths(lib, [corpus], lambda done, total, name: done < 2)
        assert report.cancelled and [d.path for d in report.added] == [
            "2024/b.md",
            "2024/spring/c.txt",
        ]
        assert len(lib.documents.list()) == 2
