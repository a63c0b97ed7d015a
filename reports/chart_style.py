"""The house style of the matplotlib charts: fit for an executive deck, quiet and readable.

One deep blue carries the message and greys the context; light horizontal grid only; no top or
right spines, no chart junk; the title states the takeaway and a grey subtitle says what is
plotted. Figures are plain ``matplotlib.figure.Figure`` objects (no pyplot, no global state), so
they render in a worker thread, in tests, or embedded in the desktop app.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from reports import palette

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

FIGSIZE = (8.0, 4.5)  # inches: 16:9, like a slide
FONT = 10
INK, MUTED, GRID = (palette.hex_color(c) for c in (palette.INK, palette.MUTED, palette.GRID))


def new_figure(title: str, *, size: tuple[float, float] = FIGSIZE) -> Figure:
    """A figure whose title (top left, bold) states the takeaway."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, layout="constrained", facecolor="white")
    fig.suptitle(title, x=0.01, ha="left", fontsize=FONT + 3, fontweight="bold", color=INK)
    return fig


def subtitle(ax: Axes, text: str) -> None:
    """What is plotted, in grey above the axes."""
    ax.set_title(text, loc="left", fontsize=FONT - 1, color=MUTED, pad=10)


def style_axes(ax: Axes, *, grid_axis: Literal["x", "y", ""] = "y") -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(palette.hex_color(palette.RULE))
    ax.tick_params(colors=MUTED, labelsize=FONT - 1, length=0, pad=4)
    ax.xaxis.label.set_color(MUTED)
    ax.yaxis.label.set_color(MUTED)
    if grid_axis:
        ax.grid(axis=grid_axis, color=GRID, linewidth=0.8)
        ax.set_axisbelow(True)
    if grid_axis == "y":
        ax.spines["left"].set_visible(False)
    elif grid_axis == "x":
        ax.spines["bottom"].set_visible(False)


def integer_axis(ax: Axes, axis: str = "y") -> None:
    from matplotlib.ticker import MaxNLocator

    locator = MaxNLocator(integer=True, nbins=5)
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_locator(locator)


def legend(ax: Axes, **kwargs: Any) -> None:
    ax.legend(
        frameon=False,
        fontsize=FONT - 1,
        labelcolor=MUTED,
        ncols=kwargs.pop("ncols", 4),
        loc=kwargs.pop("loc", "upper left"),
        **kwargs,
    )


def empty(fig: Figure, message: str) -> Figure:
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=FONT + 1, color=MUTED)
    return fig


def colors(codes: Sequence[str]) -> list[str]:
    return [palette.hex_color(c) for c in codes]


def plural(count: float, word: str, many: str | None = None) -> str:
    n = int(count) if float(count).is_integer() else count
    return f"{n:,} {word if n == 1 else (many or word + 's')}"
