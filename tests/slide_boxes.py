"""Where shapes sit on a slide, for the tests that read decks back with python-pptx."""

from __future__ import annotations

from typing import Any


def apart(a: Any, b: Any) -> bool:
    """Whether two shapes' boxes (left, top, width, height in EMU) do not overlap."""
    return (
        a.left + a.width <= b.left
        or b.left + b.width <= a.left
        or a.top + a.height <= b.top
        or b.top + b.height <= a.top
    )
