"""Rows as tall as their wrapped text, no taller: the per-character estimate against what
LibreOffice draws (measured with Calibri 11 in columns 14 and 30 wide, drawn in DejaVu Sans)."""

from __future__ import annotations

import pytest

from reports.text_width import text_width, wrapped_lines
from reports.xlsx_kit import lines_needed


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        # LibreOffice's lines, as rendered
        ("Head of Platform", 14, 1),
        ("aaaa bbbb cccc", 14, 1),
        ("Manager, Platform", 14, 2),
        ("Engineering Manager, Platform Engineering", 14, 4),
        ("Head of Platform Engineering and Operations", 14, 3),
        ("Mmmmmm Wwwwww Mmmmmm Wwwwww", 14, 4),
        ("0123456789 0123456789 0123456789 0123456789", 14, 4),
        ("Engineering Manager, Platform Engineering", 30, 2),
        ("aaaa bbbb cccc dddd eeee ffff gggg", 30, 1),
        ("Head of Platform Engineering and Operations", 30, 2),
        ("0123456789 0123456789 0123456789 0123456789", 30, 2),
        ("Mmmmmm Wwwwww Mmmmmm Wwwwww", 30, 2),
    ],
)
def test_lines_as_libreoffice_draws_them(text: str, width: float, lines: int) -> None:
    assert wrapped_lines(text, width) == lines
    assert lines_needed(text, width) == lines


def test_narrow_letters_take_fewer_lines_than_digits_and_capitals() -> None:
    # the old estimate counted characters: these three were alike
    assert text_width("iiii llll") < text_width("aaaa bbbb") < text_width("AAAA BBBB")
    assert wrapped_lines("iiii llll iiii llll iiii llll", 14) == 1


def test_a_word_wider_than_the_column_breaks_and_breaks_count() -> None:
    assert wrapped_lines("x" * 40, 10) == 4  # 37.2 digits in lines of 9.5
    assert wrapped_lines("one\ntwo", 30) == 2
    assert wrapped_lines("", 10) == 1
    assert wrapped_lines("€" * 5 + " 漢字漢字漢字", 8) == 3


def test_bold_headers_take_more_lines() -> None:
    # the Usage sheet's header, as LibreOffice wraps it in bold: three lines in 16
    assert wrapped_lines("Services monitored (services)", 16) == 2
    assert wrapped_lines("Services monitored (services)", 16, bold=True) == 3
