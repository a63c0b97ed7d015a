"""The internal edition's stakeholder map slide: the column its legend takes right of the map's
picture (EMU). ``reports.deck.map_legend`` draws the legend in it; the map's drawing
(``desktop.qbr_export.deck_map``) sizes the picture for the rest of the room. A module of its
own so the drawing, in ``rapport export``'s child process, loads no deck module for two numbers.
"""

from __future__ import annotations

EMU_PER_INCH = 914400
EMU_PER_POINT = 12700
LEGEND_WIDTH = int(2.3 * EMU_PER_INCH)  # the legend's column
LEGEND_GAP = int(0.15 * EMU_PER_INCH)  # between the picture and the column
