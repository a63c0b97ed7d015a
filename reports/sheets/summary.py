"""The Summary sheet: one page an executive can read on its own.

Left: the account (health, ARR, renewal). Right: the quarter in numbers. Below: why the health
is what it is, headline wins, top risks and our asks. Every number is a number cell with a format.
"""

from __future__ import annotations

from typing import Any

from reports import palette
from reports.edition import phase_label, risk_summary
from reports.model import Qbr
from reports.sheets.print_fit import fit_one_page
from reports.wording import impact_text, impacts_text, is_percent
from reports.xlsx_kit import (
    DATE,
    DEC1,
    INT,
    LINE_HEIGHT,
    SIGNED_PCT,
    SheetWriter,
    lines_needed,
    money_format,
)

LABEL_COL, VALUE_COL, LABEL2_COL, VALUE2_COL = 1, 2, 4, 5
WIDTHS = {1: 20.0, 2: 42.0, 3: 3.0, 4: 36.0, 5: 18.0}
POINTS = '+0.0 "pts";-0.0 "pts";0.0 "pts"'
_PLAN_OWNER = {"Action": "Customer", "Roadmap": "Product team", "Renewal": "Account team"}


def unit_format(unit: str) -> str:
    """A number format showing the unit after the value: 15,000 orders delayed."""
    unit = unit.replace('"', "'").strip()
    return f'#,##0.## "{unit}"' if unit else "#,##0.##"


def write_summary(ws: Any, qbr: Qbr, *, internal: bool = True) -> None:
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
        *([("Phase", phase, None)] if (phase := phase_label(a.phase, internal)) else []),
        ("Industry", " · ".join(x for x in (a.industry, a.segment) if x) or "—", None),
        ("Our team", ", ".join(a.team) or "—", None),
    ]
    for i, (label, value, fmt) in enumerate(facts, start=top + 2):
        fact(i, LABEL_COL, label, value, fmt)
    # Industry and the team can run long: wrap them and give their rows the height they need.
    for row in (top + len(facts), top + 1 + len(facts)):
        long_cell = ws.cell(row=row, column=VALUE_COL)
        long_cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        ws.row_dimensions[row].height = LINE_HEIGHT * lines_needed(
            str(long_cell.value), WIDTHS[VALUE_COL], bold=row == top + len(facts)
        )
    ws.cell(row=top + 1 + len(facts), column=VALUE_COL).font = Font(
        name="Calibri", color=palette.INK
    )
    delta_label = f"{n.headline_metric or 'Usage'} vs last quarter"
    headline = next((m for m in qbr.usage.metrics if m.name == n.headline_metric), None)
    if headline is not None and is_percent(headline.unit):
        delta: tuple[str, object, str | None] = (
            delta_label,
            "—" if headline.delta is None else headline.delta,
            POINTS,
        )
    else:
        delta = (
            delta_label,
            n.headline_delta_pct if n.headline_delta_pct is not None else "—",
            SIGNED_PCT,
        )
    numbers: list[tuple[str, object, str | None]] = [
        ("People engaged", n.people_engaged, INT),
        ("Executives engaged", n.executives_engaged, INT),
        ("Wins", n.wins, INT),
        delta,
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

    def bullets_wrapped(title: str, lines: list[str], empty: str) -> None:
        """Bullets across the sheet's width, each row as tall as its wrapped text."""
        section(w.row, LABEL_COL, title, span=5)
        w.row += 1
        span = sum(WIDTHS.values())
        for line in lines or [empty]:
            cell = w.cell(w.row, LABEL_COL, f"•  {line}" if lines else empty)
            cell.font = Font(name="Calibri", color=palette.INK, italic=not lines)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            ws.merge_cells(start_row=w.row, start_column=1, end_row=w.row, end_column=5)
            ws.row_dimensions[w.row].height = LINE_HEIGHT * lines_needed(str(cell.value), span)
            w.row += 1
        w.row += 1

    trend = qbr.briefing.health_trend if qbr.briefing else ()
    trend_line = (
        ["Trend: " + " → ".join(f"{p.quarter.short} {p.health.label} {p.score}" for p in trend)]
        if len(trend) > 1
        else []
    )
    bullets_wrapped(
        "Why this health",
        trend_line + list(health.reasons[:6]),
        "No warning signs this quarter.",
    )

    impact = impacts_text(qbr.wins.this_quarter)
    section(
        w.row,
        LABEL_COL,
        f"Headline wins · impact this quarter: {impact}" if impact else "Headline wins",
        span=5,
    )
    w.row += 1

    def wrapped(col: int, text: str, font: Any) -> int:
        """Write ``text`` wrapped in its column; returns how many lines it takes."""
        cell = w.cell(w.row, col, text)
        cell.font = font
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        return lines_needed(text, WIDTHS[col], bold=bool(font.b))

    def fit_row(lines: int) -> None:
        # Neither Excel nor LibreOffice grows a row for wrapped text written by a program.
        w.ws.row_dimensions[w.row].height = 15 * lines

    for win in s.headline_wins:
        w.cell(w.row, 1, win.won_on, DATE).alignment = Alignment(horizontal="left", vertical="top")
        lines = wrapped(2, win.title, value_font)
        # the impact as words ("$1.15M of good payments no longer declined"), wrapped: a number
        # formatted with a long unit does not fit its column and shows as "###"
        lines = max(lines, wrapped(4, impact_text(win.impact_value, win.impact_unit), value_font))
        lines = max(lines, wrapped(5, win.champion or "", label_font))
        fit_row(lines)
        w.row += 1
    if not s.headline_wins:
        w.note("No wins recorded this quarter.")
    w.row += 1

    section(w.row, LABEL_COL, "Top risks", span=5)
    w.row += 1
    listed = s.top_risks if internal else ()
    if not internal and s.top_risks:
        w.note(risk_summary(s.top_risks) or "No open risks.")
    for risk in listed:
        level = w.cell(w.row, 1, risk.level.label)
        level.font = Font(name="Calibri", bold=True, color=_risk_color(risk.level.value))
        level.alignment = Alignment(vertical="top")
        lines = wrapped(2, risk.title, value_font)
        mitigation = risk.mitigation or ("Mitigation to agree" if internal else "")
        lines = max(lines, wrapped(4, mitigation, label_font))
        lines = max(lines, wrapped(5, risk.owner or "", label_font))
        fit_row(lines)
        w.row += 1
    if not s.top_risks:
        w.note("No open risks.")
    w.row += 1

    incidents = [
        f"{i.occurred_on:%d %b} · {i.severity.label} · {i.title}"
        + (f": {impact_text(i.impact_value, i.impact_unit)}" if i.impact_value is not None else "")
        for i in qbr.support.incidents
    ]
    bullets_wrapped(f"Incidents in {q.title}", incidents[:4], "No incidents this quarter.")
    nxt = q.next
    plan = [
        f"{p.title} — {p.owner or _PLAN_OWNER.get(p.kind, 'to agree')}"
        + (f", due {p.due_on:%d %b %Y}" if p.due_on else "")
        for p in qbr.next_quarter
    ]
    more = f" (+{len(plan) - 6} more on Plan & Actions)" if len(plan) > 6 else ""
    bullets_wrapped(f"Plan for {nxt.title} with owners{more}", plan[:6], "Nothing planned yet.")
    bullets_wrapped("Our asks", list(s.asks), "Nothing to ask this quarter.")

    for col, width in WIDTHS.items():
        w.fixed[col] = width
        w.widths.setdefault(col, width)
    w.finish(freeze=None, print_rows=None)
    fit_one_page(w)  # the page an executive reads on its own: one, if it reads at 8 pt


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _risk_color(level: str) -> str:
    return {"high": palette.HEALTH_RED, "medium": palette.ACCENT}.get(level, palette.MUTED)
