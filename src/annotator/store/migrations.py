"""The project schema, created and upgraded by sqlite-utils migrations, one function per change."""

from __future__ import annotations

import uuid

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from annotator.core.content import guess_title

migrations = Migrations("annotator")


@migrations()
def m001_initial(db: Database) -> None:
    db.table("meta").create({"key": str, "value": str}, pk="key")
    db.table("sources").create(
        {"id": int, "path": str, "kind": str, "added": str}, pk="id", not_null={"path", "kind"}
    )
    db.table("sources").create_index(["path"], unique=True)
    db.table("documents").create(
        {
            "id": int,
            "source_id": int,
            "path": str,
            "title": str,
            "text": str,
            "content_hash": str,
            "status": str,
            "encoding": str,
            "word_count": int,
            "char_count": int,
            "note": str,
            "created": str,
            "modified": str,
            "read_at": str,
        },
        pk="id",
        foreign_keys=[("source_id", "sources", "id")],
        not_null={"source_id", "path", "text", "status"},
        defaults={"note": "", "status": "present", "word_count": 0, "char_count": 0},
    )
    db.table("documents").create_index(["source_id", "path"], unique=True)
    db.table("tags").create(
        {
            "id": int,
            "parent_id": int,
            "name": str,
            "color": str,
            "description": str,
            "note": str,
            "position": int,
            "created": str,
        },
        pk="id",
        foreign_keys=[("parent_id", "tags", "id")],
        not_null={"name", "color"},
        defaults={"description": "", "note": "", "position": 0},
    )
    db.table("annotations").create(
        {
            "id": int,
            "document_id": int,
            "start": int,
            "end": int,
            "exact": str,
            "prefix": str,
            "suffix": str,
            "note": str,
            "author": str,
            "created": str,
            "modified": str,
            "status": str,
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
        not_null={"document_id", "start", "end", "exact", "status"},
        defaults={"note": "", "prefix": "", "suffix": "", "author": "", "status": "exact"},
    )
    db.table("annotation_tags").create(
        {"annotation_id": int, "tag_id": int},
        pk=("annotation_id", "tag_id"),
        foreign_keys=[("annotation_id", "annotations", "id"), ("tag_id", "tags", "id")],
    )


@migrations()
def m002_indexes_and_search(db: Database) -> None:
    # Tag names are unique among siblings, ignoring case ("Energy" and "energy" would confuse).
    db.execute(
        "CREATE UNIQUE INDEX tags_sibling_name ON tags(ifnull(parent_id, 0), name COLLATE NOCASE)"
    )
    db.table("annotations").create_index(["document_id", "start"])
    db.table("annotations").create_index(["status"])
    db.table("annotations").create_index(["created"])
    db.table("annotation_tags").create_index(["tag_id"])
    db.table("documents").create_index(["status"])
    for table, columns in (
        ("documents", ["title", "text", "note"]),
        ("annotations", ["exact", "note"]),
    ):
        db.table(table).enable_fts(
            columns,
            fts_version="FTS5",
            create_triggers=True,
            tokenize="unicode61 remove_diacritics 2",
        )
        db.table(table).populate_fts(columns)


@migrations()
def m003_review_and_tag_notes_search(db: Database) -> None:
    # Re-anchoring marks moved and edited annotations for review until the user accepts them.
    db.table("annotations").add_column("reviewed", int, not_null_default=1)
    db.table("tags").enable_fts(
        ["name", "description", "note"],
        fts_version="FTS5",
        create_triggers=True,
        tokenize="unicode61 remove_diacritics 2",
    )
    db.table("tags").populate_fts(["name", "description", "note"])


@migrations()
def m004_document_counts_index(db: Database) -> None:
    # The document list counts annotations, orphans and passages to review per document; with
    # this covering index it reads the index alone, not every annotation's quote and context
    # (300 ms -> 50 ms for 1,000 documents and 50,000 annotations).
    db.table("annotations").create_index(["document_id", "status", "reviewed"])


@migrations(transactional=False)
def m005_ids_never_reused(db: Database) -> None:
    # Undo puts a deleted annotation or tag back under its old id. Without AUTOINCREMENT SQLite
    # hands the largest deleted id to the next insert (an import, the command line), and the
    # undo would then collide with it. Each table is rebuilt the way sqlite-utils' transform
    # does it, with foreign keys off (they cannot be switched inside a transaction: hence no
    # transaction around this migration), checked before the commit; triggers (FTS) come back.
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        with db.atomic():
            for table in ("annotations", "tags"):
                _rebuild_with_autoincrement(db, table)
            if db.execute("PRAGMA foreign_key_check").fetchall():
                raise RuntimeError("the rebuilt tables break a foreign key")
    finally:
        db.execute("PRAGMA foreign_keys = ON")


@migrations()
def m006_tag_sibling_and_colour_indexes(db: Database) -> None:
    # Creating a tag reads the next position among its siblings and how often each palette
    # colour is used: without these, each was a scan of every tag, and a codebook of 5,000
    # sibling codes took minutes to import.
    db.execute("CREATE INDEX tags_sibling_position ON tags(ifnull(parent_id, 0), position)")
    db.execute("CREATE INDEX tags_colour ON tags(lower(color))")


def _rebuild_with_autoincrement(db: Database, table: str) -> None:
    if "AUTOINCREMENT" in db.table(table).schema:
        return  # already done (a migration interrupted after its commit runs again)
    triggers = [
        row[0]
        for row in db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", [table]
        )
    ]
    statements = db.table(table).transform_sql()
    create = statements[0].replace(
        '"id" INTEGER PRIMARY KEY', '"id" INTEGER PRIMARY KEY AUTOINCREMENT', 1
    )
    if create == statements[0]:
        raise RuntimeError(f"unexpected schema for {table}: {statements[0]}")
    for sql in [create, *statements[1:], *triggers]:
        db.execute(sql)


@migrations()
def m007_search_index_updates_only_for_indexed_columns(db: Database) -> None:
    # sqlite-utils' update triggers re-index a row's text whatever column changed: marking
    # 3,000 documents missing re-tokenised 60 MB of text, and every re-anchored annotation its
    # quote. Each trigger now fires only when a column the search index holds changes.
    for table, columns in _SEARCHED.items():
        db.execute(f'DROP TRIGGER IF EXISTS "{table}_au"')
        listed = ", ".join(f'"{c}"' for c in columns)
        old = ", ".join(f'old."{c}"' for c in columns)
        new = ", ".join(f'new."{c}"' for c in columns)
        db.execute(
            f'CREATE TRIGGER "{table}_au" AFTER UPDATE OF {listed} ON "{table}" BEGIN\n'
            f'  INSERT INTO "{table}_fts" ("{table}_fts", rowid, {listed}) '
            f"VALUES('delete', old.rowid, {old});\n"
            f'  INSERT INTO "{table}_fts" (rowid, {listed}) VALUES (new.rowid, {new});\n'
            "END"
        )


_SEARCHED = {
    "documents": ("title", "text", "note"),
    "annotations": ("exact", "note"),
    "tags": ("name", "description", "note"),
}


@migrations()
def m008_change_log(db: Database) -> None:
    # Other programs (the command line, a second window) write to the same file. Triggers note
    # every changed row here, so an open window can ask what changed since it last looked and
    # refresh only that (see store/changelog.py); rows are kept for the last _LOG_KEPT changes.
    db.execute(
        "CREATE TABLE change_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
        "kind TEXT NOT NULL, row_id INTEGER, ref INTEGER)"
    )
    for table, kind, row, ref in (
        ("annotations", "'annotation'", "id", "document_id"),
        ("annotation_tags", "'annotation_tag'", "annotation_id", "tag_id"),
        ("documents", "'document'", "id", None),
        ("tags", "'tag_tree'", "id", None),
        ("meta", "'project'", None, None),
        ("sources", "'source'", "id", None),
    ):
        for event, side in (("INSERT", "new"), ("UPDATE", "new"), ("DELETE", "old")):
            logged = kind
            if table == "tags" and event == "UPDATE":
                # A renamed, recoloured or annotated tag is a change of that tag; a moved one
                # changes the tree.
                logged = (
                    "CASE WHEN old.parent_id IS new.parent_id AND old.position IS new.position "
                    "THEN 'tag' ELSE 'tag_tree' END"
                )
            values = ", ".join(
                [logged, f"{side}.{row}" if row else "NULL", f"{side}.{ref}" if ref else "NULL"]
            )
            db.execute(
                f'CREATE TRIGGER "log_{table}_{event.lower()}" AFTER {event} ON "{table}" '
                f"BEGIN INSERT INTO change_log (kind, row_id, ref) VALUES ({values}); END"
            )
    db.execute(
        f'CREATE TRIGGER "log_prune" AFTER INSERT ON change_log WHEN new.seq % 1000 = 0 '
        f"BEGIN DELETE FROM change_log WHERE seq <= new.seq - {_LOG_KEPT}; END"
    )


_LOG_KEPT = 50_000


@migrations()
def m009_document_index_written_at_commit(db: Database) -> None:
    # SQLite flushes a full-text index's pending rows to disk at every savepoint, and each
    # document write is one (a nested transaction): a scan adding 3,000 texts wrote 3,000 index
    # segments, three times the tokenising work. The triggers now queue a changed document
    # (with what the index holds for it) and the store indexes the queue once, just before
    # the transaction commits (store/search.py write_pending_index).
    db.execute(
        "CREATE TABLE documents_fts_queue (id INTEGER PRIMARY KEY, indexed INTEGER NOT NULL, "
        "title TEXT, text TEXT, note TEXT)"
    )
    for event in ("ai", "au", "ad"):
        db.execute(f'DROP TRIGGER IF EXISTS "documents_{event}"')
    # The first change in a transaction records what the index holds; later ones are ignored.
    db.execute(
        'CREATE TRIGGER "documents_ai" AFTER INSERT ON "documents" BEGIN '
        "INSERT OR IGNORE INTO documents_fts_queue (id, indexed) VALUES (new.id, 0); END"
    )
    for name, event in (("au", 'UPDATE OF "title", "text", "note"'), ("ad", "DELETE")):
        db.execute(
            f'CREATE TRIGGER "documents_{name}" AFTER {event} ON "documents" BEGIN '
            "INSERT OR IGNORE INTO documents_fts_queue (id, indexed, title, text, note) "
            "VALUES (old.id, 1, old.title, old.text, old.note); END"
        )


@migrations(transactional=False)
def m010_document_text_last(db: Database) -> None:
    # Each document row held its 20 KB text in the middle, so reading the status, counts or
    # note after it walked the text's overflow pages: listing 1,000 documents read 20 MB. With
    # the text last, the columns every list shows are read from the row's first page.
    _document_text_last(db)


@migrations(transactional=False)
def m011_document_metadata(db: Database) -> None:
    # Citation metadata (issue 9): authors (a JSON list of names), outlet, publication date
    # (ISO, partial allowed), URL, a free citation note; the source format's key; the page map
    # (a JSON list of [offset, label], re-read from the file with its text); and which of the
    # metadata fields the user set (a JSON list of names), so a reload never overwrites them.
    # Before this migration only plain text and Markdown were read: their keys fill `format`.
    table = db.table("documents")
    columns = table.columns_dict
    for name, default in (
        ("authors", "[]"),
        ("outlet", ""),
        ("published", ""),
        ("url", ""),
        ("citation_note", ""),
        ("format", ""),
        ("pages", "[]"),
        ("user_fields", "[]"),
    ):
        if name not in columns:
            table.add_column(name, str, not_null_default=default)
    db.execute(
        "UPDATE documents SET format = CASE WHEN lower(path) LIKE '%.md' "
        "OR lower(path) LIKE '%.markdown' THEN 'markdown' ELSE 'text' END WHERE format = ''"
    )
    # A title renamed by hand before this migration is not marked as such: it is kept as the
    # user's when it differs from the title the text itself gives (its first line).
    renamed = [
        row[0]
        for row in db.execute("SELECT id, title, text FROM documents")
        if row[1] not in _file_titles(row[2])
    ]
    for document_id in renamed:
        db.execute("UPDATE documents SET user_fields = '[\"title\"]' WHERE id = ?", [document_id])
    _document_text_last(db)


def _file_titles(text: str) -> set[str]:
    """The titles a plain text or Markdown file gave its document before m011."""
    first = guess_title(text)
    return {first, guess_title(text.lstrip().lstrip("#").lstrip())} if first else set()


def _document_text_last(db: Database) -> None:
    """Rebuild ``documents`` with its text the last column, as m005 rebuilt its tables (foreign
    keys off, checked before the commit, triggers back); nothing to do when it is already."""
    columns = list(db.table("documents").columns_dict)
    if columns[-1] == "text":
        return  # already done (a migration interrupted after its commit runs again)
    triggers = [
        row[0]
        for row in db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'documents'"
        )
    ]
    order = [c for c in columns if c != "text"] + ["text"]
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        with db.atomic():
            for sql in [*db.table("documents").transform_sql(column_order=order), *triggers]:
                db.execute(sql)
            if db.execute("PRAGMA foreign_key_check").fetchall():
                raise RuntimeError("the rebuilt documents table breaks a foreign key")
    finally:
        db.execute("PRAGMA foreign_keys = ON")


@migrations()
def m012_interchange_ids_review_reasons_tag_groups(db: Database) -> None:
    # Interchange (issue 10). A project UUID makes exported W3C ids unique across projects and
    # seeds the REFI-QDA GUIDs of items that have none stored; GUIDs read from a package are
    # kept, so a round trip through another tool names the same things the same way. Each step
    # can run twice (a project made while this migration had another name).
    db.execute(
        "INSERT OR IGNORE INTO meta (key, value) VALUES ('project_uuid', ?)", [str(uuid.uuid4())]
    )
    db.execute(
        "CREATE TABLE IF NOT EXISTS refi_guids (kind TEXT NOT NULL, item_id INTEGER NOT NULL, "
        "guid TEXT NOT NULL, PRIMARY KEY (kind, item_id))"
    )
    # An import whose placement could not be verified says why, for the Review tab.
    if "review_reason" not in db.table("annotations").columns_dict:
        db.table("annotations").add_column("review_reason", str, not_null_default="")
    # ATLAS.ti's code groups (<Sets>): named sets of tags, kept as data and exported back.
    db.execute(
        "CREATE TABLE IF NOT EXISTS tag_groups (id INTEGER PRIMARY KEY AUTOINCREMENT, "
        "name TEXT NOT NULL UNIQUE, description TEXT NOT NULL DEFAULT '', "
        "guid TEXT NOT NULL DEFAULT '')"
    )
    db.execute(
        "CREATE TABLE IF NOT EXISTS tag_group_members ("
        "group_id INTEGER NOT NULL REFERENCES tag_groups(id) ON DELETE CASCADE, "
        "tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE, "
        "PRIMARY KEY (group_id, tag_id))"
    )


@migrations()
def m013_annotation_previous_wording(db: Database) -> None:
    # The words a passage had when it was highlighted, kept when a reload edits them, so the
    # review can show old and new wording side by side. A table of its own: most annotations
    # are never edited, and the row goes with its annotation.
    db.execute(
        "CREATE TABLE IF NOT EXISTS annotation_previous (annotation_id INTEGER PRIMARY KEY "
        "REFERENCES annotations(id) ON DELETE CASCADE, exact TEXT NOT NULL)"
    )


@migrations()
def m014_files_left_out_of_folders(db: Database) -> None:
    # One document of a watched folder removed by the user (issue 12): its file stays on disk,
    # and the scan, the watcher and adding the folder again leave it out, until it is added by
    # name. The row goes with its folder.
    db.execute(
        "CREATE TABLE IF NOT EXISTS excluded_files (source_id INTEGER NOT NULL "
        "REFERENCES sources(id) ON DELETE CASCADE, path TEXT NOT NULL, "
        "PRIMARY KEY (source_id, path))"
    )
    # A path that holds a document is never left out, whoever puts it there (an explicit add,
    # an undo, a tracked file renamed onto that name): one rule for every writer.
    for event in ("INSERT", "UPDATE OF source_id, path"):
        name = "excluded_files_taken_" + event.split()[0].lower()
        db.execute(
            f'CREATE TRIGGER IF NOT EXISTS "{name}" AFTER {event} ON documents BEGIN '
            "DELETE FROM excluded_files WHERE source_id = new.source_id AND path = new.path; END"
        )


def upgrade(db: Database) -> None:
    """Bring the schema of ``db`` up to date (a new project gets every migration)."""
    migrations.apply(db)
