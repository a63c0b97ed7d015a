"""Prints ``rapport summary`` as a readable table or as JSON (no Qt here)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from graph.labels import short_amount
from graph.summary import summarize_file

_LEVEL_LETTERS = {"executive": "E", "management": "M", "operations": "O"}


def _levels(levels: dict[str, dict[str, int]]) -> str:
    parts = []
    for name, letter in _LEVEL_LETTERS.items():
        level = levels[name]
        parts.append(f"{letter} {level['contacted_last_quarter']}/{level['people']}")
    return " ".join(parts)


def format_table(doc: dict[str, Any]) -> str:
    headers = ("Account", "Health", "ARR", "Renewal", "People", "Overdue", "Met last qtr", "Risks")
    rows = []
    for a in doc["accounts"]:
        renewal = a["renewal_date"] or "-"
        if a["days_to_renewal"] is not None:
            renewal += f" ({a['days_to_renewal']}d)"
        score = a["health_score"]
        health = a["health"].replace("_", " ") + (f" {score}" if score is not None else "")
        health += "*" if a["health_overridden"] else ""
        rows.append(
            (
                a["name"],
                health,
                f"{short_amount(a['arr'])} {a['currency']}",
                renewal,
                str(a["people"]),
                str(a["overdue"]),
                _levels(a["levels"]),
                str(len(a["risks"])),
            )
        )
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    for a in doc["accounts"]:
        if a["risks"]:
            lines.append("")
            lines.append(f"{a['name']}:")
            lines += [f"  [{r['severity']}] {r['message']}" for r in a["risks"]]
    lines.append("")
    lines.append(
        f"As of {doc['today']}. Met last qtr: people met in the last 90 days / people, "
        "per level (E executive, M management, O operations). * health set by hand."
    )
    if any(a["health_score"] is None for a in doc["accounts"]):
        lines.append("Not enough data: nobody on the account, or no interaction logged yet.")
    return "\n".join(lines)


def print_summary(
    path: Path,
    *,
    account: str | None = None,
    as_json: bool = False,
    today: dt.date | None = None,
    out: TextIO | None = None,
) -> None:
    out = out or sys.stdout
    doc = summarize_file(path, today, account)
    if as_json:
        # One write: json.dump would write each of its thousands of pieces on its own.
        out.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    else:
        out.write(format_table(doc) + "\n")
