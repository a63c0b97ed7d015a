"""Content the deck and the workbook share, the editions, and how numbers are said."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from graph import schema as s
from graph.vocabulary import DealRole, InteractionKind
from reports.briefing import with_briefing
from reports.edition import Edition, EditionError, Sharing, is_internal, prepare
from reports.key_people import key_people
from reports.model import ChangeType, Qbr
from reports.qbr import assemble_qbr
from reports.wording import impact_by_unit, impacts_text, metric_change
from tests.reports.conftest import Q3, TODAY, Acme, d


@pytest.fixture
def qbr(acme: Acme) -> Qbr:
    return with_briefing(acme.ws, assemble_qbr(acme.ws, acme.account_id, Q3, TODAY))


def test_since_the_start_of_the_quarter_when_no_qbr_was_logged(qbr: Qbr) -> None:
    assert qbr.briefing is not None
    since = qbr.briefing.since_last
    assert (since.since, since.until) == (d("2026-07-01"), d("2026-09-30"))
    assert since.since_label == "the start of Q3 2026"
    assert [c.name for c in since.joined] == ["Olga Ops"]
    assert [c.name for c in since.left] == ["Lee Leaver"]
    assert [(c.name, c.detail) for c in since.attitude_moves] == [("Dan Detractor", "+0 → -1")]
    assert [r.title for r in since.risks_raised] == ["Budget freeze", "Champion may move on"]
    assert [a.title for a in since.new_actions] == [
        "Send architecture review",
        "Share the usage export",
    ]
    assert since.still_open == () and since.completed == ()
    assert (since.tickets_opened, since.tickets_resolved, since.wins) == (3, 3, 2)


def test_since_the_last_qbr_logged(acme: Acme) -> None:
    acme.ws.log_interaction(
        acme.account_id,
        dt.datetime(2026, 8, 3, 10),
        kind=InteractionKind.QBR,
        people=[acme.people["erin"]],
    )
    qbr = with_briefing(acme.ws, assemble_qbr(acme.ws, acme.account_id, Q3, TODAY))
    assert qbr.briefing is not None
    since = qbr.briefing.since_last
    assert since.since_label == "the QBR of 03 Aug 2026"
    assert [c.name for c in since.joined] == []  # Olga joined on 1 Aug, before it
    assert [a.title for a in since.still_open] == ["Send architecture review"]
    assert [a.title for a in since.new_actions] == ["Share the usage export"]
    assert since.wins == 2 and since.tickets_opened == 1


def test_attendees_objectives_agenda_and_health_trend(qbr: Qbr) -> None:
    b = qbr.briefing
    assert b is not None
    assert {(a.name, a.role) for a in b.ours} == {
        ("Tara TAM", "TAM"),
        ("Alex AE", "Account executive"),
    }
    assert b.theirs[0].name == "Erin Exec" and b.theirs[0].role == "CIO"
    assert "Lee Leaver" not in [a.name for a in b.theirs]  # left the company
    assert b.objectives == ("Roll out to EU: 3 regions",)
    assert b.agenda[0] == "Welcome and introductions"
    assert b.agenda[-1] == "Plan for Q4 2026, owners and asks"
    assert [p.quarter for p in b.health_trend] == list(qbr.quarters)
    assert b.health_trend[-1].score == qbr.summary.health.score


def test_customer_edition_drops_attitudes_roles_owners_and_internal_wording(qbr: Qbr) -> None:
    internal = prepare(qbr, Sharing(Edition.INTERNAL))
    assert internal is qbr
    shown = prepare(qbr, Sharing())
    assert {p.attitude for p in shown.people.stakeholders} == {0}
    assert {p.role for p in shown.people.stakeholders} == {DealRole.OTHER}
    assert {p.owner for p in shown.people.stakeholders} == {""}
    assert ChangeType.ATTITUDE not in {c.change for c in shown.people.changes}
    assert not any(is_internal(r) for r in shown.summary.health.reasons)
    assert any(is_internal(r) for r in qbr.summary.health.reasons)
    assert [r.title for r in qbr.risks] == ["Budget freeze", "Champion may move on"]
    assert [(r.title, r.level.value) for r in shown.risks] == [("", "high"), ("", "medium")]
    assert {r.mitigation for r in shown.risks} == {""}
    assert shown.briefing is not None and shown.briefing.since_last.attitude_moves == ()


def test_anonymized_copy_replaces_every_name(qbr: Qbr) -> None:
    shown = prepare(qbr, Sharing(Edition.INTERNAL, anonymize=True))
    text = repr(shown)
    for name in ("Erin Exec", "Manny Manager", "Tara TAM", "Alex AE", "Olga Ops"):
        assert name not in text
    assert shown.people.stakeholders[0].name == "CIO"
    owners = {g.title: g.owner for g in shown.goals}
    assert owners["Roll out to EU"] == "Management contact 1"  # Manny has no title
    assert shown.summary.health.health is qbr.summary.health.health  # enums untouched


def test_edition_names() -> None:
    assert Edition.parse(" Internal ") is Edition.INTERNAL
    assert Sharing().edition is Edition.CUSTOMER  # the safe default
    with pytest.raises(EditionError, match="customer or internal"):
        Edition.parse("public")


@dataclass
class _Metric:
    unit: str
    current: float | None
    previous: float | None

    @property
    def delta(self) -> float | None:
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous

    @property
    def delta_pct(self) -> float | None:
        return None if self.delta is None or not self.previous else self.delta / self.previous


def test_percentage_metrics_change_in_points() -> None:
    assert metric_change(_Metric("%", 18.8, 12.5)) == "+6.3 pts"
    assert metric_change(_Metric("users", 150, 100)) == "+50%"
    assert metric_change(_Metric("users", 100, 100)) == "no change"
    assert metric_change(_Metric("users", 100, None)) == "no earlier quarter to compare"


@dataclass
class _Win:
    impact_value: float | None
    impact_unit: str


def test_impact_is_summed_per_unit_never_across_units() -> None:
    wins = [
        _Win(1_150_000, "USD saved"),
        _Win(40, "hours saved per month"),
        _Win(20, "hours saved per month"),
        _Win(None, "USD saved"),
    ]
    assert impact_by_unit(wins) == (("hours saved per month", 60.0), ("USD saved", 1_150_000.0))
    assert impacts_text(wins) == "60 hours saved per month · $1.15M saved"


def test_key_people_put_executives_and_buying_roles_first(qbr: Qbr) -> None:
    names = [p.name for p in key_people(qbr.people.stakeholders, 3)]
    assert names == ["Erin Exec", "Manny Manager", "Dan Detractor"]
    assert key_people(qbr.people.stakeholders)[-1].name == "Lee Leaver"  # gone: last


def test_every_record_type_used_is_read(acme: Acme) -> None:
    # a cancelled action created in the span is not "new"
    acme.ws.add(
        s.ActionItem(
            account_id=acme.account_id,
            title="Dropped idea",
            created_on=d("2026-08-01"),
            status="cancelled",
        )
    )
    qbr = with_briefing(acme.ws, assemble_qbr(acme.ws, acme.account_id, Q3, TODAY))
    assert qbr.briefing is not None
    assert "Dropped idea" not in [a.title for a in qbr.briefing.since_last.new_actions]
