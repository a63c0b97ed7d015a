"""The account's risks in a strip above the map, each one a link to the people it concerns.

Risks come from graph.signals through ``MapData.risks`` (card_risks): high ones first. The
strip shows as many as fit on two lines and says how many more; "Risks only" narrows the map
to the people marked.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from desktop.map.card_risks import MapRisk
from desktop.map.styles import MapStyle

SHOWN = 3  # risks listed in the strip; the rest are a click away in the tooltip and filter
NARROW = 900  # below this width, two risks (the strip keeps to about two lines)


class RiskBanner(QWidget):
    """``riskChosen`` carries the node keys of a clicked risk; ``filterRequested`` asks for
    the "Risks only" filter."""

    riskChosen = Signal(list)
    filterRequested = Signal()

    def __init__(self, style: MapStyle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("riskBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._style = style
        self.risks: list[MapRisk] = []
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.linkActivated.connect(self._on_link)
        self.only = QToolButton()
        self.only.setText("Risks only")
        self.only.setToolTip("Show only the people with a risk marked on their card")
        self.only.setAutoRaise(True)
        self.only.clicked.connect(self.filterRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.only, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def set_style(self, style: MapStyle) -> None:
        self._style = style
        self.set_risks(self.risks, force=True)

    def set_risks(self, risks: list[MapRisk], *, force: bool = False) -> None:
        if not force and list(risks) == self.risks and self.isHidden() != bool(risks):
            return  # an edit that changed no risk: no restyle
        self.risks = list(risks)
        if not risks:
            self.hide()
            return
        s = self._style
        high = s.cadence_colour("overdue").name()
        medium = s.cadence_colour("due").name()
        self.setStyleSheet(
            f"QWidget#riskBanner {{ background: {s.panel.name()};"
            f" border-bottom: 1px solid {s.card_border.name()}; }}"
        )
        parts = []
        shown = SHOWN if self.width() >= NARROW else SHOWN - 1
        for index, risk in enumerate(risks[:shown]):
            colour = high if risk.severity == "high" else medium
            text = escape(risk.message)
            if risk.nodes:
                text = f'<a href="risk:{index}" style="color:{s.text.name()}">{text}</a>'
            parts.append(f'<span style="color:{colour}">●</span>&nbsp;{text}')
        more = len(risks) - shown
        if more > 0:
            parts.append(f"<i>{more} more</i>")
        count = f"<b>{len(risks)} risk{'s' if len(risks) != 1 else ''}:</b> "
        self.text.setText(count + " &nbsp;·&nbsp; ".join(parts))
        self.text.setToolTip("<br>".join(escape(r.message) for r in risks))
        self.show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if (event.oldSize().width() >= NARROW) != (event.size().width() >= NARROW):
            self.set_risks(self.risks, force=True)

    def _on_link(self, href: str) -> None:
        index = int(href.removeprefix("risk:"))
        if 0 <= index < len(self.risks):
            self.riskChosen.emit(list(self.risks[index].nodes))
