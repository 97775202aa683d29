"""Default tag colours: distinct, readable under dark text, and as tints in dark themes."""

from __future__ import annotations

from collections.abc import Mapping

# A qualitative palette (after ColorBrewer Set3/Pastel and Tableau 10, lightened to highlight).
PALETTE = (
    "#f6c343",  # amber
    "#7ec8e3",  # sky
    "#f28e8e",  # coral
    "#9bd17c",  # green
    "#c3a6e8",  # lavender
    "#f5a45d",  # orange
    "#6fd3c1",  # teal
    "#f49ac1",  # pink
    "#b8c96b",  # olive
    "#a4b8f0",  # periwinkle
    "#e3b58c",  # sand
    "#c9c9c9",  # grey
)


def least_used(counts: Mapping[str, int]) -> str:
    """The palette colour least used by ``counts`` (keys lower-case #rrggbb), earliest first."""
    return min(PALETTE, key=lambda color: (counts.get(color, 0), PALETTE.index(color)))
