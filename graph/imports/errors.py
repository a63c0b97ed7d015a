"""What can go wrong in an import, said so that the person importing can fix their file.

A problem names the file, and where it can, the row and the column, in the terms of the file as
the user sees it in Excel or a text editor (row 1 is the header row of a spreadsheet).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph.errors import RapportError
from graph.text import printable

# Enough to see what is wrong without burying the user in a 50,000-line message.
SHOWN_PROBLEMS = 10
_NO_LIMIT = 1_000_000


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with an import file, located as precisely as the format allows."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    # What ``row`` counts: a spreadsheet row, a vCard in the file, a line of a calendar.
    unit: str = "row"

    def __str__(self) -> str:
        # File content (a header, a value) is shown with control characters escaped: a
        # hostile CSV header must not drive the terminal or the dialog it is printed in.
        where = [printable(self.file, _NO_LIMIT)]
        if self.row is not None:
            where.append(f"{self.unit} {self.row}")
        if self.column:
            where.append(f"column {printable(repr(self.column), _NO_LIMIT)}")
        return f"{', '.join(where)}: {printable(self.message, _NO_LIMIT)}"


class ImportFailed(RapportError):
    """The import cannot go ahead; nothing was changed. ``problems`` lists every reason."""

    def __init__(self, problems: Iterable[ImportProblem]) -> None:
        self.problems = list(problems)
        lines = [str(p) for p in self.problems[:SHOWN_PROBLEMS]]
        hidden = len(self.problems) - len(lines)
        if hidden > 0:
            lines.append(f"... and {hidden} more problem{'s' if hidden > 1 else ''}")
        super().__init__("\n".join(lines) or "the import failed")

    @classmethod
    def single(
        cls,
        file: str,
        message: str,
        *,
        row: int | None = None,
        column: str | None = None,
        unit: str = "row",
    ) -> ImportFailed:
        return cls([ImportProblem(file, message, row, column, unit)])


class ImportCancelled(ImportFailed):
    """The user stopped the import; nothing was changed."""

    def __init__(self, file: str) -> None:
        super().__init__([ImportProblem(file, "import cancelled; nothing was changed")])


class AccountChanged(ImportFailed):
    """The account changed between the preview and the write; nothing was changed.

    A new preview of the same file is all it takes: the command line makes one itself.
    """
