"""QBR preparation in the desktop app: the QBR tab.

``qbr_tab.QbrTab`` edits what a QBR is made of (wins, usage, support, roadmap, plan) with undo
and shows the summary and charts as they will be exported. Its Export button only asks
(``QbrTab.export_requested``): the window starts the export (``desktop.qbr_export``), so this
package never reaches the map. Import the modules themselves: this package file stays empty
so start-up does not pay for them.
"""
