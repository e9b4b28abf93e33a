"""Theme colours: hex values whose contrast with white text keeps buttons and links readable."""

from __future__ import annotations

import re

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MIN_CONTRAST = 4.5  # WCAG AA for normal text: white on the colour, as buttons show it
THEME_COLOURS = ("primary", "accent")


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(colour: str) -> float:
    return 1.05 / (_luminance(colour) + 0.05)


def colour_problem(colour: str) -> str | None:
    """"colour" when not `#rrggbb`, "contrast" when white text on it is hard to read, else None."""
    if not HEX_COLOUR.match(colour or ""):
        return "colour"
    if contrast_with_white(colour) < MIN_CONTRAST:
        return "contrast"
    return None
