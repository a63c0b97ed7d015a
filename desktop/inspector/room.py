"""The room the inspector needs: its panel never narrower (its forms' labels and fields fit),
and the window's first look keeps the same room for it while the workspace loads, so the map
beside it does not move when the panel comes."""

PANEL_MIN_WIDTH = 280
