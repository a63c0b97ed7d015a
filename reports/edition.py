"""Editions of the QBR: *internal* for the account team, *customer* safe to hand over.

``prepare(qbr, sharing)`` gives the copy of a QBR that an edition may show, so the deck and the
workbook cannot leak what they were never given:

- Customer: no attitudes (every attitude reads neutral, attitude moves are gone), no deal
  roles (every role reads "other": "blocker" or "coach" are our labels, not theirs), no owners
  on our side (coverage), health reasons rebuilt from the customer-facing numbers (the rules'
  reasons name detractors and coverage gaps), risks by level only (our risk register names
  people and tactics: its titles and mitigations stay internal; ``title`` is ""), and any
  action, ask, goal or plan line whose wording is internal (``INTERNAL_WORDING``) left out.
  People appear by name and job title.
- ``anonymize``: every person's and team member's name, wherever it appears (tables, owners,
  sentences), becomes their role: a job title ("Head of Finance", numbered when shared) or our
  team role ("Our TAM").
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from graph.errors import RapportError
from graph.vocabulary import DealRole, RiskLevel, RiskStatus
from reports.model import ChangeType, Qbr, RiskRow, StakeholderRow
from reports.wording import metric_change

T = TypeVar("T")

# Words that mark text as the account team's own view of the customer's people and politics.
INTERNAL_WORDING = re.compile(
    r"detractor|opponent|blocker|champion|\bcoach\b|influencer|politic|nobody on our team"
    r"|\bcovers?\b|coverage|single[- ]threaded|key[- ]person|only bridge|overdue|attitude"
    r"|lean against|resist|credibility|evaluat|competitor|self-hosted|at risk|replace[ds]? her"
    r"|replace[ds]? him|won over|win over|\bally\b|\bfoe\b",
    re.IGNORECASE,
)


class EditionError(RapportError):
    """An edition name that is not one of ours."""


class Edition(StrEnum):
    CUSTOMER = "customer"
    INTERNAL = "internal"

    @property
    def label(self) -> str:
        return f"{self.value.capitalize()} edition"

    @classmethod
    def parse(cls, text: str) -> Edition:
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise EditionError(f"unknown edition {text!r}: choose customer or internal") from None


@dataclass(frozen=True)
class Sharing:
    """Which edition to write, and whether names become roles."""

    edition: Edition = Edition.CUSTOMER
    anonymize: bool = False

    @property
    def internal(self) -> bool:
        return self.edition is Edition.INTERNAL

    @property
    def label(self) -> str:
        return self.edition.label + (" · names replaced by roles" if self.anonymize else "")

    def footer(self, qbr: Qbr) -> str:
        """The line every slide and printed page carries."""
        return f"{qbr.account.name} · QBR {qbr.quarter.title} · {self.label}"


def is_internal(text: str) -> bool:
    return bool(INTERNAL_WORDING.search(text))


def prepare(qbr: Qbr, sharing: Sharing) -> Qbr:
    """The copy of ``qbr`` the edition may show (see the module's docstring)."""
    out = qbr if sharing.internal else _customer(qbr)
    if sharing.anonymize and qbr.briefing is not None:
        out = anonymize(out, dict(qbr.briefing.roles))
    return out


def _safe(items: tuple[T, ...], *texts: Callable[[T], str]) -> tuple[T, ...]:
    return tuple(x for x in items if not any(is_internal(text(x)) for text in texts))


def customer_reasons(qbr: Qbr) -> tuple[str, ...]:
    """Why the health is what it is, in the customer-facing numbers of this QBR."""
    n = qbr.summary.numbers
    reasons: list[str] = []
    headline = next((m for m in qbr.usage.metrics if m.name == n.headline_metric), None)
    if headline is not None and headline.delta is not None:
        reasons.append(f"{headline.name}: {metric_change(headline)} on last quarter")
    if n.wins:
        reasons.append(f"{n.wins} win{'s' if n.wins != 1 else ''} with business impact")
    if n.goals_total:
        reasons.append(f"{n.goals_on_track} of {n.goals_total} success-plan goals on track or done")
    if n.open_sev1_sev2:
        reasons.append(f"{n.open_sev1_sev2} severity-1 or -2 ticket(s) open at quarter end")
    else:
        reasons.append("No severity-1 or -2 tickets open at quarter end")
    if qbr.support.incidents:
        count = len(qbr.support.incidents)
        reasons.append(f"{count} incident{'s' if count != 1 else ''} this quarter")
    return tuple(reasons)


def _levels_only(risks: tuple[RiskRow, ...]) -> tuple[RiskRow, ...]:
    return tuple(dataclasses.replace(r, title="", mitigation="", owner="") for r in risks)


def risk_summary(risks: tuple[RiskRow, ...]) -> str:
    """ "2 open risks (1 high, 1 medium) under review with the account team"; "" if none."""
    open_risks = [r for r in risks if r.status is RiskStatus.OPEN]
    if not open_risks:
        return ""
    levels = Counter(r.level for r in open_risks)
    detail = ", ".join(
        f"{levels[level]} {level.label.lower()}" for level in reversed(RiskLevel) if levels[level]
    )
    n = len(open_risks)
    return f"{n} open risk{'s' if n != 1 else ''} ({detail}) under review with the account team"


def _neutral(p: StakeholderRow) -> StakeholderRow:
    return dataclasses.replace(p, attitude=0, role=DealRole.OTHER, owner="")


def _customer(qbr: Qbr) -> Qbr:
    s = qbr.summary
    health = dataclasses.replace(s.health, reasons=customer_reasons(qbr))
    risks = _levels_only(qbr.risks)
    summary = dataclasses.replace(
        s,
        health=health,
        top_risks=_levels_only(s.top_risks),
        asks=_safe(s.asks, str),
    )
    people = dataclasses.replace(
        qbr.people,
        stakeholders=tuple(_neutral(p) for p in qbr.people.stakeholders),
        changes=tuple(c for c in qbr.people.changes if c.change is not ChangeType.ATTITUDE),
        attitude_now=(0,) * len(qbr.people.attitude_now),
        attitude_before=(0,) * len(qbr.people.attitude_before),
    )
    briefing = qbr.briefing
    if briefing is not None:
        since = briefing.since_last
        briefing = dataclasses.replace(
            briefing,
            objectives=_safe(briefing.objectives, str),
            since_last=dataclasses.replace(
                since,
                completed=_safe(since.completed, lambda a: a.title),
                still_open=_safe(since.still_open, lambda a: a.title),
                new_actions=_safe(since.new_actions, lambda a: a.title),
                risks_raised=_levels_only(since.risks_raised),
                attitude_moves=(),
            ),
        )
    return dataclasses.replace(
        qbr,
        summary=summary,
        people=people,
        goals=_safe(qbr.goals, lambda g: g.title, lambda g: g.target),
        risks=risks,
        actions=_safe(qbr.actions, lambda a: a.title),
        next_quarter=_safe(qbr.next_quarter, lambda p: p.title, lambda p: p.detail),
        briefing=briefing,
    )


def anonymize(qbr: Qbr, roles: dict[str, str]) -> Qbr:
    """Every name in ``roles`` replaced by its role, in every text of the QBR."""
    names = sorted((n for n in roles if n.strip()), key=len, reverse=True)
    if not names:
        return qbr
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")

    def swap(text: str) -> str:
        return pattern.sub(lambda m: roles[m.group(0)], text) if text else text

    result: Qbr = _map_text(qbr, swap)
    if result.briefing is not None:  # the table of names itself must not travel with the copy
        result = dataclasses.replace(
            result, briefing=dataclasses.replace(result.briefing, roles=())
        )
    return result


def _map_text(value: Any, swap: Callable[[str], str]) -> Any:
    if type(value) is str:  # not StrEnum members: they are vocabulary, not names
        return swap(value)
    if isinstance(value, tuple):
        return tuple(_map_text(v, swap) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _map_text(getattr(value, f.name), swap)
            for f in dataclasses.fields(value)
            if f.init and f.name != "roles"
        }
        return dataclasses.replace(value, **changes)
    return value
