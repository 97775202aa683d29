"""The limit on the text a format extracts from a file (its bytes are read by ``core.textload``)."""

from __future__ import annotations

from pathlib import Path

from annotator.core.textload import MAX_BYTES, LoadError


def check_text_size(text: str, path: Path) -> None:
    """Refuse extracted text over the limit every text has (``core.textload.MAX_BYTES``)."""
    if len(text) > MAX_BYTES // 4 and len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise LoadError(
            f"the text of {path.name} is over {MAX_BYTES // 1_048_576} MB; it is not loaded"
        )
