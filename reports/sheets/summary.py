"""The Summary sheet: one page an executive can read on its own.

Left: the account (health, ARR, renewal). Right: the quarter in numbers. Below: why the health
is what it is, headline wins, top risks and our asks. Every number is a number cell with a format.
"""

from __future__ import annotations

from typing import Any

from reports import palette
from reports.model import Qbr
from reports.xlsx_kit import DATE, DEC1, INT, SIGNED_PCT, SheetWriter, money_format

LABEL_COL, VALUE_COL, LABEL2_COL, VALUE2_COL = 1, 2, 4, 5
WIDTHS = {1: 20.0, 2: 42.0, 3: 3.0, 4: 36.0, 5: 18.0}


def unit_format(unit: str) -> str:
    """A number format showing the unit after the value: 15,000 orders delayed."""
    unit = unit.replace('"', "'").strip()
    return f'#,##0.## "{unit}"' if unit else "#,##0.##"


def write_summary(ws: Any, qbr: Qbr) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    w = SheetWriter(ws)
    a, s, n = qbr.account, qbr.summary, qbr.summary.numbers
    q = qbr.quarter
    w.title(
        f"{a.name} · Quarterly business review",
        f"{q.title} ({q.months}) · prepared {qbr.generated_on:%d %b %Y}",
    )
    label_font = Font(name="Calibri", color=palette.MUTED)
    value_font = Font(name="Calibri", bold=True, color=palette.INK)
    section_font = Font(name="Calibri", size=12, bold=True, color=palette.PRIMARY)
    rule = Border(bottom=Side(style="thin", color=palette.RULE))

    def section(row: int, col: int, text: str, span: int = 2) -> None:
        w.cell(row, col, text).font = section_font
        for c in range(col, col + span):
            ws.cell(row=row, column=c).border = rule

    def fact(row: int, col: int, label: str, value: object, fmt: str | None = None) -> Any:
        label_cell = w.cell(row, col, label)
        label_cell.font = label_font
        label_cell.alignment = Alignment(vertical="top")
        cell = w.cell(row, col + 1, value, fmt)
        cell.font = value_font
        cell.alignment = Alignment(horizontal="left", vertical="top")
        return cell

    top = 4
    section(top, LABEL_COL, "Account")
    section(top, LABEL2_COL, f"{q.title} in numbers")
    health = s.health
    cell = fact(top + 1, LABEL_COL, "Health", health.health.label.upper())
    cell.fill = PatternFill("solid", fgColor=palette.HEALTH[health.health])
    cell.font = Font(name="Calibri", bold=True, color="FFFFFF")
    cell.alignment = Alignment(horizontal="center")
    facts: list[tuple[str, object, str | None]] = [
        ("Health score", health.score, '0 "/ 100"'),
        ("ARR", a.arr, money_format(a.currency)),
        ("Renewal date", a.renewal_date or "not set", DATE),
        ("Days to renewal", a.days_to_renewal, INT),
        ("Phase", a.phase.label, None),
        ("Industry", " · ".join(x for x in (a.industry, a.segment) if x) or "—", None),
        ("Our team", ", ".join(a.team) or "—", None),
    ]
    for i, (label, value, fmt) in enumerate(facts, start=top + 2):
        fact(i, LABEL_COL, label, value, fmt)
    team_cell = ws.cell(row=top + 1 + len(facts), column=VALUE_COL)
    team_cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
    team_cell.font = Font(name="Calibri", color=palette.INK)
    lines = max(1, -(-len(str(team_cell.value)) // int(WIDTHS[VALUE_COL] * 1.15)))
    ws.row_dimensions[top + 1 + len(facts)].height = 15 * lines
    delta_label = f"{n.headline_metric or 'Usage'} vs last quarter"
    numbers: list[tuple[str, object, str | None]] = [
        ("People engaged", n.people_engaged, INT),
        ("Executives engaged", n.executives_engaged, INT),
        ("Wins", n.wins, INT),
        (
            delta_label,
            n.headline_delta_pct if n.headline_delta_pct is not None else "—",
            SIGNED_PCT,
        ),
        ("Open sev1/sev2 tickets at quarter end", n.open_sev1_sev2, INT),
        ("Mean days to resolve", n.mean_days_to_resolve, DEC1),
        ("Roadmap fit score (0-100)", _rounded(n.fit_score), DEC1),
        (
            "Goals on track or done",
            n.goals_on_track if n.goals_total else "—",
            f'0 "of {n.goals_total}"',
        ),
    ]
    for i, (label, value, fmt) in enumerate(numbers, start=top + 1):
        fact(i, LABEL2_COL, label, "—" if value is None else value, fmt)
    w.row = top + 1 + max(len(facts) + 1, len(numbers)) + 1

    def bullets(title: str, lines: list[str], empty: str) -> None:
        section(w.row, LABEL_COL, title, span=5)
        w.row += 1
        for line in lines or [empty]:
            cell = w.cell(w.row, LABEL_COL, f"•  {line}" if lines else empty)
            cell.font = Font(name="Calibri", color=palette.INK, italic=not lines)
            w.row += 1
        w.row += 1

    bullets("Why this health", list(health.reasons[:6]), "No warning signs this quarter.")

    section(w.row, LABEL_COL, "Headline wins", span=5)
    w.row += 1

    def wrapped(col: int, text: str, font: Any) -> int:
        """Write ``text`` wrapped in its column; returns how many lines it takes."""
        cell = w.cell(w.row, col, text)
        cell.font = font
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        return max(1, -(-len(text) // int(WIDTHS[col] * 1.1)))

    def fit_row(lines: int) -> None:
        # Neither Excel nor LibreOffice grows a row for wrapped text written by a program.
        w.ws.row_dimensions[w.row].height = 15 * lines

    for win in s.headline_wins:
        w.cell(w.row, 1, win.won_on, DATE).alignment = Alignment(horizontal="left", vertical="top")
        lines = wrapped(2, win.title, value_font)
        if win.impact_value is not None:
            w.cell(w.row, 4, win.impact_value, unit_format(win.impact_unit)).alignment = Alignment(
                horizontal="left", vertical="top"
            )
        lines = max(lines, wrapped(5, win.champion or "", label_font))
        fit_row(lines)
        w.row += 1
    if not s.headline_wins:
        w.note("No wins recorded this quarter.")
    w.row += 1

    section(w.row, LABEL_COL, "Top risks", span=5)
    w.row += 1
    for risk in s.top_risks:
        level = w.cell(w.row, 1, risk.level.label)
        level.font = Font(name="Calibri", bold=True, color=_risk_color(risk.level.value))
        level.alignment = Alignment(vertical="top")
        lines = wrapped(2, risk.title, value_font)
        lines = max(lines, wrapped(4, risk.mitigation or "Mitigation to agree", label_font))
        lines = max(lines, wrapped(5, risk.owner or "", label_font))
        fit_row(lines)
        w.row += 1
    if not s.top_risks:
        w.note("No open risks.")
    w.row += 1

    bullets("Our asks", list(s.asks), "Nothing to ask this quarter.")

    for col, width in WIDTHS.items():
        w.fixed[col] = width
        w.widths.setdefault(col, width)
    w.finish(freeze=None, print_rows=None)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _risk_color(level: str) -> str:
    return {"high": palette.HEALTH_RED, "medium": palette.ACCENT}.get(level, palette.MUTED)
