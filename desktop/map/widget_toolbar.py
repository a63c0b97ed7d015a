"""What the map's toolbar, risk strip and departure panel set off in the map widget (the
toolbar only announces; the widget acts)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.map.map_widget import MapWidget


def wire_toolbar(widget: MapWidget) -> None:
    tb = widget.toolbar
    tb.viewChosen.connect(widget.set_view)
    tb.searchSubmitted.connect(widget.find_person)
    # the "No one called…" balloon goes with what it answered
    tb.search.textChanged.connect(lambda text: widget.banner.hide() if not text else None)
    tb.filterChanged.connect(widget.set_filter)
    tb.legend.triggered.connect(widget._legend_chosen)
    tb.influence.toggled.connect(widget.scene.set_influence_shown)
    tb.fit.triggered.connect(widget.fit_map)
    widget.view.fitRequested.connect(widget.fit_map)
    tb.zoom_in.triggered.connect(widget.view.zoom_in)
    tb.zoom_out.triggered.connect(widget.view.zoom_out)
    tb.departure.triggered.connect(lambda: widget.show_departure())
    tb.export.triggered.connect(widget._export_clicked)
    widget.departure.closed.connect(widget.clear_departure)
    widget.risk_banner.riskChosen.connect(widget.show_risk)
    widget.risk_banner.filterRequested.connect(widget.show_risks_only)
    widget.departure.focusRequested.connect(widget._focus_keys)
