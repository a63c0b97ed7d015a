"""The customer edition's rule: internal-only fields never exported; free text in the team's own
words withheld (plan lines left out, counted records kept with a plain title), each in the log."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

import pytest

from graph import schema as s
from graph.signals import ContactCoverage
from graph.vocabulary import ActionStatus, DealRole, Phase, RelationKind, Severity
from reports.briefing import with_briefing
from reports.edition import Edition, Sharing, edition_copy, phase_label, prepare
from reports.model import Qbr
from reports.qbr import assemble_qbr
from reports.stakeholders import ATTITUDE_LABELS
from reports.wording import TEAM_WORDS, internal_pattern, internal_terms, internal_word
from tests.reports.conftest import Q3, TODAY, Acme, d


def strings(value: Any) -> Iterator[str]:
    """Every text a QBR value holds, wherever it sits (enums are vocabulary: their labels)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from strings(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from strings(getattr(value, f.name))


def _said(qbr: Qbr) -> list[str]:
    """The internal words a QBR copy says, its people's names aside."""
    names = sorted({name for name, _ in qbr.briefing.roles} if qbr.briefing else set(), key=len)
    found = []
    for text in strings(qbr):
        for name in reversed(names):
            text = text.replace(name, " ")
        found += [m.group(0) for m in internal_pattern().finditer(text)]
    return found


def test_the_vocabulary_comes_from_the_closed_lists() -> None:
    terms = internal_terms()
    for role in DealRole:
        political = role not in (
            DealRole.PRIMARY_USER,
            DealRole.SECONDARY_USER,
            DealRole.OPERATIONS_OWNER,
            DealRole.OTHER,
        )
        assert (role.label.lower() in terms) is political, role
    for value, label in ATTITUDE_LABELS.items():
        assert (label.lower() in terms) is (value != 0), label
    assert RelationKind.ALLY.label.lower() in terms
    assert ContactCoverage.NO_CONTACT.label.lower() in terms
    assert set(TEAM_WORDS) <= set(terms)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Build Chris Baker as the new champion", "champion"),
        ("Two Strong Supporters in finance", "Strong Supporters"),
        ("Release blockers fixed", "blockers"),
        ("Key-person dependency on Elena", "Key-person"),
        ("cited in the competitor evaluation", "competitor"),
        ("Become their trusted advisor", "trusted advisor"),
        ("Hosts covered", None),  # a usage unit, not our coverage
        ("Three single points of failure removed", None),
        ("Coaching sessions for the SRE team", None),
        ("Self-hosted deployment option", None),  # the customer's own request
        ("Supportive of the rollout", None),
    ],
)
def test_whole_words_any_case(text: str, word: str | None) -> None:
    assert internal_word(text) == word


def test_phase_at_risk_is_ours() -> None:
    assert phase_label(Phase.AT_RISK, internal=False) == ""
    assert phase_label(Phase.AT_RISK, internal=True) == "At risk"
    assert phase_label(Phase.RENEWAL, internal=False) == "Renewal"


def _plant(acme: Acme) -> None:
    """What a TAM types in the team's own words, on records the Q3 QBR shows."""
    ws, a = acme.ws, acme.account_id
    ws.update(s.Account, a, segment="Competitive displacement")
    ws.add(
        s.Win(
            account_id=a,
            won_on=d("2026-09-02"),
            title="Champion dinner paid off: checkout fixed",
            impact_value=12_000.0,
            impact_unit="EUR saved",
            impact_description="Dan Detractor is now a supporter",
        )
    )
    ws.add(
        s.Incident(
            account_id=a,
            occurred_on=d("2026-09-05"),
            title="Outage the competitor keeps citing",
            severity=Severity.SEV2,
            duration_minutes=20,
            business_impact="Checkout down for 20 minutes",
        )
    )
    ws.add(
        s.Ticket(
            account_id=a,
            reference="ACME-9",
            title="Blocker: agent crash on the tills",
            severity=Severity.SEV3,
            opened_on=d("2026-09-06"),
        )
    )
    ws.add(
        s.CustomerRequest(
            account_id=a,
            title="Cost dashboards, to win over the CFO",
            requested_on=d("2026-09-07"),
            priority=3,
        )
    )
    ws.add(
        s.Goal(
            account_id=a,
            title="Keep finance on side",
            target="The influential CFO signs the renewal",
            due_on=d("2026-11-30"),
        )
    )
    for title in ("Send Dan Detractor the runbook", "Coffee with our coach in finance"):
        ws.add(
            s.ActionItem(
                account_id=a,
                title=title,
                due_on=d("2026-10-20"),
                status=ActionStatus.OPEN,
                created_on=d("2026-09-10"),
            )
        )


@pytest.fixture
def planted(acme: Acme) -> Qbr:
    _plant(acme)
    return with_briefing(acme.ws, assemble_qbr(acme.ws, acme.account_id, Q3, TODAY))


def test_the_internal_edition_keeps_everything(planted: Qbr) -> None:
    copy = edition_copy(planted, Sharing(Edition.INTERNAL))
    assert copy.qbr is planted and copy.withheld == ()
    assert _said(planted), "the planted words are there to be withheld"


def test_the_customer_edition_withholds_what_says_internal_words(planted: Qbr) -> None:
    copy = edition_copy(planted, Sharing(Edition.CUSTOMER))
    shown = copy.qbr
    assert _said(shown) == []
    # Counted records keep their numbers, under a plain title.
    assert len(shown.wins.this_quarter) == len(planted.wins.this_quarter)
    win = next(w for w in shown.wins.this_quarter if w.won_on == d("2026-09-02"))
    assert (win.title, win.impact_value, win.impact_description) == (
        "Win of 02 Sep 2026",
        12_000,
        "",
    )
    assert [i.title for i in shown.support.incidents if i.occurred_on == d("2026-09-05")] == [
        "SEV2 incident of 05 Sep 2026"
    ]
    assert len(shown.support.incidents) == len(planted.support.incidents)
    assert "Ticket ACME-9" in [t.title for t in shown.support.tickets]
    assert "Request of 07 Sep 2026" in [r.title for r in shown.roadmap.requests]
    assert shown.roadmap.score == planted.roadmap.score
    # Plan lines are left out whole; a person's name is no label.
    titles = [a.title for a in shown.actions]
    assert "Send Dan Detractor the runbook" in titles
    assert "Coffee with our coach in finance" not in titles
    assert "Keep finance on side" not in [g.title for g in shown.goals]
    assert shown.account.segment == "" and shown.account.industry == "Retail"
    assert copy.withheld == (
        "Customer edition: left out the action “Coffee with our coach in finance”: "
        "it says “coach”.",
        "Customer edition: left out the success-plan goal “Keep finance on side”: "
        "it says “influential”.",
        "Customer edition: showed the win “Champion dinner paid off: checkout fixed” as "
        "“Win of 02 Sep 2026”: it says “Champion”.",
        "Customer edition: withheld the description of the win “Win of 02 Sep 2026”: "
        "it says “supporter”.",
        # the ask quotes the request
        "Customer edition: left out the ask “Confirm priorities for requests not yet planned, "
        "starting with “Cost dashboards, to win over the CFO””: it says “win over”.",
        "Customer edition: showed the ticket “Blocker: agent crash on the tills” as "
        "“Ticket ACME-9”: it says “Blocker”.",
        "Customer edition: showed the incident “Outage the competitor keeps citing” as "
        "“SEV2 incident of 05 Sep 2026”: it says “competitor”.",
        "Customer edition: showed the roadmap request “Cost dashboards, to win over the CFO” "
        "as “Request of 07 Sep 2026”: it says “win over”.",
        "Customer edition: withheld the segment: it says “Competitive”.",
    )


def test_internal_only_fields_never_reach_the_customer(planted: Qbr) -> None:
    shown = prepare(planted, Sharing())
    assert {p.attitude for p in shown.people.stakeholders} == {0}
    assert {p.role for p in shown.people.stakeholders} == {DealRole.OTHER}
    assert {p.owner for p in shown.people.stakeholders} == {""}
    assert all(r.title == r.mitigation == r.owner == "" for r in shown.risks)
    assert shown.briefing is not None and shown.briefing.since_last.attitude_moves == ()
    assert not re.search("detractor", " ".join(shown.summary.health.reasons), re.IGNORECASE)


def test_names_become_roles_after_the_screen(planted: Qbr) -> None:
    shown = prepare(planted, Sharing(anonymize=True))
    everything = "\n".join(strings(shown))
    assert "Dan Detractor" not in everything and "Tara TAM" not in everything
    assert "Our TAM" in everything
