"""The QBR export in the desktop app: the workbook and the deck, with the map they show.

``export_dialog.start_qbr_export`` asks where (and in which edition, ``export_edition``), then
writes the files in a worker (``export_job``) behind a progress dialog (``export_progress``);
``deck_map`` draws the map the files show, through ``desktop.map``. This package may import
both ``desktop.map`` and ``desktop.qbr``, which stay independent of each other; the QBR tab
never imports it: its Export button asks the window, which starts the export (File > Export
QBR goes the same way). Import the modules themselves: this package file stays empty so
start-up does not pay for them.
"""
