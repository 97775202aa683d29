"""The project schema, created and upgraded by sqlite-utils migrations, one function per change."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("annotator")


@migrations()
def m001_initial(db: Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["sources"].create(
        {"id": int, "path": str, "kind": str, "added": str}, pk="id", not_null={"path", "kind"}
    )
    db["sources"].create_index(["path"], unique=True)
    db["documents"].create(
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
    db["documents"].create_index(["source_id", "path"], unique=True)
    db["tags"].create(
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
    db["annotations"].create(
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
    db["annotation_tags"].create(
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
    db["annotations"].create_index(["document_id", "start"])
    db["annotations"].create_index(["status"])
    db["annotations"].create_index(["created"])
    db["annotation_tags"].create_index(["tag_id"])
    db["documents"].create_index(["status"])
    for table, columns in (
        ("documents", ["title", "text", "note"]),
        ("annotations", ["exact", "note"]),
    ):
        db[table].enable_fts(
            columns,
            fts_version="FTS5",
            create_triggers=True,
            tokenize="unicode61 remove_diacritics 2",
        )
        db[table].populate_fts(columns)


@migrations()
def m003_review_and_tag_notes_search(db: Database) -> None:
    # Re-anchoring marks moved and edited annotations for review until the user accepts them.
    db["annotations"].add_column("reviewed", int, not_null_default=1)
    db["tags"].enable_fts(
        ["name", "description", "note"],
        fts_version="FTS5",
        create_triggers=True,
        tokenize="unicode61 remove_diacritics 2",
    )
    db["tags"].populate_fts(["name", "description", "note"])


@migrations()
def m004_document_counts_index(db: Database) -> None:
    # The document list counts annotations, orphans and passages to review per document; with
    # this covering index it reads the index alone, not every annotation's quote and context
    # (300 ms -> 50 ms for 1,000 documents and 50,000 annotations).
    db["annotations"].create_index(["document_id", "status", "reviewed"])


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
    if "AUTOINCREMENT" in db[table].schema:
        return  # already done (a migration interrupted after its commit runs again)
    triggers = [
        row[0]
        for row in db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", [table]
        )
    ]
    statements = db[table].transform_sql()
    create = statements[0].replace(
        '"id" INTEGER PRIMARY KEY', '"id" INTEGER PRIMARY KEY AUTOINCREMENT', 1
    )
    if create == statements[0]:
        raise RuntimeError(f"unexpected schema for {table}: {statements[0]}")
    for sql in [create, *statements[1:], *triggers]:
        db.execute(sql)


def upgrade(db: Database) -> None:
    """Bring the schema of ``db`` up to date (a new project gets every migration)."""
    migrations.apply(db)
