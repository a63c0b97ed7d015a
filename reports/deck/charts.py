"""Native PowerPoint charts (editable, their data in the deck's embedded workbook).

Every value axis starts at zero, like the PNG charts: a trend drawn from zero does not turn a
3 % change into a cliff. Colours come from the house palette, labels are 9-10 pt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reports import palette
from reports.deck.shapes import rgb
from reports.deck.template import Box


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]
    color: str


def _style(chart: Any, title: str, legend: bool, number_format: str) -> None:
    from pptx.enum.chart import XL_LEGEND_POSITION
    from pptx.util import Pt

    chart.has_title = True
    chart.chart_title.text_frame.text = title
    run = chart.chart_title.text_frame.paragraphs[0].runs[0]
    run.font.size, run.font.bold = Pt(12), True
    run.font.color.rgb = rgb(palette.INK)
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(9)
        chart.legend.font.color.rgb = rgb(palette.MUTED)
    value = chart.value_axis
    value.minimum_scale = 0
    value.has_major_gridlines = True
    value.major_gridlines.format.line.color.rgb = rgb(palette.GRID)
    value.format.line.fill.background()
    value.tick_labels.font.size = Pt(9)
    value.tick_labels.font.color.rgb = rgb(palette.MUTED)
    value.tick_labels.number_format = number_format
    value.tick_labels.number_format_is_linked = False
    category = chart.category_axis
    category.tick_labels.font.size = Pt(9)
    category.tick_labels.font.color.rgb = rgb(palette.MUTED)
    category.format.line.color.rgb = rgb(palette.RULE)
    category.has_major_gridlines = False


def _add(slide: Any, kind: Any, box: Box, data: Any) -> Any:
    from pptx.util import Emu

    frame = slide.shapes.add_chart(
        kind, Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height), data
    )
    return frame.chart


def line_chart(
    slide: Any,
    box: Box,
    title: str,
    dates: Sequence[dt.date],
    series: Sequence[Series],
    number_format: str = "#,##0",
) -> Any:
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Pt

    data = CategoryChartData(number_format=number_format)
    data.categories = list(dates)
    data.categories.number_format = "mmm yy"
    for s in series:
        data.add_series(s.name, list(s.values))
    chart = _add(slide, XL_CHART_TYPE.LINE_MARKERS, box, data)
    _style(chart, title, len(series) > 1, number_format)
    for plot_series, s in zip(chart.plots[0].series, series, strict=True):
        plot_series.smooth = False
        plot_series.format.line.color.rgb = rgb(s.color)
        plot_series.format.line.width = Pt(2.25)
        plot_series.marker.size = 5
        plot_series.marker.format.fill.solid()
        plot_series.marker.format.fill.fore_color.rgb = rgb(s.color)
        plot_series.marker.format.line.color.rgb = rgb(s.color)
    _month_ticks(chart, dates)
    return chart


def _month_ticks(chart: Any, dates: Sequence[dt.date]) -> None:
    """One date label every few months instead of one per measurement."""
    from lxml import etree

    axis = chart._chartSpace.find(".//{*}dateAx")
    if axis is None or not dates:
        return
    ns = axis.nsmap.get("c") or "http://schemas.openxmlformats.org/drawingml/2006/chart"
    span = (max(dates) - min(dates)).days / 30.4
    step = 1 if span <= 7 else 2 if span <= 14 else 3 if span <= 24 else 6
    for tag in ("baseTimeUnit", "majorUnit", "majorTimeUnit", "minorUnit", "minorTimeUnit"):
        for old in axis.findall(f"{{{ns}}}{tag}"):
            axis.remove(old)
    anchor = axis.find(f"{{{ns}}}lblOffset")
    at = list(axis).index(anchor) + 1 if anchor is not None else len(axis)
    for offset, (tag, value) in enumerate(
        (("baseTimeUnit", "days"), ("majorUnit", str(step)), ("majorTimeUnit", "months"))
    ):
        element = etree.Element(f"{{{ns}}}{tag}")
        element.set("val", value)
        axis.insert(at + offset, element)


def column_chart(
    slide: Any,
    box: Box,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    stacked: bool = False,
    horizontal: bool = False,
    point_colors: Sequence[str] | None = None,
    number_format: str = "#,##0",
    labels: bool = False,
    major_unit: float | None = None,
    maximum: float | None = None,
) -> Any:
    """``major_unit``/``maximum``: the value axis's step and end (a percentage's ticks every
    25 up to 100 stay readable; PowerPoint's own choice crowds a narrow axis)."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
    from pptx.util import Pt

    data = CategoryChartData(number_format=number_format)
    data.categories = list(categories)
    for s in series:
        data.add_series(s.name, list(s.values))
    if horizontal:
        kind = XL_CHART_TYPE.BAR_STACKED if stacked else XL_CHART_TYPE.BAR_CLUSTERED
    else:
        kind = XL_CHART_TYPE.COLUMN_STACKED if stacked else XL_CHART_TYPE.COLUMN_CLUSTERED
    chart = _add(slide, kind, box, data)
    _style(chart, title, len(series) > 1, number_format)
    if major_unit is not None:
        chart.value_axis.major_unit = major_unit
    if maximum is not None:
        chart.value_axis.maximum_scale = maximum
    plot = chart.plots[0]
    plot.gap_width = 60
    if stacked:
        plot.overlap = 100
    if horizontal:
        chart.category_axis.reverse_order = True  # first category on top
    for plot_series, s in zip(plot.series, series, strict=True):
        plot_series.invert_if_negative = False
        plot_series.format.fill.solid()
        plot_series.format.fill.fore_color.rgb = rgb(s.color)
    if point_colors is not None and len(series) == 1:
        for i, color in enumerate(point_colors):
            point = plot.series[0].points[i]
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = rgb(color)
    if labels:
        plot.has_data_labels = True
        plot.data_labels.font.size = Pt(9)
        plot.data_labels.font.color.rgb = rgb(palette.INK)
        plot.data_labels.number_format = number_format
        plot.data_labels.number_format_is_linked = False
        plot.data_labels.position = (
            XL_LABEL_POSITION.CENTER if stacked else XL_LABEL_POSITION.OUTSIDE_END
        )
    return chart
