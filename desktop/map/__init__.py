"""The stakeholder map: an account's people and our team as an interactive graph.

One module per layer (see STYLE.md, "The canvas"): ``scene`` builds and refreshes the items,
``view`` zooms and pans (``first_look`` says where a map opens), ``person_card``/
``member_card``/``edge_item`` draw, ``interactions``
holds the drag modes, ``map_widget`` ties them to the workspace, the undo stack and the shared
selection, and ``render`` draws a map to a file without a window.
"""
