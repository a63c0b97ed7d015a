"""Editions of the QBR: *internal* for the account team, *customer* safe to hand over.

``edition_copy(qbr, sharing)`` gives the copy of a QBR that an edition may show, with the lines
of the export log saying what the customer edition withheld; ``prepare`` gives the copy alone.
The deck and the workbook are written from that copy, so they cannot leak what they were
never given. The customer edition follows two rules:

1. Internal-only fields are never exported: attitudes and their moves, deal roles, influence
   (the roadmap fit's formula says "how senior"), our coverage (owners), the rules' health
   reasons (they name detractors and coverage gaps), the risk register's titles, mitigations
   and owners (its levels only: ``title`` is ""), and an account phase of "At risk"
   (``phase_label``). Notes of every kind (people, accounts, relationships, coverage,
   requests) and interaction summaries never enter a QBR at all.
2. Free text the customer would read is scanned against the team's own vocabulary
   (``reports.wording.internal_terms``: the political deal roles, the attitude scale, allies,
   coverage and competition words), people's names aside (a Ms Champion is no label). A text
   that says one of them is withheld: a plan line (goal, action, next-quarter line, ask,
   objective) is left out whole; a counted record (win, incident, ticket, roadmap request) keeps
   its numbers, its title shown as a plain stand-in ("Win of 14 Aug 2026") and its description
   left blank; the account's industry or segment is left blank. Each withholding is one line of
   ``EditionCopy.withheld``, which the export shows, so the team can reword and export again.

People's job titles and departments are the customer's own words and are shown as they are.
``anonymize``: every person's and team member's name, wherever it appears (tables, owners,
sentences), becomes their role: a job title ("Head of Finance", numbered when shared) or our
team role ("Our TAM").
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from graph.errors import RapportError
from graph.vocabulary import DealRole, GoalStatus, Phase, RiskLevel, RiskStatus
from reports.model import (
    AccountFacts,
    ChangeType,
    GoalRow,
    IncidentRow,
    KeyNumbers,
    Qbr,
    RequestFit,
    RiskRow,
    StakeholderRow,
    TicketRow,
    WinRow,
)
from reports.wording import internal_word, metric_change

T = TypeVar("T")

# The roadmap fit's formula as the customer reads it: requesters' influence is our rating.
CUSTOMER_FIT_FORMULA = (
    "Fit score = 100 × Σ(weight × credit) / Σ(weight), where each request is weighted by its "
    "priority and by how senior its requester is, and credit = 1 shipped, 0.75 in progress, "
    "0.5 planned, 0 not planned or not on the roadmap."
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


@dataclass(frozen=True)
class EditionCopy:
    """What an edition may show, and what the customer edition withheld (the export log)."""

    qbr: Qbr
    withheld: tuple[str, ...] = ()


def edition_copy(qbr: Qbr, sharing: Sharing) -> EditionCopy:
    """The copy of ``qbr`` the edition may show (see the module's docstring)."""
    copy = EditionCopy(qbr) if sharing.internal else _customer(qbr)
    if sharing.anonymize and qbr.briefing is not None:
        copy = dataclasses.replace(copy, qbr=anonymize(copy.qbr, dict(qbr.briefing.roles)))
    return copy


def prepare(qbr: Qbr, sharing: Sharing) -> Qbr:
    return edition_copy(qbr, sharing).qbr


def withheld(qbr: Qbr, sharing: Sharing) -> tuple[str, ...]:
    """The export log's lines: what the edition of ``qbr`` leaves out, and why."""
    return edition_copy(qbr, sharing).withheld


def phase_label(phase: Phase, internal: bool) -> str:
    """The phase as the edition says it: "At risk" is our assessment, not the customer's."""
    return "" if phase is Phase.AT_RISK and not internal else phase.label


def is_internal(text: str) -> bool:
    """Whether ``text`` says a word of the team's own vocabulary (``reports.wording``)."""
    return internal_word(text) is not None


def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``names`` as a whole word, the first that fits at a place winning."""
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")


class _Screen:
    """Scans free text for internal wording, people's names aside, and logs what it withholds."""

    def __init__(self, names: Iterable[str]) -> None:
        # longest first: "Ana Lima-Costa" is removed whole, not as "Ana Lima" and a rest
        self._names = tuple(sorted({n for n in names if n.strip()}, key=len, reverse=True))
        self._log: dict[str, None] = {}  # in order, each line once (a win is listed twice)
        self._subjects: list[str] = []

    @property
    def log(self) -> tuple[str, ...]:
        return tuple(self._log)

    def says(self, text: str) -> str | None:
        if not text:
            return None
        # Only the names the text holds: the same matches as all of them, without compiling a
        # big account's 2,000 names into one pattern (a tenth of a second).
        present = tuple(name for name in self._names if name in text)
        if present:
            text = _names_pattern(present).sub(" ", text)
        return internal_word(text)

    def lines(self, items: tuple[T, ...], kind: str, *texts: Callable[[T], str]) -> tuple[T, ...]:
        """Plan lines: one whose ``texts`` say internal wording is left out whole."""
        kept: list[T] = []
        for item in items:
            word = next((w for text in texts if (w := self.says(text(item)))), None)
            subject = texts[0](item)
            if word is None:
                kept.append(item)
            elif not any(subject.startswith(seen) for seen in self._subjects):
                # an action is also a plan line and an ask ("... by 20 Oct"): said once
                self._subjects.append(subject)
                self._note(f"left out the {kind} “{subject}”: it says “{word}”.")
        return tuple(kept)

    def text(self, text: str, what: str) -> str:
        """A secondary text (a description, an impact, a segment): blank if internal."""
        word = self.says(text)
        if word is None:
            return text
        self._note(f"withheld the {what}: it says “{word}”.")
        return ""

    def title(self, title: str, stand_in: str, what: str) -> str:
        """A counted record's title: its stand-in if internal (the record and its numbers stay)."""
        word = self.says(title)
        if word is None:
            return title
        self._note(f"showed the {what} “{title}” as “{stand_in}”: it says “{word}”.")
        return stand_in

    def _note(self, line: str) -> None:
        self._log[f"Customer edition: {line}"] = None

    # --- counted records ------------------------------------------------------------------

    def win(self, w: WinRow) -> WinRow:
        title = self.title(w.title, f"Win of {w.won_on:%d %b %Y}", "win")
        description = self.text(w.impact_description, f"description of the win “{title}”")
        return dataclasses.replace(w, title=title, impact_description=description)

    def incident(self, i: IncidentRow) -> IncidentRow:
        stand_in = f"{i.severity.label} incident of {i.occurred_on:%d %b %Y}"
        title = self.title(i.title, stand_in, "incident")
        impact = self.text(i.business_impact, f"business impact of the incident “{title}”")
        return dataclasses.replace(i, title=title, business_impact=impact)

    def ticket(self, t: TicketRow) -> TicketRow:
        stand_in = f"Ticket {t.reference}" if t.reference else f"Ticket of {t.opened_on:%d %b %Y}"
        return dataclasses.replace(t, title=self.title(t.title, stand_in, "ticket"))

    def request(self, r: RequestFit) -> RequestFit:
        title = self.title(r.title, f"Request of {r.requested_on:%d %b %Y}", "roadmap request")
        item = self.text(r.roadmap_item, f"roadmap item answering “{title}”")
        return dataclasses.replace(r, title=title, roadmap_item=item)

    def account(self, a: AccountFacts) -> AccountFacts:
        industry = self.text(a.industry, "industry")
        return dataclasses.replace(a, industry=industry, segment=self.text(a.segment, "segment"))


def _names(qbr: Qbr) -> list[str]:
    """Everyone a text may name: the account's people, our team, champions and requesters."""
    names = [p.name for p in qbr.people.stakeholders]
    names += [*qbr.account.team, *(w.champion for w in qbr.wins.this_quarter)]
    names += [r.requester for r in qbr.roadmap.requests]
    if qbr.briefing is not None:
        names += [name for name, _ in qbr.briefing.roles]
    return names


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


def _customer(qbr: Qbr) -> EditionCopy:
    screen = _Screen(_names(qbr))
    wins: dict[WinRow, WinRow] = {}

    def win(w: WinRow) -> WinRow:  # the headline wins are this quarter's: screened once
        if w not in wins:
            wins[w] = screen.win(w)
        return wins[w]

    actions = screen.lines(qbr.actions, "action", lambda a: a.title)
    goals = screen.lines(qbr.goals, "success-plan goal", lambda g: g.title, lambda g: g.target)
    next_quarter = screen.lines(
        qbr.next_quarter, "plan line", lambda p: p.title, lambda p: p.detail
    )
    s = qbr.summary
    summary = dataclasses.replace(
        s,
        numbers=_recounted(s.numbers, goals),
        headline_wins=tuple(win(w) for w in s.headline_wins),
        top_risks=_levels_only(s.top_risks),
        asks=screen.lines(s.asks, "ask", str),
    )
    people = dataclasses.replace(
        qbr.people,
        stakeholders=tuple(_neutral(p) for p in qbr.people.stakeholders),
        changes=tuple(c for c in qbr.people.changes if c.change is not ChangeType.ATTITUDE),
        attitude_now=(0,) * len(qbr.people.attitude_now),
        attitude_before=(0,) * len(qbr.people.attitude_before),
    )
    support = dataclasses.replace(
        qbr.support,
        tickets=tuple(screen.ticket(t) for t in qbr.support.tickets),
        incidents=tuple(screen.incident(i) for i in qbr.support.incidents),
    )
    roadmap = dataclasses.replace(
        qbr.roadmap,
        requests=tuple(screen.request(r) for r in qbr.roadmap.requests),
        formula=CUSTOMER_FIT_FORMULA,
    )
    briefing = qbr.briefing
    if briefing is not None:
        since = briefing.since_last
        briefing = dataclasses.replace(
            briefing,
            objectives=screen.lines(briefing.objectives, "objective", str),
            since_last=dataclasses.replace(
                since,
                completed=screen.lines(since.completed, "action", lambda a: a.title),
                still_open=screen.lines(since.still_open, "action", lambda a: a.title),
                new_actions=screen.lines(since.new_actions, "action", lambda a: a.title),
                risks_raised=_levels_only(since.risks_raised),
                attitude_moves=(),
            ),
        )
    shown = dataclasses.replace(
        qbr,
        account=screen.account(qbr.account),
        summary=summary,
        people=people,
        wins=dataclasses.replace(qbr.wins, this_quarter=tuple(map(win, qbr.wins.this_quarter))),
        support=support,
        roadmap=roadmap,
        goals=goals,
        risks=_levels_only(qbr.risks),
        actions=actions,
        next_quarter=next_quarter,
        briefing=briefing,
    )
    # the reasons count from the copy: a goal left out is not "2 of 3" on the customer's page
    health = dataclasses.replace(s.health, reasons=customer_reasons(shown))
    shown = dataclasses.replace(shown, summary=dataclasses.replace(summary, health=health))
    return EditionCopy(shown, screen.log)


def _recounted(numbers: KeyNumbers, goals: tuple[GoalRow, ...]) -> KeyNumbers:
    """The key numbers counted over the lines the edition kept (wins are all kept)."""
    done = (GoalStatus.ON_TRACK, GoalStatus.DONE)
    return dataclasses.replace(
        numbers,
        goals_on_track=sum(1 for g in goals if g.status in done),
        goals_total=len(goals),
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
