"""Charts as matplotlib figures (no Qt): assertions on their artists, and the exported files."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.patches import Rectangle

from reports import charts
from reports.model import Qbr
from reports.qbr import assemble_qbr
from tests.reports.conftest import Q3, TODAY, Acme


@pytest.fixture
def qbr(acme: Acme) -> Qbr:
    return assemble_qbr(acme.ws, acme.account_id, Q3, TODAY)


def _bars(ax: object) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle)]  # type: ignore[attr-defined]


def _title(fig: object) -> str:
    return fig._suptitle.get_text()  # type: ignore[attr-defined]


def test_usage_has_one_panel_per_metric(qbr: Qbr) -> None:
    fig = charts.usage_figure(qbr)
    panels = [ax for ax in fig.axes if ax.axison]
    assert len(panels) == 2
    assert len(panels[0].lines) == 1 and len(panels[0].lines[0].get_xdata()) == 6
    assert panels[0].get_title(loc="left") == "Active users (users)  +27%"
    assert _title(fig) == "Usage: Active users up 27% on last quarter"


def test_wins_bars_per_quarter_with_impact(qbr: Qbr) -> None:
    fig = charts.wins_figure(qbr)
    (ax,) = fig.axes
    assert [b.get_height() for b in _bars(ax)] == [0, 0, 1, 2]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Q4 25", "Q1 26", "Q2 26", "Q3 26"]
    labels = [t.get_text() for t in ax.texts]
    assert "40 hours saved" in labels and "20 hours saved" in labels
    assert _title(fig) == "2 wins in Q3 2026, 40 hours saved"


def test_tickets_stacked_by_severity(qbr: Qbr) -> None:
    fig = charts.tickets_figure(qbr)
    (ax,) = fig.axes
    assert len(_bars(ax)) == 4 * 4  # four severities × four quarters
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["SEV1", "SEV2", "SEV3", "SEV4"]
    assert "3 tickets opened in Q3 2026" in _title(fig)


def test_roadmap_fit_bars_are_weights_by_status(qbr: Qbr) -> None:
    fig = charts.roadmap_figure(qbr)
    (ax,) = fig.axes
    assert [b.get_width() for b in _bars(ax)] == [25, 16, 9, 8, 2]
    assert ax.get_yticklabels()[0].get_text() == "Shipped"
    assert _title(fig).startswith("Roadmap fit 69/100")


def test_engagement_and_attitude(qbr: Qbr) -> None:
    engagement = charts.engagement_figure(qbr).axes[0]
    assert len(_bars(engagement)) == 3 * 4
    assert [t.get_text() for t in engagement.get_legend().get_texts()] == [
        "Executive",
        "Management",
        "Operations",
    ]
    fig = charts.attitude_figure(qbr)
    heights = [b.get_height() for b in _bars(fig.axes[0])]
    assert heights == [0, 0, 2, 2, 1, 0, 1, 2, 1, 1]  # before, then now
    assert _title(fig) == "2 supporters and 1 opponent at the end of Q3 2026"


def test_empty_account_gives_explanatory_charts(tmp_path: Path) -> None:
    from graph import schema as s
    from graph.workspace import Workspace

    with Workspace.create(tmp_path / "e.rapport") as ws:
        account = ws.add(s.Account(name="Empty"))
        qbr = assemble_qbr(ws, account.id, Q3, TODAY)
    for make in charts.CHARTS.values():
        fig = make(qbr)
        assert fig.axes  # a message or a chart, never an exception
    engagement = charts.engagement_figure(qbr).axes[0]
    assert not engagement.patches, "no empty bars on a stray axis"
    assert [t.get_text() for t in engagement.texts] == ["Nobody engaged in these quarters"]


def test_export_writes_png_and_svg(qbr: Qbr, tmp_path: Path) -> None:
    paths = charts.export_charts(qbr, tmp_path / "charts", formats=("png", "svg"), dpi=60)
    assert len(paths) == 2 * len(charts.CHARTS)
    png = tmp_path / "charts" / "usage-trends.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = (tmp_path / "charts" / "roadmap-fit.svg").read_text()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert not list((tmp_path / "charts").glob("*.partial"))


def test_no_pyplot_state_leaks(qbr: Qbr) -> None:
    import sys

    charts.figures(qbr)
    if "matplotlib.pyplot" in sys.modules:
        import matplotlib.pyplot as plt

        assert plt.get_fignums() == []
