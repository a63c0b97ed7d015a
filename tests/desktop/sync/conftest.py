"""The team's throwaway PostgreSQL cluster and published portfolio (tests/graph/team)."""

from tests.graph.team.conftest import cluster, portfolio, published  # noqa: F401
