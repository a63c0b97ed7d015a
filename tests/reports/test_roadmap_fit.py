"""Roadmap fit as the QBR shows it: each request's row, its weight and credit, the score."""

from __future__ import annotations

import datetime as dt

import pytest

from graph import schema as s
from graph.vocabulary import RoadmapStatus
from reports.model import RequestFit, StatusFit
from reports.roadmap_fit import FORMULA, Requester, fit_score, roadmap_fit

DAY = dt.date(2026, 10, 1)
SHIPPED = s.RoadmapItem(id=1, title="SSO", status=RoadmapStatus.SHIPPED, target_quarter="2026-Q2")
BUILDING = s.RoadmapItem(
    id=2, title="Audit log", status=RoadmapStatus.IN_PROGRESS, target_quarter="2026-Q4"
)
PLANNED = s.RoadmapItem(id=3, title="EU region", status=RoadmapStatus.PLANNED)
DROPPED = s.RoadmapItem(id=4, title="Fax", status=RoadmapStatus.NOT_PLANNED)
ITEMS = {i.id: i for i in (SHIPPED, BUILDING, PLANNED, DROPPED)}
CFO = Requester("Carla Finch", 5)
ENGINEER = Requester("Eli Ng", 2)
REQUESTERS = {10: CFO, 11: ENGINEER}


def request(
    rid: int,
    priority: int,
    requester: int | None = None,
    item: int | None = None,
    days: int = 0,
) -> s.CustomerRequest:
    return s.CustomerRequest(
        id=rid,
        account_id=1,
        title=f"Request {rid}",
        requested_on=DAY + dt.timedelta(days=days),
        priority=priority,
        requester_id=requester,
        roadmap_item_id=item,
    )


def test_each_row_names_the_requester_the_item_and_its_weight() -> None:
    fit = roadmap_fit(
        [request(1, 4, requester=10, item=2), request(2, 1, requester=11, item=1)],
        REQUESTERS,
        ITEMS,
    )
    assert fit.requests == (
        RequestFit(
            request_id=1,
            title="Request 1",
            requested_on=DAY,
            priority=4,
            requester="Carla Finch",
            requester_influence=5,
            roadmap_item="Audit log",
            roadmap_status=RoadmapStatus.IN_PROGRESS,
            target_quarter="2026-Q4",
            weight=20,  # priority 4 x influence 5
            credit=0.75,
        ),
        RequestFit(
            request_id=2,
            title="Request 2",
            requested_on=DAY,
            priority=1,
            requester="Eli Ng",
            requester_influence=2,
            roadmap_item="SSO",
            roadmap_status=RoadmapStatus.SHIPPED,
            target_quarter="2026-Q2",
            weight=2,
            credit=1.0,
        ),
    )
    # (20 x 0.75 + 2 x 1) / 22
    assert fit.score == pytest.approx(100 * 17 / 22)
    assert fit.formula == FORMULA


def test_no_requester_weighs_as_influence_3_and_no_item_earns_nothing() -> None:
    fit = roadmap_fit([request(7, 2)], REQUESTERS, ITEMS)
    assert fit.requests == (
        RequestFit(
            request_id=7,
            title="Request 7",
            requested_on=DAY,
            priority=2,
            requester="",
            requester_influence=3,
            roadmap_item="",
            roadmap_status=None,
            target_quarter="",
            weight=6,
            credit=0.0,
        ),
    )
    assert fit.score == 0.0


def test_a_requester_or_item_no_longer_known_reads_as_none() -> None:
    # a deleted person or roadmap item: the ids point nowhere
    row = roadmap_fit([request(8, 5, requester=99, item=99)], REQUESTERS, ITEMS).requests[0]
    assert (row.requester, row.requester_influence, row.weight) == ("", 3, 15)
    assert (row.roadmap_item, row.roadmap_status, row.credit) == ("", None, 0.0)


@pytest.mark.parametrize(
    ("item", "credit"),
    [(1, 1.0), (2, 0.75), (3, 0.5), (4, 0.0), (None, 0.0)],
)
def test_credit_per_roadmap_status(item: int | None, credit: float) -> None:
    fit = roadmap_fit([request(1, 3, requester=11, item=item)], REQUESTERS, ITEMS)
    assert fit.requests[0].credit == credit
    assert fit.score == pytest.approx(100 * credit)


def test_rows_heaviest_first_then_oldest_then_by_id() -> None:
    requests = [
        request(1, 1, requester=11, days=0),  # weight 2
        request(2, 5, requester=10, days=3),  # weight 25
        request(4, 2, days=2),  # weight 6, newer
        request(3, 2, days=1),  # weight 6, older
        request(6, 3, days=1),  # weight 9
        request(5, 3, days=1),  # weight 9, same day: by id
    ]
    fit = roadmap_fit(requests, REQUESTERS, ITEMS)
    assert [r.request_id for r in fit.requests] == [2, 5, 6, 3, 4, 1]
    assert [r.weight for r in fit.requests] == [25, 9, 9, 6, 6, 2]


def test_the_breakdown_by_status() -> None:
    requests = [
        request(1, 5, requester=10, item=1),  # 25 shipped
        request(2, 1, requester=11, item=1),  # 2 shipped
        request(3, 2, item=2),  # 6 in progress
        request(4, 1, item=4),  # 3 not planned
        request(5, 4, requester=11),  # 8 not mapped
    ]
    fit = roadmap_fit(requests, REQUESTERS, ITEMS)
    assert fit.by_status == (
        StatusFit(RoadmapStatus.SHIPPED, requests=2, weight=27, credit=1.0),
        StatusFit(RoadmapStatus.IN_PROGRESS, requests=1, weight=6, credit=0.75),
        StatusFit(RoadmapStatus.PLANNED, requests=0, weight=0, credit=0.5),
        StatusFit(RoadmapStatus.NOT_PLANNED, requests=1, weight=3, credit=0.0),
        StatusFit(None, requests=1, weight=8, credit=0.0),
    )
    assert fit.score == pytest.approx(100 * (27 + 6 * 0.75) / 44)


def test_no_requests_no_score_and_every_status_empty() -> None:
    fit = roadmap_fit([], REQUESTERS, ITEMS)
    assert fit.score is None and fit.requests == ()
    assert [(b.status, b.requests, b.weight) for b in fit.by_status] == [
        (RoadmapStatus.SHIPPED, 0, 0),
        (RoadmapStatus.IN_PROGRESS, 0, 0),
        (RoadmapStatus.PLANNED, 0, 0),
        (RoadmapStatus.NOT_PLANNED, 0, 0),
        (None, 0, 0),
    ]


def test_the_score_is_100_only_when_everything_shipped() -> None:
    shipped = [request(1, 5, requester=10, item=1), request(2, 1, item=1)]
    assert roadmap_fit(shipped, REQUESTERS, ITEMS).score == 100.0
    one_planned = [*shipped, request(3, 1, requester=11, item=3)]  # weight 2 of 30, half credit
    assert roadmap_fit(one_planned, REQUESTERS, ITEMS).score == pytest.approx(100 * 29 / 30)
    assert fit_score([]) is None


def test_the_lightest_request_alone_still_scores() -> None:
    # priority 1 from an influence-1 requester: a weight of 1
    light = roadmap_fit([request(1, 1, requester=12, item=1)], {12: Requester("Al", 1)}, ITEMS)
    assert (light.requests[0].weight, light.score) == (1, 100.0)
