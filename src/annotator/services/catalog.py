"""What a project can be read from, exported to and imported from: the command line's choices.

The formats registry holds the formats; this is the command line's view of it (``--format``
choices and help texts), so the CLI stays on top of the services like every front end.
"""

from __future__ import annotations

from annotator.formats.registry import (
    EXPORT_KINDS,
    export_formats,
    import_suffix_text,
    source_suffix_text,
)

__all__ = ["export_choices", "export_help", "import_help", "source_help"]


def export_choices() -> list[str]:
    """The keys ``annotator export --format`` takes, in the registry's order."""
    return [fmt.key for fmt in export_formats()]


def export_help() -> str:
    """One line per kind: "briefing: docx (Word briefing), md (Markdown briefing), …"."""
    lines = []
    for kind in EXPORT_KINDS:
        formats = export_formats(kind)
        if formats:
            listed = ", ".join(f"{fmt.key} ({fmt.label}, {fmt.suffix})" for fmt in formats)
            lines.append(f"{kind}: {listed}")
    return "; ".join(lines)


def import_help() -> str:
    """ "import annotations, a QDA project or a codebook (.json, .jsonld, .qdpx or .qdc)"."""
    return f"import annotations, a QDA project or a codebook ({import_suffix_text()})"


def source_help() -> str:
    return f"add files or folders of sources ({source_suffix_text()})"
