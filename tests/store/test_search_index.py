"""The documents' full-text index, written once per transaction however many documents it wrote."""

from __future__ import annotations

from annotator.core.textload import decode_bytes


def hits(lib, words: str) -> set[int]:
    return {hit.document_id for hit in lib.search.documents(words)}


def test_documents_written_together_are_all_found_after_the_commit(lib, add_doc):
    kept = add_doc(lib, "kept.txt", "Harbours\n\nThe harbour of Vladivostok froze early this year.")
    gone = add_doc(lib, "gone.txt", "Railways\n\nA railway bridge over the Amur opened to freight.")
    source = lib.sources.list()[0]
    with lib.atomic():
        new = lib.documents.add(
            source.id, "new.txt", decode_bytes(b"Copper exports doubled.")
        ).value
        lib.documents.set_note(new.id, "check the customs figures")
        winter = decode_bytes(b"Harbours\n\nThe harbour stayed open all winter.")
        lib.documents.replace_text(kept.id, winter)
        lib.documents.set_note(kept.id, "revised")
        lib.documents.delete(gone.id)
    assert hits(lib, "copper") == {new.id} and hits(lib, "customs") == {new.id}
    assert hits(lib, "winter") == {kept.id} and hits(lib, "revised") == {kept.id}
    assert hits(lib, "froze") == set() and hits(lib, "amur") == set()
    # A document id used again after a delete is indexed with its new text only.
    again = add_doc(lib, "again.txt", "Grain trains crossed at Zabaikalsk.")
    lib.documents.delete(again.id)
    last = add_doc(lib, "last.txt", "Soybean imports rose.")
    assert hits(lib, "zabaikalsk") == set() and hits(lib, "soybean") == {last.id}


def test_a_failed_transaction_leaves_the_index_as_it_was(lib, add_doc):
    doc = add_doc(lib, "a.txt", "The harbour of Vladivostok froze early this year.")
    try:
        with lib.atomic():
            lib.documents.set_note(doc.id, "tundra")
            raise RuntimeError("interrupted")
    except RuntimeError:
        pass
    assert hits(lib, "tundra") == set() and hits(lib, "vladivostok") == {doc.id}
    lib.documents.set_note(doc.id, "taiga")
    assert hits(lib, "taiga") == {doc.id}


def index_is_whole(lib) -> bool:
    """The documents' search index holds exactly the words of the documents as they are now
    (compared, token by token, with an index built afresh from them)."""
    db = lib.db
    db.execute(
        "CREATE VIRTUAL TABLE temp.fresh USING fts5(title, text, note, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    try:
        db.execute(
            "INSERT INTO temp.fresh (rowid, title, text, note) "
            "SELECT id, title, text, note FROM documents"
        )
        db.execute("CREATE VIRTUAL TABLE temp.kept USING fts5vocab(main, documents_fts, instance)")
        db.execute("CREATE VIRTUAL TABLE temp.made USING fts5vocab(temp, fresh, instance)")
        rows = "SELECT term, doc, col, offset FROM temp.{}"
        differ = db.execute(
            f"SELECT count(*) FROM ({rows.format('kept')} EXCEPT {rows.format('made')}) "
            f"UNION ALL SELECT count(*) FROM ({rows.format('made')} EXCEPT {rows.format('kept')})"
        ).fetchall()
        return differ == [(0,), (0,)]
    finally:
        for table in ("kept", "made", "fresh"):
            db.execute(f"DROP TABLE IF EXISTS temp.{table}")


def test_documents_left_queued_are_found_in_their_text_then_indexed(lib, add_doc):
    kept = add_doc(lib, "kept.txt", "Harbours\n\nThe harbour of Vladivostok froze early this year.")
    gone = add_doc(lib, "gone.txt", "Railways\n\nA railway bridge over the Amur opened to freight.")
    source = lib.sources.list()[0]
    with lib.index_later():
        new = lib.documents.add(
            source.id, "new.txt", decode_bytes("Zürich banks: e-mail from the Café.".encode())
        ).value
        winter = decode_bytes(b"Harbours\n\nThe harbour stayed open all winter.")
        lib.documents.replace_text(kept.id, winter)
        lib.documents.set_note(kept.id, "Revised by the desk")
        lib.documents.delete(gone.id)
    assert lib.search.pending() == 3
    for _ in range(2):  # queued, then indexed: the same answers
        # Prefixes, any case, without diacritics, a word with a hyphen, the note.
        assert hits(lib, "zur") == {new.id} and hits(lib, "CAFE e-mail") == {new.id}
        assert hits(lib, "winter") == {kept.id} and hits(lib, "revis") == {kept.id}
        assert hits(lib, "harbour") == {kept.id} and hits(lib, "froze") == set()
        assert hits(lib, "amur") == set() and hits(lib, "urich") == set()
        [hit] = lib.search.documents("winter")
        assert "[winter]" in hit.snippet
        lib.search.index_pending()
        assert lib.search.pending() == 0 and index_is_whole(lib)


def fts_hits(lib, word: str) -> set[int]:
    """What the index itself holds (no look at the queue)."""
    query = "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?"
    return {row[0] for row in lib.db.execute(query, [word])}


def test_a_commit_indexes_its_own_documents_and_a_slice_of_those_left_queued(lib, add_doc):
    source = lib.sources.add(lib.path.parent / "sources", "folder").value
    texts = [decode_bytes(f"Report {i}\n\nGrain crossed at post {i}.".encode()) for i in range(240)]
    with lib.index_later():
        with lib.atomic():
            queued = [lib.documents.add(source.id, f"q{i}.txt", texts[i]).value for i in range(120)]
    assert lib.search.pending() == 120 and fts_hits(lib, "grain") == set()
    with lib.atomic():  # an import: its documents are indexed when it commits, as ever
        imported = [
            lib.documents.add(source.id, f"i{i}.txt", texts[i]).value for i in range(120, 240)
        ]
    assert {d.id for d in imported} <= fts_hits(lib, "grain")
    assert lib.search.pending() == 70  # and 50 of those left queued
    lib.documents.set_note(queued[-1].id, "tundra")  # an edit on the window's thread
    assert fts_hits(lib, "tundra") == {queued[-1].id} and lib.search.pending() == 19
    assert hits(lib, "tundra") == {queued[-1].id} and len(hits(lib, "grain")) == 200  # the limit
    assert lib.search.index_pending(10) == 9
    lib.search.index_pending()
    assert lib.search.pending() == 0 and index_is_whole(lib)
    assert len(fts_hits(lib, "grain")) == 240
