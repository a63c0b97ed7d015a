"""Native Excel charts bound to the sheets' tables, in the house style (editable in Excel).

Each builder takes the ``TableRef`` of the data it plots, so the series point exactly at the
table's cells: change a number in the table and the chart follows. Styling is restrained: no
chart border junk, light horizontal gridlines, the house colours, readable 9 pt labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reports import palette
from reports.xlsx_kit import TableRef

WIDTH_CM, HEIGHT_CM = 16.0, 7.5


def _text(size: float, bold: bool = False, color: str = palette.INK) -> Any:
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties

    props = CharacterProperties(sz=int(size * 100), b=bold, solidFill=color)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props)])


def _title(chart: Any, text: str) -> None:
    from openpyxl.chart.text import RichText, Text
    from openpyxl.chart.title import Title
    from openpyxl.drawing.text import (
        CharacterProperties,
        Paragraph,
        ParagraphProperties,
        RegularTextRun,
    )

    props = CharacterProperties(sz=1100, b=True, solidFill=palette.INK)
    paragraph = Paragraph(
        pPr=ParagraphProperties(defRPr=props), r=[RegularTextRun(rPr=props, t=text)]
    )
    chart.title = Title(tx=Text(rich=RichText(p=[paragraph])), overlay=False)


def _axes(chart: Any, y_title: str = "", y_format: str | None = None) -> None:
    from openpyxl.chart.shapes import GraphicalProperties
    from openpyxl.drawing.line import LineProperties

    for axis in (chart.x_axis, chart.y_axis):
        axis.delete = False
        axis.txPr = _text(9, color=palette.MUTED)
        axis.spPr = GraphicalProperties(ln=LineProperties(solidFill=palette.RULE))
    chart.y_axis.majorGridlines.spPr = GraphicalProperties(
        ln=LineProperties(solidFill=palette.GRID)
    )
    chart.y_axis.spPr = GraphicalProperties(ln=LineProperties(noFill=True))
    # from zero, like the PNG charts: a 3 % change must not look like a cliff
    chart.y_axis.scaling.min = 0
    if y_title:
        chart.y_axis.title = y_title
    if y_format:
        chart.y_axis.number_format = y_format
        chart.y_axis.numFmt.sourceLinked = False


def _frame(chart: Any, title: str, legend: bool) -> None:
    from openpyxl.chart.shapes import GraphicalProperties
    from openpyxl.drawing.line import LineProperties

    _title(chart, title)
    chart.width, chart.height = WIDTH_CM, HEIGHT_CM
    chart.style = 2
    chart.graphical_properties = GraphicalProperties(ln=LineProperties(noFill=True))
    if legend:
        from openpyxl.chart.legend import Legend

        chart.legend = Legend(legendPos="b", overlay=False)
        chart.legend.txPr = _text(9, color=palette.MUTED)
    else:
        chart.legend = None


def _fill(color: str) -> Any:
    from openpyxl.chart.shapes import GraphicalProperties
    from openpyxl.drawing.line import LineProperties

    return GraphicalProperties(solidFill=color, ln=LineProperties(solidFill=color))


def _ref(ws: Any, table: TableRef, index: int, with_header: bool = True) -> Any:
    from openpyxl.chart import Reference

    col = table.col(index)
    top = table.header_row if with_header else table.first_row
    return Reference(ws, min_col=col, max_col=col, min_row=top, max_row=table.last_row)


def line_chart(
    ws: Any, table: TableRef, value_index: int, title: str, color: str, *, markers: bool = False
) -> Any:
    """One metric over time: the table's first column (dates) against column ``value_index``."""
    from openpyxl.chart import LineChart
    from openpyxl.chart.axis import DateAxis

    chart = LineChart()
    chart.add_data(_ref(ws, table, value_index), titles_from_data=True)
    chart.set_categories(_ref(ws, table, 0, with_header=False))
    series = chart.series[0]
    series.smooth = False
    series.marker.symbol = "circle" if markers else "none"
    if markers:
        series.marker.graphicalProperties = _fill(color)
    series.graphicalProperties.line.solidFill = color
    series.graphicalProperties.line.width = 28575  # 2.25 pt
    chart.x_axis = DateAxis(crossAx=100, baseTimeUnit="days", majorUnit=1, majorTimeUnit="months")
    chart.x_axis.number_format = "mmm yy"
    chart.x_axis.lblOffset = 100
    chart.display_blanks = "span"
    _frame(chart, title, legend=False)
    _axes(chart, y_format="#,##0")
    return chart


def bar_chart(
    ws: Any,
    table: TableRef,
    value_indexes: Sequence[int],
    title: str,
    colors: Sequence[str],
    *,
    stacked: bool = False,
    horizontal: bool = False,
    y_format: str | None = None,
) -> Any:
    """Bars of columns ``value_indexes`` against the table's first column (categories)."""
    from openpyxl.chart import BarChart

    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    for index, color in zip(value_indexes, colors, strict=True):
        chart.add_data(_ref(ws, table, index), titles_from_data=True)
        series = chart.series[-1]
        series.graphicalProperties.solidFill = color
        series.graphicalProperties.line.solidFill = color
    chart.set_categories(_ref(ws, table, 0, with_header=False))
    chart.gapWidth = 60
    if stacked:
        chart.grouping = "stacked"
        chart.overlap = 100
    if horizontal:
        chart.x_axis.scaling.orientation = "maxMin"  # first category on top
    _frame(chart, title, legend=len(value_indexes) > 1)
    _axes(chart, y_format=y_format or "#,##0")
    return chart


def bar_line_chart(ws: Any, table: TableRef, bar_index: int, line_index: int, title: str) -> Any:
    """Bars (left axis) with a line on a secondary axis, e.g. wins and their impact."""
    from openpyxl.chart import LineChart

    chart = bar_chart(ws, table, [bar_index], title, [palette.PRIMARY])
    line = LineChart()
    line.add_data(_ref(ws, table, line_index), titles_from_data=True)
    line.set_categories(_ref(ws, table, 0, with_header=False))
    series = line.series[0]
    series.smooth = False
    series.graphicalProperties.line.solidFill = palette.ACCENT
    series.graphicalProperties.line.width = 28575
    series.marker.symbol = "circle"
    series.marker.graphicalProperties = _fill(palette.ACCENT)
    line.y_axis.axId = 200
    line.y_axis.crosses = "max"
    line.y_axis.delete = False
    line.y_axis.majorGridlines = None
    line.y_axis.scaling.min = 0
    line.y_axis.txPr = _text(9, color=palette.MUTED)
    _frame(chart, title, legend=True)
    chart += line
    return chart


def place(ws: Any, chart: Any, row: int, col: int) -> None:
    from openpyxl.utils import get_column_letter

    ws.add_chart(chart, f"{get_column_letter(col)}{row}")


def color_points(series: Any, colors: Sequence[str]) -> None:
    """Give each bar of a one-series chart its own colour (e.g. by roadmap status)."""
    from openpyxl.chart.marker import DataPoint
    from openpyxl.chart.shapes import GraphicalProperties

    series.dPt = [
        DataPoint(idx=i, invertIfNegative=False, spPr=GraphicalProperties(solidFill=color))
        for i, color in enumerate(colors)
    ]
