"""How the QBR tab reflows to the width it has: how many cards go in a row, how the section
list wraps. Plain arithmetic on pixel widths, so the rules are tested without a screen."""

from __future__ import annotations

from collections.abc import Sequence


def columns_that_fit(width: int, need: int, spacing: int, choices: Sequence[int]) -> int:
    """The most columns, of ``choices`` (widest first), whose cells are each at least ``need``
    pixels wide in ``width`` with ``spacing`` between them; the last choice when none fits."""
    for columns in choices:
        if (width - spacing * (columns - 1)) // columns >= need:
            return columns
    return choices[-1]


def wrapped_rows(widths: Sequence[int], available: int, spacing: int) -> int:
    """How many rows items of ``widths`` take when laid out left to right and wrapped at
    ``available`` pixels, ``spacing`` around each (as a wrapping ``QListView`` places them)."""
    rows, used = 1, 0
    for width in widths:
        cell = width + 2 * spacing
        if used and used + cell > available:
            rows, used = rows + 1, 0
        used += cell
    return rows


def place_in_grid(count: int, columns: int) -> list[tuple[int, int]]:
    """The (row, column) of each of ``count`` cells filled row by row, ``columns`` a row."""
    return [(i // columns, i % columns) for i in range(count)]
