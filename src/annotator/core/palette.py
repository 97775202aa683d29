"""Default tag colours: distinct, readable under dark text, and as tints in dark themes."""

from __future__ import annotations

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


def next_color(used: list[str]) -> str:
    """The least used palette colour, earliest first, so new tags look distinct."""
    counts = {color: 0 for color in PALETTE}
    for color in used:
        if color.lower() in counts:
            counts[color.lower()] += 1
    return min(PALETTE, key=lambda color: (counts[color], PALETTE.index(color)))
