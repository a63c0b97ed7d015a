"""The QBR charts as matplotlib figures, and ``export_charts`` to write them as PNG and SVG.

Six charts, one house style (``reports.chart_style``): usage trends, wins per quarter with
their impact, tickets by severity over time, roadmap fit, engagement per level over quarters,
and the attitude distribution. Each ``*_figure(qbr)`` returns a ``Figure`` the desktop can embed;
titles state the takeaway.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from graph.files import Staging, staging, write_failure
from graph.labels import ATTITUDE_LABELS, ATTITUDES
from graph.text import xml_safe_bytes
from graph.vocabulary import Level, Severity
from reports import palette
from reports.chart_style import (
    colors,
    empty,
    integer_axis,
    legend,
    new_figure,
    plural,
    style_axes,
    subtitle,
)
from reports.model import MetricTrend, Qbr

if TYPE_CHECKING:
    from matplotlib.figure import Figure

MAX_USAGE_PANELS = 6
DPI = 170


def _change(delta_pct: float | None) -> str:
    if delta_pct is None:
        return "no earlier quarter to compare"
    if abs(delta_pct) < 0.005:
        return "flat on last quarter"
    return f"{'up' if delta_pct > 0 else 'down'} {abs(delta_pct):.0%} on last quarter"


def usage_figure(qbr: Qbr) -> Figure:
    metrics = [m for m in qbr.usage.metrics if m.points][:MAX_USAGE_PANELS]
    if not metrics:
        return empty(new_figure("Usage"), "No usage measured in this period")
    lead = metrics[0]
    fig = new_figure(f"Usage: {lead.name} {_change(lead.delta_pct)}")
    cols = 1 if len(metrics) == 1 else 2 if len(metrics) <= 4 else 3
    rows = -(-len(metrics) // cols)
    axes = fig.subplots(rows, cols, squeeze=False)
    for i, ax in enumerate(axes.flat):
        if i >= len(metrics):
            ax.set_axis_off()
            continue
        _usage_panel(ax, metrics[i], qbr, palette.SERIES[0] if i == 0 else palette.SECONDARY)
    return fig


def _usage_panel(ax: object, metric: MetricTrend, qbr: Qbr, color: str) -> None:
    from matplotlib.axes import Axes
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num

    assert isinstance(ax, Axes)
    style_axes(ax)
    days = [float(date2num(d)) for d, _ in metric.points]
    values = [v for _, v in metric.points]
    ax.plot(
        days,
        values,
        color=palette.hex_color(color),
        linewidth=2,
        marker="o" if len(days) < 3 else None,
    )
    q = qbr.quarter
    ax.axvspan(
        date2num(q.start),
        date2num(q.next.start),
        color=palette.hex_color(palette.GRID),
        alpha=0.6,
        linewidth=0,
    )
    ax.set_xlim(date2num(qbr.quarters[0].start), date2num(q.next.start))
    ax.text(
        date2num(q.start) + 3,
        1,
        q.short,
        transform=ax.get_xaxis_transform(),
        va="top",
        fontsize=8,
        color=palette.hex_color(palette.MUTED),
    )
    locator = AutoDateLocator(maxticks=5)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.set_ylim(bottom=0 if min(values) >= 0 else None)
    unit = f" ({metric.unit})" if metric.unit else ""
    change = "" if metric.delta_pct is None else f"  {metric.delta_pct:+.0%}"
    ax.set_title(
        f"{metric.name}{unit}{change}", loc="left", fontsize=9, color=palette.hex_color(palette.INK)
    )


def wins_figure(qbr: Qbr) -> Figure:
    wins = qbr.wins
    this = wins.by_quarter[-1]
    unit = wins.impact_unit
    impact = f", {this.impact:,.0f} {unit}" if unit and this.impact else ""
    fig = new_figure(f"{plural(this.count, 'win')} in {qbr.quarter.title}{impact}")
    if not any(x.count for x in wins.by_quarter):
        return empty(fig, "No wins recorded in this period")
    ax = fig.add_subplot()
    style_axes(ax)
    labels = [x.quarter.short for x in wins.by_quarter]
    shades = [palette.TERTIARY] * (len(labels) - 1) + [palette.PRIMARY]
    bars = ax.bar(labels, [x.count for x in wins.by_quarter], color=colors(shades), width=0.6)
    if unit:
        notes = [f"{x.impact:,.0f} {unit}" if x.impact else "" for x in wins.by_quarter]
        ax.bar_label(
            bars, labels=notes, padding=3, fontsize=8, color=palette.hex_color(palette.MUTED)
        )
    integer_axis(ax)
    ax.margins(y=0.2)
    subtitle(ax, "Wins per quarter" + (f", labelled with their impact in {unit}" if unit else ""))
    return fig


def tickets_figure(qbr: Qbr) -> Figure:
    support = qbr.support
    opened = sum(support.by_quarter[-1].opened)
    urgent = support.open_sev1_sev2
    fig = new_figure(
        f"{plural(opened, 'ticket')} opened in {qbr.quarter.title}; "
        f"{plural(urgent, 'sev1/sev2 ticket')} open at quarter end"
    )
    if not any(sum(x.opened) for x in support.by_quarter):
        return empty(fig, "No tickets in this period")
    ax = fig.add_subplot()
    style_axes(ax)
    labels = [x.quarter.short for x in support.by_quarter]
    bottom = [0] * len(labels)
    for i, severity in enumerate(Severity):
        counts = [x.opened[i] for x in support.by_quarter]
        ax.bar(
            labels,
            counts,
            bottom=bottom,
            width=0.6,
            label=severity.label,
            color=palette.hex_color(palette.SEVERITY[severity]),
        )
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    integer_axis(ax)
    ax.margins(y=0.15)
    legend(ax, loc="upper left")
    subtitle(ax, "Tickets opened per quarter, by severity")
    return fig


def roadmap_figure(qbr: Qbr) -> Figure:
    fit = qbr.roadmap
    if fit.score is None:
        return empty(new_figure("Roadmap fit"), "No requests from this customer yet")
    total = sum(s.weight for s in fit.by_status)
    shipped = fit.by_status[0].weight / total if total else 0.0
    fig = new_figure(f"Roadmap fit {fit.score:.0f}/100: {shipped:.0%} of weighted demand shipped")
    ax = fig.add_subplot()
    style_axes(ax, grid_axis="x")
    labels = [s.label for s in fit.by_status]
    weights = [s.weight for s in fit.by_status]
    bars = ax.barh(
        labels,
        weights,
        color=colors([palette.ROADMAP[s.status] for s in fit.by_status]),
        height=0.6,
    )
    ax.bar_label(
        bars,
        labels=[plural(s.requests, "request") if s.requests else "" for s in fit.by_status],
        padding=4,
        fontsize=8,
        color=palette.hex_color(palette.MUTED),
    )
    ax.invert_yaxis()
    ax.margins(x=0.15)
    ax.set_xlabel("Weight: priority × requester influence")
    subtitle(ax, "Where the customer's weighted requests sit on our roadmap")
    return fig


def engagement_figure(qbr: Qbr) -> Figure:
    engagement = qbr.people.engagement
    now = engagement[-1]
    if now.executive == 0:
        title = f"No executive engaged in {qbr.quarter.title}"
    else:
        title = (
            f"{plural(now.executive, 'executive')}, {plural(now.management, 'manager')} and "
            f"{plural(now.operations, 'operations contact')} engaged in {qbr.quarter.title}"
        )
    fig = new_figure(title)
    if not any(e.count(level) for e in engagement for level in Level):
        return empty(fig, "Nobody engaged in these quarters")
    ax = fig.add_subplot()
    style_axes(ax)
    width = 0.26
    for i, level in enumerate(Level):
        xs = [x + (i - 1) * width for x in range(len(engagement))]
        ax.bar(
            xs,
            [e.count(level) for e in engagement],
            width=width * 0.95,
            label=level.label,
            color=palette.hex_color(palette.LEVEL[level]),
        )
    ax.set_xticks(range(len(engagement)), [e.quarter.short for e in engagement])
    integer_axis(ax)
    ax.margins(y=0.15)
    legend(ax)
    subtitle(ax, "People engaged per level and quarter")
    return fig


def attitude_figure(qbr: Qbr) -> Figure:
    people = qbr.people
    supporters = sum(people.attitude_now[3:])
    opponents = sum(people.attitude_now[:2])
    fig = new_figure(
        f"{plural(supporters, 'supporter')} and {plural(opponents, 'opponent')} "
        f"at the end of {qbr.quarter.title}"
    )
    if not sum(people.attitude_now) + sum(people.attitude_before):
        return empty(fig, "No stakeholders recorded")
    ax = fig.add_subplot()
    style_axes(ax)
    xs = range(len(ATTITUDES))
    shades = colors([palette.ATTITUDE[a] for a in ATTITUDES])
    ax.bar(
        [x - 0.2 for x in xs],
        people.attitude_before,
        width=0.38,
        color=shades,
        alpha=0.35,
        label=f"End of {qbr.quarter.previous.title}",
    )
    ax.bar(
        [x + 0.2 for x in xs],
        people.attitude_now,
        width=0.38,
        color=shades,
        label=f"End of {qbr.quarter.title}",
    )
    ax.set_xticks(list(xs), [ATTITUDE_LABELS[a] for a in ATTITUDES])
    integer_axis(ax)
    ax.margins(y=0.15)
    from matplotlib.patches import Patch

    ink = palette.hex_color(palette.PRIMARY)
    handles = [
        Patch(facecolor=ink, alpha=0.35, label=f"End of {qbr.quarter.previous.title}"),
        Patch(facecolor=ink, label=f"End of {qbr.quarter.title}"),
    ]
    ax.legend(
        handles=handles,
        frameon=False,
        fontsize=9,
        labelcolor=palette.hex_color(palette.MUTED),
        ncols=2,
        loc="upper left",
    )
    subtitle(ax, "Stakeholders by attitude: last quarter (light) and this quarter")
    return fig


CHARTS: dict[str, Callable[[Qbr], Figure]] = {
    "usage-trends": usage_figure,
    "wins-per-quarter": wins_figure,
    "tickets-by-severity": tickets_figure,
    "roadmap-fit": roadmap_figure,
    "engagement-per-level": engagement_figure,
    "attitude-distribution": attitude_figure,
}


def figures(qbr: Qbr) -> dict[str, Figure]:
    """Every chart of the QBR, by file stem."""
    return {name: make(qbr) for name, make in CHARTS.items()}


def export_charts(
    qbr: Qbr,
    folder: str | Path,
    *,
    formats: Sequence[str] = ("png", "svg"),
    dpi: int = DPI,
    stage: Staging | None = None,
) -> list[Path]:
    """Write every chart to ``folder`` (created if needed) in each format; returns the paths.

    All charts land together or none does: each is written to a temporary file beside its
    target, and they are renamed only when every one is complete (with ``stage``: when the
    caller's stage commits).
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_failure(folder, exc, "the charts folder") from exc
    if stage is None:
        with staging() as own:
            return export_charts(qbr, folder, formats=formats, dpi=dpi, stage=own)
    written: list[Path] = []
    for name, make in CHARTS.items():
        fig = make(qbr)
        for fmt in formats:
            path = folder / f"{name}.{fmt}"
            # No creation date in SVG metadata: the same QBR gives the same file.
            metadata = {"Date": None} if fmt == "svg" else None
            buffer = io.BytesIO()
            fig.savefig(buffer, format=fmt, dpi=dpi, facecolor="white", metadata=metadata)
            data = xml_safe_bytes(buffer.getvalue()) if fmt == "svg" else buffer.getvalue()
            temporary = stage.path(path, "the chart")
            try:
                temporary.write_bytes(data)
            except OSError as exc:
                raise write_failure(path, exc, "the chart") from exc
            written.append(path)
    return written
