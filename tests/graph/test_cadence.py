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


@pytest.mark.parametrize(
    ("level", "cadence"),
    [
        # the workspace's "other" default (60/90) unless the level asks for more often
        (Level.EXECUTIVE, Cadence(60, 90)),
        (Level.MANAGEMENT, Cadence(30, 60)),
        (Level.OPERATIONS, Cadence(30, 60)),
    ],
)
def test_other_takes_the_tighter_of_its_default_and_its_level(
    level: Level, cadence: Cadence
) -> None:
    assert cadence_for(DealRole.OTHER, level, None) == cadence


def test_each_bound_of_other_is_tightened_on_its_own() -> None:
    # ideal from the workspace default (20 < 30), maximum from the level (60 < 100)
    defaults = {DealRole.OTHER: (20, 100)}
    assert cadence_for(DealRole.OTHER, Level.MANAGEMENT, None, defaults) == Cadence(20, 60)
    # ideal from the level (90 < 100), maximum from the workspace default (110 < 120)
    defaults = {DealRole.OTHER: (100, 110)}
    assert cadence_for(DealRole.OTHER, Level.EXECUTIVE, None, defaults) == Cadence(90, 110)
    # with no workspace default for "other", the level alone
    assert cadence_for(DealRole.OTHER, Level.OPERATIONS, None, {}) == Cadence(30, 60)


def test_workspace_defaults_win_and_missing_roles_fall_back() -> None:
    edited = {DealRole.CHAMPION: (5, 9)}
    assert cadence_for(DealRole.CHAMPION, Level.MANAGEMENT, None, edited) == Cadence(5, 9)
    # a role the workspace does not list keeps the built-in default, whatever the level
    assert cadence_for(DealRole.BLOCKER, Level.EXECUTIVE, None, edited) == Cadence(30, 45)
    assert cadence_for(DealRole.ECONOMIC_BUYER, Level.OPERATIONS, None, {}) == Cadence(90, 120)


@pytest.mark.parametrize(
    ("role", "own", "cadence"),
    [
        (DealRole.CHAMPION, 10, Cadence(10, 20)),  # 7/14: twice the ideal
        (DealRole.CHAMPION, 1, Cadence(1, 2)),
        (DealRole.ECONOMIC_BUYER, 30, Cadence(30, 40)),  # 90/120: 4/3 of the ideal
        (DealRole.BLOCKER, 13, Cadence(13, 20)),  # 30/45: 19.5 rounds to 20
        (DealRole.BLOCKER, 9, Cadence(9, 14)),  # 13.5 rounds to 14 (to even)
        (DealRole.TECHNICAL_BUYER, 7, Cadence(7, 15)),  # 14/30: 15
        (DealRole.INFLUENCER, 100, Cadence(100, 200)),  # longer than the role's: scaled too
    ],
)
def test_an_own_ideal_scales_the_maximum_with_the_role(
    role: DealRole, own: int, cadence: Cadence
) -> None:
    assert cadence_for(role, Level.MANAGEMENT, own) == cadence


def test_an_own_ideal_on_other_scales_the_tightened_default() -> None:
    # management "other": 30/60, so 45 -> 90
    assert cadence_for(DealRole.OTHER, Level.MANAGEMENT, 45) == Cadence(45, 90)
    assert cadence_for(DealRole.OTHER, Level.EXECUTIVE, 30, {}) == Cadence(30, 40)


def test_the_maximum_never_falls_below_an_own_ideal() -> None:
    # a workspace default entered upside down (maximum under the ideal)
    upside_down = {DealRole.CHAMPION: (10, 5)}
    assert cadence_for(DealRole.CHAMPION, Level.MANAGEMENT, 4, upside_down) == Cadence(4, 4)


def test_an_own_ideal_moves_the_boundaries_a_user_sees() -> None:
    # a champion asking for contact every 3 days: due on day 4, overdue on day 7
    own = cadence_for(DealRole.CHAMPION, Level.OPERATIONS, 3)
    assert own == Cadence(3, 6)
    assert [own.status(ago(d), DAY) for d in (3, 4, 6, 7)] == [
        CadenceStatus.OK,
        CadenceStatus.DUE,
        CadenceStatus.DUE,
        CadenceStatus.OVERDUE,
    ]


def test_an_arrival_with_a_contact_since_follows_the_contact() -> None:
    # arrived 30 days ago (past the first interval), met 3 days ago: on track, not new
    assert CHAMPION.status(ago(3), DAY, known_since=ago(30)) is CadenceStatus.OK
    # met today on their first day: on track, not new
    assert CHAMPION.status(DAY, DAY, known_since=DAY) is CadenceStatus.OK
    # never met, arrived long ago: the arrival counts as the last contact
    assert CHAMPION.status(None, DAY, known_since=ago(400)) is CadenceStatus.OVERDUE


def test_a_wider_cadence_keeps_the_same_rule() -> None:
    executive = Cadence(90, 120)
    assert [executive.status(ago(d), DAY) for d in (90, 91, 120, 121)] == [
        CadenceStatus.OK,
        CadenceStatus.DUE,
        CadenceStatus.DUE,
        CadenceStatus.OVERDUE,
    ]
    assert [executive.status(None, DAY, known_since=ago(d)) for d in (90, 91, 121)] == [
        CadenceStatus.NEW,
        CadenceStatus.DUE,
        CadenceStatus.OVERDUE,
    ]
