"""One module per group of workbook sheets; ``reports.workbook`` calls them in order."""
