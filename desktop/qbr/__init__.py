"""QBR preparation in the desktop app: the QBR tab and the workbook export.

``qbr_tab.QbrTab`` edits what a QBR is made of (wins, usage, support, roadmap, plan) with undo
and shows the summary and charts as they will be exported; ``export_dialog.start_qbr_export``
writes the workbook in a worker with a progress dialog. Import the modules themselves: this
package file stays empty so start-up does not pay for them.
"""
