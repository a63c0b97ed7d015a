"""Roadmap fit: how well our product roadmap answers what this customer asked for.

For each request the customer made up to the end of the quarter::

    weight = priority (1-5) × requester influence (1-5; 3 when nobody is named)
    credit = 1.0 shipped, 0.75 in progress, 0.5 planned, 0.0 not planned or not on the roadmap

    fit score = 100 × Σ(weight × credit) / Σ(weight)

So a blocking request (priority 5) from an executive with influence 5 weighs 25 times a
nice-to-have from a low-influence user, and the score is 100 only when every request has shipped.
An account without requests has no score (``None``), not a perfect one. Roadmap status is the
item's current status (the roadmap keeps no history).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from graph import schema as s
from graph.vocabulary import RoadmapStatus
from reports.model import RequestFit, RoadmapFit, StatusFit

FORMULA = (
    "Fit score = 100 × Σ(weight × credit) / Σ(weight), where weight = request priority (1-5) × "
    "requester influence (1-5, 3 when no requester) and credit = 1 shipped, 0.75 in progress, "
    "0.5 planned, 0 not planned or not on the roadmap."
)

CREDIT: dict[RoadmapStatus | None, float] = {
    RoadmapStatus.SHIPPED: 1.0,
    RoadmapStatus.IN_PROGRESS: 0.75,
    RoadmapStatus.PLANNED: 0.5,
    RoadmapStatus.NOT_PLANNED: 0.0,
    None: 0.0,
}
DEFAULT_INFLUENCE = 3
_ORDER: tuple[RoadmapStatus | None, ...] = (*RoadmapStatus, None)


@dataclass(frozen=True)
class Requester:
    name: str
    influence: int


def request_fit(
    request: s.CustomerRequest,
    requester: Requester | None,
    item: s.RoadmapItem | None,
) -> RequestFit:
    influence = requester.influence if requester is not None else DEFAULT_INFLUENCE
    status = item.status if item is not None else None
    return RequestFit(
        request_id=request.id,
        title=request.title,
        requested_on=request.requested_on,
        priority=request.priority,
        requester=requester.name if requester is not None else "",
        requester_influence=influence,
        roadmap_item=item.title if item is not None else "",
        roadmap_status=status,
        target_quarter=item.target_quarter if item is not None else "",
        weight=request.priority * influence,
        credit=CREDIT[status],
    )


def fit_score(requests: Iterable[RequestFit]) -> float | None:
    """100 × Σ(weight × credit) / Σ(weight), or None without requests."""
    rows = list(requests)
    total = sum(r.weight for r in rows)
    if total == 0:
        return None
    return 100.0 * sum(r.weight * r.credit for r in rows) / total


def roadmap_fit(
    requests: Iterable[s.CustomerRequest],
    requesters: Mapping[int, Requester],
    items: Mapping[int, s.RoadmapItem],
) -> RoadmapFit:
    """Score the requests, heaviest first, with a breakdown by roadmap status."""
    rows = [
        request_fit(
            r,
            requesters.get(r.requester_id) if r.requester_id is not None else None,
            items.get(r.roadmap_item_id) if r.roadmap_item_id is not None else None,
        )
        for r in requests
    ]
    rows.sort(key=lambda r: (-r.weight, r.requested_on, r.request_id))
    by_status = tuple(
        StatusFit(
            status=status,
            requests=sum(1 for r in rows if r.roadmap_status == status),
            weight=sum(r.weight for r in rows if r.roadmap_status == status),
            credit=CREDIT[status],
        )
        for status in _ORDER
    )
    return RoadmapFit(fit_score(rows), tuple(rows), by_status, FORMULA)
