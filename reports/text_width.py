"""How many lines a text takes wrapped in a spreadsheet column, measured per character.

A column ``w`` wide holds ``w`` digits of the workbook's font (Excel's definition of the width),
so text is measured in digits: each character's advance over the digit's. Counting characters
instead (the old estimate) gives a row of "iiii llll" a line too many and a row of digits or
capitals a line too few, so rows came out too tall or cut their last line.

The widths are DejaVu Sans's, the font LibreOffice draws Calibri with where Calibri is not
installed; it is wider than Calibri for lower case, so a row sized for it never cuts text in
Excel. Capitals are counted wider than DejaVu draws them (Calibri's capitals are wider against
its narrow digits). Measured against LibreOffice: a column 14 wide takes "Head of Platform" on
one line and not "Manager, Platform"; a column 30 wide takes two groups of ten digits, not three.
"""

from __future__ import annotations

# advance / digit advance of DejaVu Sans, for " " (32) to "~" (126)
_ASCII = (
    0.5, 0.63, 0.72, 1.32, 1.0, 1.49, 1.23, 0.43, 0.61, 0.61, 0.79, 1.32, 0.5, 0.57, 0.5, 0.53,
    1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.53, 0.53, 1.32, 1.32, 1.32, 0.83,
    1.57, 1.08, 1.08, 1.1, 1.21, 0.99, 0.9, 1.22, 1.18, 0.46, 0.46, 1.03, 0.88, 1.36, 1.18, 1.24,
    0.95, 1.24, 1.09, 1.0, 0.96, 1.15, 1.08, 1.55, 1.08, 0.96, 1.08, 0.61, 0.53, 0.61, 1.32, 0.79,
    0.79, 0.96, 1.0, 0.86, 1.0, 0.97, 0.55, 1.0, 1.0, 0.44, 0.44, 0.91, 0.44, 1.53, 1.0, 0.96,
    1.0, 1.0, 0.65, 0.82, 0.62, 1.0, 0.93, 1.29, 0.93, 0.93, 0.83, 1.0, 0.53, 1.0, 1.32,
)  # fmt: skip
CAPITALS = 1.05  # Calibri's capitals against its digits are a little wider than DejaVu's
OTHER = 1.2  # accented and other letters: a wide Latin letter
WIDE = 1.9  # CJK and other full-width characters
SAFETY = 1.0  # the table is exact for LibreOffice; Excel's Calibri column holds more
PADDING = 0.5  # digits of a column's width its cell margins take
BOLD = 1.16  # bold text (headers) against the regular digit a column is measured in


_WIDTHS = {
    chr(code): width * (CAPITALS if chr(code).isupper() else 1.0)
    for code, width in enumerate(_ASCII, start=32)
}


def char_width(ch: str) -> float:
    """``ch``'s advance in digits."""
    width = _WIDTHS.get(ch)
    if width is not None:
        return width
    return WIDE if ord(ch) >= 0x2E80 else OTHER


def text_width(text: str, bold: bool = False) -> float:
    """``text``'s width on one line, in digits."""
    get = _WIDTHS.get
    total = sum([get(ch) or char_width(ch) for ch in text])
    return total * SAFETY * (BOLD if bold else 1.0)


def wrapped_lines(text: str, width: float, bold: bool = False) -> int:
    """Lines ``text`` takes wrapped in a column ``width`` digits wide: words move whole to
    the next line, a word longer than a line is broken, an explicit line break starts one."""
    room = max(2.0, width - PADDING)
    if "\n" not in text and text_width(text, bold) <= room:
        return 1  # most cells: the whole text fits one line
    space = text_width(" ", bold)
    total = 0
    for part in text.split("\n"):
        count, line = 1, 0.0
        for word in part.split():
            size = text_width(word, bold)
            if line and line + space + size <= room:
                line += space + size
                continue
            if line:
                count += 1
            while size > room:  # a word wider than the column breaks across lines
                count += 1
                size -= room
            line = size
        total += count
    return max(1, total)
