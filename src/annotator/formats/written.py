"""What an export says it wrote, and the check that a writer got the records of its kind."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.core.briefing import Briefing
    from annotator.core.snapshot import ProjectSnapshot


def briefing_of(data: object) -> Briefing:
    from annotator.core.briefing import Briefing

    if not isinstance(data, Briefing):
        raise TypeError(f"a briefing format writes a Briefing, not {type(data).__name__}")
    return data


def snapshot_of(data: object) -> ProjectSnapshot:
    from annotator.core.snapshot import ProjectSnapshot

    if not isinstance(data, ProjectSnapshot):
        raise TypeError(f"this format writes a ProjectSnapshot, not {type(data).__name__}")
    return data


def briefing_written(briefing: Briefing, out: Path) -> str:
    """ "Wrote briefing.docx: 12 excerpts from 3 sources"."""
    count = len(briefing.selection)
    sources = len({e.document_id for e in briefing.selection})
    return (
        f"Wrote {Path(out).name}: {count:,} excerpt{'s' if count != 1 else ''} "
        f"from {sources:,} source{'s' if sources != 1 else ''}"
    )
