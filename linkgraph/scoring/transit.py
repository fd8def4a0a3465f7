"""New accounts that passed through a cluster's shared addresses, then went their own ways.

When a service is shut down (a reseller suspended, say), its customers open accounts of their
own. For their first day or days some still call through the service's gateways; then they
move to their homes, offices and clouds. In the graph they are a burst of new accounts tied by
the service's addresses to each other and to the enforced service accounts: the look of a
banned cell's replacements. A replacement takes the banned cell's infrastructure over and
keeps using it; a customer passing through leaves it within days of signing up and goes on
without it. This is the staggered form of a gathering (:mod:`~linkgraph.scoring.gathering`):
each member met the others in its own first days.

:func:`passed_through` is, per cluster, the share of its basis whose last use of any of the
cluster's shared IPs came at most :data:`TRANSIT_DAYS` after the account was created, and
that was still active :data:`GONE_DAYS` or more after that use.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.scoring.gathering import DAY_NS
from linkgraph.scoring.seeds import NAT, last_activity_ns, to_ns

TRANSIT_DAYS = 4.0
"""The longest after its creation that a member passing through may still use the shared IPs."""
GONE_DAYS = 7.0
"""How long after its last use of them it must still be active to have gone its own way."""


def passed_through(
    links: pd.DataFrame,
    df: np.ndarray,
    met: pd.DataFrame,
    basis: pd.DataFrame,
    index: pd.Index,
    created: np.ndarray | None,
    requests: pd.DataFrame | None = None,
) -> pd.Series:
    """Per cluster, in [0, 1]: the share of its basis that passed through (module docstring).

    ``met``: the basis's links to the cluster's shared IPs (``community, link, acct``, ``link``
    the row in ``links``: the graph's links with ``acct, art, first_seen, last_seen``);
    ``created``: per account code, its creation (int64 ns, NaT = int64 min), None when
    unknown; activity after the shared IPs is a request or a link to an artifact someone else
    uses too (``df[art]`` ≥ 2), as for a gathering. 0 without link times or creation times.
    """
    out = pd.Series(0.0, index=index)
    if created is None or not len(met) or not {"first_seen", "last_seen"} <= set(links.columns):
        return out
    uses = pd.DataFrame(
        {
            "community": met["community"].to_numpy(),
            "acct": met["acct"].to_numpy(),
            "last": to_ns(links["last_seen"].iloc[met["link"].to_numpy()]),
        }
    )
    used = uses[uses["last"] != NAT].groupby(["community", "acct"])["last"].max()
    members = basis[["community", "acct"]].reset_index(drop=True)
    acct = members["acct"].to_numpy()
    key = pd.MultiIndex.from_arrays([members["community"].to_numpy(), acct])
    last_use = used.reindex(key, fill_value=NAT).to_numpy(dtype=np.int64)
    born = created[acct]
    early = (last_use != NAT) & (born != NAT) & (last_use - born <= TRANSIT_DAYS * DAY_NS)
    if not early.any():
        return out
    n = int(max(links["acct"].max(), acct.max())) + 1
    asked = np.zeros(n, dtype=bool)
    asked[acct[early]] = True  # only those who used the shared IPs early need their later activity
    # only the rows and columns last_activity_ns reads (the link table has millions of rows)
    link_acct = links["acct"].to_numpy()
    keep = asked[link_acct] & (df >= 2)[links["art"].to_numpy()]
    ask_links = pd.DataFrame({"acct": link_acct[keep], "last_seen": links["last_seen"].array[keep]}, copy=False)
    if requests is not None:
        on = requests["acct"].to_numpy()
        read = [c for c in ("acct", "timestamp") if c in requests.columns]
        requests = requests[read][(on >= 0) & (on < n) & asked[np.clip(on, 0, n - 1)]]
    last = last_activity_ns(n, ask_links, requests)[acct]
    gone = (last != NAT) & (last >= last_use + GONE_DAYS * DAY_NS)
    share = pd.Series(early & gone).groupby(members["community"].to_numpy()).mean()
    return share.reindex(index).fillna(0.0).astype(float)
