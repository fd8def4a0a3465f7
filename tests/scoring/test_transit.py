"""New accounts that passed through a cluster's shared addresses (scoring/transit.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.scoring.transit import passed_through

DAY = pd.Timedelta(days=1)
T0 = pd.Timestamp("2026-03-01", tz="UTC")
GATEWAY, OWN = 0, 1  # artifact codes: the service's gateway (shared), an address of the member's own


def _world(rows: list[tuple[int, int, float, float]], created_days: list[float]) -> tuple:
    """``rows``: (acct, art, first day, last day) links; one cluster (0) of every account."""
    links = pd.DataFrame(rows, columns=["acct", "art", "first", "last"])
    links["first_seen"] = T0 + links.pop("first") * DAY
    links["last_seen"] = T0 + links.pop("last") * DAY
    n = len(created_days)
    arts = int(links["art"].max()) + 1
    df = np.bincount(links["art"], minlength=arts)
    df[OWN:] = np.maximum(df[OWN:], 2)  # each member's later addresses are shared with someone (a home, a cloud)
    on_gateway = np.flatnonzero(links["art"].to_numpy() == GATEWAY)
    met = pd.DataFrame({"community": 0, "link": on_gateway, "acct": links["acct"].to_numpy()[on_gateway]})
    basis = pd.DataFrame({"community": 0, "acct": np.arange(n)})
    created = pd.DatetimeIndex([T0 + d * DAY for d in created_days]).as_unit("ns").asi8
    return links, df, met, basis, created


def _share(rows: list[tuple[int, int, float, float]], created_days: list[float]) -> float:
    links, df, met, basis, created = _world(rows, created_days)
    return float(passed_through(links, df, met, basis, pd.Index([0]), created).loc[0])


def test_customers_who_leave_the_gateway_in_their_first_days_passed_through() -> None:
    """A suspended reseller's customers: new accounts on its gateway for a day or three, then at home for weeks."""
    rows = [(a, GATEWAY, a, a + 2) for a in range(4)] + [(a, OWN + a, a + 2, 30) for a in range(4)]
    assert _share(rows, created_days=[0, 1, 2, 3]) == 1.0


def test_replacements_that_keep_the_banned_cells_addresses_did_not() -> None:
    rows = [(a, GATEWAY, a, 30) for a in range(4)] + [(a, OWN + a, a, 30) for a in range(4)]
    assert _share(rows, created_days=[0, 1, 2, 3]) == 0.0


def test_old_accounts_that_touched_the_address_briefly_did_not() -> None:
    """Long-standing customers of a proxy pool meet on its exits for a day: not new accounts passing through."""
    rows = [(a, GATEWAY, 10, 11) for a in range(4)] + [(a, OWN + a, 0, 30) for a in range(4)]
    assert _share(rows, created_days=[-400, -300, -200, -100]) == 0.0


def test_a_cell_made_and_dropped_within_days_did_not_go_on() -> None:
    rows = [(a, GATEWAY, 0, 2) for a in range(4)] + [(a, OWN + a, 0, 3) for a in range(4)]
    assert _share(rows, created_days=[0, 0, 0, 0]) == 0.0


def test_the_share_counts_the_basis_and_nothing_is_known_without_creation_times() -> None:
    rows = [(a, GATEWAY, a, a + 2) for a in range(2)] + [(a, OWN + a, a + 2, 30) for a in range(2)]
    rows += [(a, GATEWAY, 0, 30) for a in (2, 3)]  # the service's own accounts, on it throughout
    assert _share(rows, created_days=[0, 1, -500, -500]) == 0.5
    links, df, met, basis, _ = _world(rows, [0, 1, -500, -500])
    assert passed_through(links, df, met, basis, pd.Index([0]), None).loc[0] == 0.0
