"""How values read everywhere: the attitude scale's names and money at a glance."""

from __future__ import annotations

import pytest

from graph.labels import ATTITUDE_LABELS, ATTITUDES, short_amount


def test_the_attitude_scale_runs_from_strong_opponent_to_strong_supporter() -> None:
    assert ATTITUDES == (-2, -1, 0, 1, 2)
    assert [ATTITUDE_LABELS[a] for a in ATTITUDES] == [
        "Strong opponent",
        "Opponent",
        "Neutral",
        "Supporter",
        "Strong supporter",
    ]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0"),
        (999, "999"),
        (999.6, "1000"),
        (1_000, "1k"),
        (48_400, "48k"),
        (999_999, "1000k"),
        (1_000_000, "1.0M"),
        (1_250_001, "1.3M"),
        (12_000_000, "12.0M"),
    ],
)
def test_short_amount_switches_unit_at_a_thousand_and_a_million(value: float, text: str) -> None:
    assert short_amount(value) == text
