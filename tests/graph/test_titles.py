"""Level and deal role suggested from job titles, in English and the common European languages."""

from __future__ import annotations

import pytest

from graph.titles import suggest
from graph.vocabulary import DealRole, Level

E, M, OP = Level.EXECUTIVE, Level.MANAGEMENT, Level.OPERATIONS
BUYER, TECH, OPS, USER = (
    DealRole.ECONOMIC_BUYER,
    DealRole.TECHNICAL_BUYER,
    DealRole.OPERATIONS_OWNER,
    DealRole.PRIMARY_USER,
)


@pytest.mark.parametrize(
    ("title", "level", "role"),
    [
        # English
        ("Chief Information Security Officer", E, TECH),
        ("VP Infrastructure", E, TECH),
        ("SVP Engineering", E, TECH),
        ("Vice President, Sales", E, None),
        ("CEO", E, BUYER),
        ("CFO", E, BUYER),
        ("Head of Finance", M, BUYER),
        ("Head of Platform Operations", M, OPS),
        ("IT Operations Manager", M, OPS),
        ("Director of Engineering", M, TECH),
        ("Product Owner", M, None),
        ("Procurement Lead", M, BUYER),
        ("Senior Software Engineer", OP, USER),
        ("Data Analyst", OP, USER),
        ("Site Reliability Engineer", OP, OPS),
        ("Enterprise Architect", OP, TECH),
        # German
        ("Geschäftsführerin", E, BUYER),
        ("Leiter IT", M, TECH),
        ("Abteilungsleiter Einkauf", M, BUYER),
        ("Systemingenieur", OP, USER),
        # French
        ("Directeur financier", E, BUYER),
        ("Directrice des systèmes d'information", E, TECH),
        ("Responsable infrastructure", M, TECH),
        ("Chef de projet", M, None),
        ("Ingénieur systèmes", OP, USER),
        # Spanish, Portuguese, Italian
        ("Director de Tecnología", M, TECH),
        ("Jefe de Sistemas", M, TECH),
        ("Gerente de TI", M, TECH),
        ("Diretor Financeiro", M, BUYER),
        ("Administrador de sistemas", OP, USER),
        ("Direttore Generale", E, BUYER),
        ("Responsabile IT", M, TECH),
        ("Sviluppatore Java", OP, USER),
        # Dutch, Nordic
        ("Hoofd ICT", M, TECH),
        ("Teamleider Beheer", M, OPS),
        ("Verkställande direktör", E, BUYER),
        ("Driftschef", M, OPS),
        ("IT-päällikkö", M, TECH),
        ("Systemutvecklare", OP, USER),
        # nothing to go on
        ("", None, None),
        ("Kitchen Porter", None, None),
    ],
)
def test_suggestions(title: str, level: Level | None, role: DealRole | None) -> None:
    got = suggest(title)
    assert (got.level, got.role) == (level, role)
    assert got.empty is (level is None and role is None)


def test_offer_only_what_differs_from_the_person() -> None:
    from graph.titles import describe, offer

    assert offer("VP Infrastructure", Level.OPERATIONS, DealRole.OTHER) == suggest(
        "VP Infrastructure"
    )
    only_role = offer("Chief Information Security Officer", E, BUYER)
    assert only_role is not None and describe(only_role) == "Role Technical buyer"
    assert offer("Chief Information Security Officer", E, TECH) is None
    assert offer("Kitchen Porter", OP, DealRole.OTHER) is None
    assert describe(suggest("Leiter IT")) == "Level Management · Role Technical buyer"
