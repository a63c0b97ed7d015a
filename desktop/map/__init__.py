"""The stakeholder map: an account's people and our team as an interactive graph.

One module per layer (see STYLE.md, "The canvas"): ``scene`` builds and refreshes the items,
``view`` zooms and pans (``first_look`` says where a map opens), ``person_card``/
``member_card``/``edge_item`` draw, ``interactions``
holds the drag modes, ``map_widget`` ties them to the workspace, the undo stack and the shared
selection, and ``render`` draws a map to a file without a window.
"""

from desktop.qt_runtime import keep_none_alive

# The map is also drawn without the app (the command line's export, scripts, benchmarks):
# guard against PySide6 6.12's reference-count bug on Python 3.11 here too.
keep_none_alive()
