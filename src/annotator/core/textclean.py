"""Strip characters that have no business in a label or note (control codes, non-characters)."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, the two non-characters XML refuses,
# and lone surrogates (they cannot be encoded at all).
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def without_controls(text: str) -> str:
    """``text`` without control characters (tabs and newlines stay)."""
    return _UNWANTED.sub("", text)
