"""Fixtures the graph tests share."""

from __future__ import annotations

import pytest

from graph import signals as signals_mod


@pytest.fixture
def centrality_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The account ids ``graph.signals`` computes an influence centrality for, in order."""
    calls: list[int] = []
    real = signals_mod._centrality

    def counted(snap: signals_mod.AccountFactsOnDay) -> dict[str, float]:
        calls.append(snap.account.id)
        return real(snap)

    monkeypatch.setattr(signals_mod, "_centrality", counted)
    return calls
