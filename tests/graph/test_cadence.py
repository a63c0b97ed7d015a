"""Cadence rules at their boundary days, as a TAM reads them."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.cadence import DEFAULT_CADENCE, Cadence, CadenceStatus, cadence_for
from graph.vocabulary import DealRole, Level

DAY = dt.date(2026, 11, 22)
CHAMPION = Cadence(7, 14)


def ago(days: int) -> dt.date:
    return DAY - dt.timedelta(days=days)


@pytest.mark.parametrize(
    ("days", "status"),
    [
        (0, CadenceStatus.OK),
        (7, CadenceStatus.OK),  # the ideal day itself is still on track
        (8, CadenceStatus.DUE),
        (14, CadenceStatus.DUE),  # the maximum day itself is due, not overdue
        (15, CadenceStatus.OVERDUE),
    ],
)
def test_last_contact_boundaries(days: int, status: CadenceStatus) -> None:
    assert CHAMPION.status(ago(days), DAY) is status


def test_never_contacted_with_no_known_start_is_overdue() -> None:
    assert CHAMPION.status(None, DAY) is CadenceStatus.OVERDUE


@pytest.mark.parametrize(
    ("days_since_arrival", "status"),
    [
        (0, CadenceStatus.NEW),  # added today: never overdue on day one
        (7, CadenceStatus.NEW),  # the whole first interval
        (8, CadenceStatus.DUE),
        (14, CadenceStatus.DUE),
        (15, CadenceStatus.OVERDUE),
    ],
)
def test_a_new_person_is_new_for_one_interval(
    days_since_arrival: int, status: CadenceStatus
) -> None:
    assert CHAMPION.status(None, DAY, known_since=ago(days_since_arrival)) is status


def test_a_contacted_newcomer_follows_the_last_contact() -> None:
    assert CHAMPION.status(ago(1), DAY, known_since=ago(2)) is CadenceStatus.OK
    assert CHAMPION.status(ago(9), DAY, known_since=ago(10)) is CadenceStatus.DUE


def test_cadence_per_role_level_and_own_interval() -> None:
    assert cadence_for(DealRole.CHAMPION, Level.OPERATIONS, None) == Cadence(7, 14)
    # "other" is paced by the level when the workspace has no default for it
    assert cadence_for(DealRole.OTHER, Level.EXECUTIVE, None, {}) == Cadence(90, 120)
    assert cadence_for(DealRole.OTHER, Level.MANAGEMENT, None, DEFAULT_CADENCE) == Cadence(30, 60)
    # an own ideal interval scales the maximum with the role's ratio (7/14 -> 10/20)
    assert cadence_for(DealRole.CHAMPION, Level.OPERATIONS, 10) == Cadence(10, 20)
    assert cadence_for(DealRole.ECONOMIC_BUYER, Level.EXECUTIVE, 30) == Cadence(30, 40)
