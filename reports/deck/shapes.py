"""Drawing on a slide: text boxes, tables that never overflow, KPI tiles, footer and notes.

python-pptx cannot measure text, so the deck never relies on PowerPoint to make room: words are
wrapped here at a generous average width (``wrapped``), each table row is as tall as its
longest cell up to a few lines (cut with "…" beyond, the full text going to the speaker notes),
tables show the rows that fit their box, and bullets take more lines when their box has room.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reports import palette
from reports.deck.template import Box
from reports.xlsx_safety import clean_text

PT = 12700  # EMU per point
INCH = 914400
BULLET_ROOM = "•• "  # stands for the "•  " a bullet starts with, when measuring its lines


def rgb(code: str) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(code)


def fits(text: str, width: int, size: float) -> int:
    """How many characters of ``size`` points fit in ``width`` EMU (a generous average)."""
    return max(4, int(width / PT / (size * 0.6)))


def clip(text: str, chars: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= chars else text[: max(1, chars - 1)].rstrip(" ,;:·-") + "…"


def wrapped(text: str, chars: int) -> list[str]:
    """``text`` wrapped at word boundaries into lines of at most ``chars`` characters."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        while len(word) > chars:  # a word longer than the line breaks where the line ends
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:chars])
            word = word[chars:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= chars:
            line += " " + word
        else:
            lines.append(line)
            line = word
    if line or not lines:
        lines.append(line)
    return lines


def clip_lines(text: str, chars: int, lines: int) -> str:
    """``text`` as it fits ``lines`` wrapped lines of ``chars``, cut with "…" if it does not."""
    rows = wrapped(text, chars)
    if len(rows) <= lines:
        return " ".join(text.split())
    kept = rows[:lines]
    last = kept[-1]
    while len(last) + 1 > chars and " " in last:  # room for "…" after a whole word
        last = last.rsplit(" ", 1)[0]
    kept[-1] = clip(last.rstrip(" ,;:·-") + "…", chars)
    return " ".join(kept)


@dataclass(frozen=True)
class Line:
    text: str
    size: float = 14
    bold: bool = False
    color: str = palette.INK
    bullet: bool = False
    space_after: float = 4


def _style_run(run: Any, size: float, bold: bool, color: str, italic: bool = False) -> None:
    from pptx.util import Pt

    font = run.font
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    font.color.rgb = rgb(color)


def text(
    slide: Any,
    box: Box,
    lines: Sequence[Line | str],
    *,
    size: float = 14,
    wrap: bool = True,
    anchor_middle: bool = False,
    align: str = "l",
) -> Any:
    """A text box with one paragraph per line; bullets drawn as "•" (template-independent)."""
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Emu, Pt

    shape = slide.shapes.add_textbox(Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height))
    frame = shape.text_frame
    frame.word_wrap = wrap
    frame.margin_left = frame.margin_right = Emu(0)
    frame.margin_top = frame.margin_bottom = Emu(PT * 2)
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE if anchor_middle else MSO_ANCHOR.TOP
    alignment = {"l": PP_ALIGN.LEFT, "c": PP_ALIGN.CENTER, "r": PP_ALIGN.RIGHT}[align]
    for i, item in enumerate(lines):
        line = item if isinstance(item, Line) else Line(item, size)
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = alignment
        paragraph.space_after = Pt(line.space_after)
        run = paragraph.add_run()
        run.text = clean_text(f"•  {line.text}" if line.bullet else line.text)
        _style_run(run, line.size, line.bold, line.color)
    return shape


def heading(slide: Any, box: Box, title: str, size: float = 13) -> Box:
    """A section heading at the top of ``box``; returns the room left under it."""
    tall = int(size * 1.9 * PT)
    text(slide, Box(box.left, box.top, box.width, tall), [Line(title, size, True, palette.PRIMARY)])
    return box.below(tall)


def bullets(
    slide: Any, box: Box, items: Sequence[str], empty: str, size: float = 13
) -> tuple[int, list[str]]:
    """As many bullets as fit ``box``, each of up to six or four lines when they all fit so,
    else of up to two; returns (shown, the rest)."""
    line_h = size * 1.25 * PT
    per_line = fits("", box.width - 18 * PT, size)
    room = int(box.height / line_h)
    # "•  " takes the first line's first three characters
    needs = [len(wrapped(BULLET_ROOM + item, per_line)) for item in items]
    longest = next((n for n in (6, 4) if sum(min(n, k) + 0.25 for k in needs) <= room), 2)
    shown: list[Line] = []
    used = 0.0
    rest: list[str] = []
    for i, item in enumerate(items):
        lines = min(longest, needs[i])
        if used + lines > room:
            rest = list(items[i:])
            break
        said = clip_lines(BULLET_ROOM + item, per_line, lines)[len(BULLET_ROOM) :]
        shown.append(Line(said, size, bullet=True, space_after=3))
        used += lines + 0.25  # paragraph spacing
    if not items:
        shown = [Line(empty, size, color=palette.MUTED)]
    if rest and shown:
        more = Line(f"+{len(rest)} more (in the notes)", size - 2, color=palette.MUTED)
        if used + 1 > room:
            shown.pop()
            rest = list(items[len(shown) :])
            more = Line(f"+{len(rest)} more (in the notes)", size - 2, color=palette.MUTED)
        shown.append(more)
    text(slide, box, shown)
    return len(items) - len(rest), rest


@dataclass(frozen=True)
class Col:
    header: str
    share: float = 1.0
    align: str = "l"


def table(
    slide: Any,
    box: Box,
    columns: Sequence[Col],
    rows: Sequence[Sequence[str]],
    *,
    size: float = 11,
    empty: str = "Nothing to show.",
    lines: int = 4,
) -> int:
    """A table in ``box``, each row as tall as its longest cell up to ``lines`` lines; returns
    how many rows it shows (the rest counted in a last row)."""
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Emu

    if not rows:
        text(
            slide,
            Box(box.left, box.top, box.width, int(size * 2.2 * PT)),
            [Line(empty, size + 1, color=palette.MUTED)],
        )
        return 0
    header_h = int(size * 2.1 * PT)
    total = sum(c.share for c in columns)
    widths = [int(box.width * c.share / total) for c in columns]
    chars = [fits("", width - 10 * PT, size) for width in widths]

    def height(n: int) -> int:
        return int(size * (1.2 * n + 0.9) * PT)

    needs = [
        min(lines, max(len(wrapped(str(v), chars[c])) for c, v in enumerate(values)))
        for values in rows
    ]
    shown_needs: list[int] = []
    used = header_h
    for need in needs:
        if used + height(need) > box.height:
            break
        shown_needs.append(need)
        used += height(need)
    shown_needs = shown_needs or needs[:1]
    more = len(rows) - len(shown_needs)
    while more and len(shown_needs) > 1 and used + height(1) > box.height:
        used -= height(shown_needs.pop())  # room for the "+N more" row
        more += 1
    shown = list(rows[: len(shown_needs)])
    heights = [header_h, *(height(n) for n in shown_needs), *([height(1)] if more else [])]
    count = len(heights)
    shape = slide.shapes.add_table(
        count, len(columns), Emu(box.left), Emu(box.top), Emu(box.width), Emu(sum(heights))
    )
    grid = shape.table
    grid.first_row = True
    grid.horz_banding = False
    for i, width in enumerate(widths):
        grid.columns[i].width = Emu(width)
    for r, row_height in enumerate(heights):
        grid.rows[r].height = Emu(row_height)
    aligns = {"l": PP_ALIGN.LEFT, "c": PP_ALIGN.CENTER, "r": PP_ALIGN.RIGHT}

    def put(r: int, c: int, value: str, header: bool = False, muted: bool = False) -> None:
        cell = grid.cell(r, c)
        cell.margin_left = cell.margin_right = Emu(PT * 5)
        cell.margin_top = cell.margin_bottom = Emu(PT * 2)
        cell.vertical_anchor = MSO_ANCHOR.MIDDLE
        cell.fill.solid()
        if header:
            cell.fill.fore_color.rgb = rgb(palette.HEADER_FILL)
        else:
            cell.fill.fore_color.rgb = rgb("FFFFFF" if r % 2 else "F3F6F9")
        frame = cell.text_frame
        frame.word_wrap = True
        paragraph = frame.paragraphs[0]
        paragraph.alignment = aligns[columns[c].align]
        run = paragraph.add_run()
        fitted = clip(value, chars[c]) if header else clip_lines(value, chars[c], lines)
        run.text = clean_text(fitted)
        color = palette.HEADER_TEXT if header else palette.MUTED if muted else palette.INK
        _style_run(run, size, header, color, italic=muted)

    for c, column in enumerate(columns):
        put(0, c, column.header, header=True)
    for r, values in enumerate(shown, start=1):
        for c, value in enumerate(values):
            put(r, c, value)
    if more:
        put(count - 1, 0, f"+{more} more in the speaker notes and the workbook", muted=True)
        for c in range(1, len(columns)):
            put(count - 1, c, "", muted=True)
        grid.cell(count - 1, 0).merge(grid.cell(count - 1, len(columns) - 1))
    return len(shown)


def tile(
    slide: Any, box: Box, label: str, value: str, note: str = "", fill: str | None = None
) -> None:
    """A key number: a small label, the value large, a note under it."""
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Emu

    shape = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height)
    )
    shape.shadow.inherit = False
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(fill or "F3F6F9")
    shape.line.fill.background()
    ink = "FFFFFF" if fill else palette.INK
    muted = "FFFFFF" if fill else palette.MUTED
    inner = Box(box.left + 10 * PT, box.top + 4 * PT, box.width - 20 * PT, box.height - 8 * PT)
    size = next((s for s in (24.0, 18.0, 14.0) if len(value) <= fits(value, inner.width, s)), 14.0)
    lines = [
        Line(label, 11, color=muted, space_after=0),
        Line(clip(value, fits(value, inner.width, size)), size, True, ink, space_after=0),
    ]
    if note:
        lines.append(Line(clip(note, fits(note, inner.width, 10) - 1), 10, color=muted))
    text(slide, inner, lines)


def footer(slide: Any, footer_box: Box, number_box: Box, words: str, number: str) -> None:
    # wrapped boxes: LibreOffice centres unwrapped text in its box
    text(slide, footer_box, [Line(words, 9, color=palette.MUTED)], anchor_middle=True)
    text(slide, number_box, [Line(number, 9, color=palette.MUTED)], anchor_middle=True, align="r")


def notes(slide: Any, lines: Sequence[str]) -> None:
    slide.notes_slide.notes_text_frame.text = clean_text("\n".join(line for line in lines if line))
