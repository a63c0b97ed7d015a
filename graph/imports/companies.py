"""Which contacts of a multi-company export belong to the account being imported.

A Salesforce "All contacts" report or a phone's vCard export lists people of many companies.
If the file names one company (or none), every contact is imported into the chosen account. If it
names several, only the contacts of the company named like the account are imported ("ACME
Corp." = "Acme Corporation"), or of the company the user chose; the others are skipped and
counted. Contacts with no company are kept.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from graph.imports.values import strip_accents

_LEGAL_FORMS = frozenset(
    {
        *("inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited"),
        *("llc", "llp", "lp", "plc", "gmbh", "ag", "kg", "sa", "sas", "sarl", "spa", "srl"),
        *("bv", "nv", "ab", "oy", "as", "asa", "aps", "pty", "kk", "group", "holding"),
        *("holdings", "the"),
    }
)


@lru_cache(maxsize=4096)
def company_key(name: str) -> str:
    words = re.sub(r"[^\w\s]|_", " ", strip_accents(name).casefold()).split()
    kept = [w for w in words if w not in _LEGAL_FORMS]
    return " ".join(kept or words)


def same_company(a: str, b: str) -> bool:
    """Keys of one company: equal, or one the start of the other ("northwind" and
    "northwind traders")."""
    if not a or not b:
        return False
    short, long = sorted((a.split(), b.split()), key=len)
    return long[: len(short)] == short


def choose_company(
    companies: Iterable[str], account_name: str, chosen: str | None
) -> tuple[set[str] | None, str]:
    """(company keys to keep, or None to keep all; a problem message or '')."""
    companies = list(companies)
    counted = Counter(company_key(c) for c in companies if c.strip())
    if chosen:
        wanted = company_key(chosen)
        return {k for k in counted if same_company(k, wanted)} | {wanted}, ""
    if len(counted) <= 1:
        return None, ""
    account = company_key(account_name)
    matching = {k for k in counted if same_company(k, account)}
    if matching:
        return matching, ""
    names: dict[str, str] = {}
    for c in companies:
        names.setdefault(company_key(c), c.strip())
    listed = ", ".join(names[k] for k, _n in counted.most_common(5))
    more = f" and {len(counted) - 5} more" if len(counted) > 5 else ""
    return None, (
        f"the file lists contacts of {len(counted)} companies ({listed}{more}), none named like "
        f"the account {account_name!r}; choose the company to import"
    )


def other_company(companies: Iterable[str], account_name: str, chosen: str | None) -> str:
    """A confirmation to ask when every company the file names differs from the account
    (IBM's vCards going into Tidewater Payments), else ''. Choosing the company is the answer."""
    if chosen:
        return ""
    names: dict[str, str] = {}
    for c in companies:
        if c.strip():
            names.setdefault(company_key(c), c.strip())
    account = company_key(account_name)
    if len(names) != 1 or any(same_company(k, account) for k in names):
        return ""
    (name,) = names.values()
    return f"every contact in the file is at {name!r}, not {account_name!r}"
