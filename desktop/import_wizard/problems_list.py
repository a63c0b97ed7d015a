"""The problems that block an import, one per line: file, row, column, and what is wrong."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from graph.imports import ImportProblem

HEADERS = ("File", "Row", "Column", "Problem")


def where(problem: ImportProblem) -> str:
    """'row 4', 'card 2', 'line 18' or '' (the whole file)."""
    return f"{problem.unit} {problem.row}" if problem.row is not None else ""


class ProblemsList(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(len(HEADERS))
        self.setHeaderLabels(list(HEADERS))
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.header()
        header.setStretchLastSection(True)
        for column in range(len(HEADERS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def show_problems(self, problems: Sequence[ImportProblem]) -> None:
        self.clear()
        for problem in problems:
            item = QTreeWidgetItem(
                [problem.file, where(problem), problem.column or "", problem.message]
            )
            item.setToolTip(3, str(problem))
            self.addTopLevelItem(item)

    def rows(self) -> list[tuple[str, str, str, str]]:
        """What the list shows, as text (tests and copy-paste)."""
        found = []
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if item is not None:
                found.append((item.text(0), item.text(1), item.text(2), item.text(3)))
        return found
