"""Proxy-pool customers among hydra cells: IPs met by chance do not tie a member to the core."""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.scoring.ip_pairs import unpaired_ip_links

CELLS, CELL_SIZE, EXITS = 30, 6, 3


def _own(customers: list[list[int]]) -> pd.DataFrame:
    """Owned IP links of one cluster: ``CELLS`` cells whose members all use their cell's exits,
    and customers on the given exits (exit ``e`` of cell ``c`` is IP ``c * EXITS + e``)."""
    acct, art = [], []
    for cell in range(CELLS):
        for member in range(CELL_SIZE):
            for e in range(EXITS):
                acct.append(cell * CELL_SIZE + member)
                art.append(cell * EXITS + e)
    first_customer = CELLS * CELL_SIZE
    for i, ips in enumerate(customers):
        for ip in ips:
            acct.append(first_customer + i)
            art.append(ip)
    frame = pd.DataFrame({"community": 0, "acct": acct, "art": art})
    frame["kind"] = pd.Categorical(["ip"] * len(frame), categories=["payment", "ip", "fingerprint"])
    frame["n_in"] = frame.groupby("art")["acct"].transform("size")
    return frame


def _weak_accounts(own: pd.DataFrame) -> set[int]:
    weak = unpaired_ip_links(own, cell_share=0.25)
    return set(own.loc[weak, "acct"].tolist())


def test_customers_meeting_each_cell_once_are_weak_and_cell_members_are_not() -> None:
    # customer i meets three different cells, one exit each; no two customers share a pair of IPs
    customers = [[(i % CELLS) * EXITS, (i + 7) % CELLS * EXITS + 1, (i + 13) % CELLS * EXITS + 2] for i in range(CELLS)]
    own = _own(customers)
    weak = _weak_accounts(own)
    assert weak == set(range(CELLS * CELL_SIZE, CELLS * CELL_SIZE + len(customers)))


def test_a_member_on_its_cells_exits_is_tied_and_a_customer_passing_by_is_not() -> None:
    """An account on all three exits of one cell and nowhere else is one of the cell. A pool
    customer who also touched two exits of a cell, among a dozen exits of other cells, met the
    cell by chance: the pair of exits is crowded by the cell, but its overlap with any one cell
    member is what a dozen random exits make likely."""
    light_member = [0, 1, 2]
    passer_by = [EXITS + 0, EXITS + 1] + [c * EXITS + c % EXITS for c in range(2, 12)]
    weak = _weak_accounts(_own([light_member, passer_by]))
    assert CELLS * CELL_SIZE not in weak
    assert CELLS * CELL_SIZE + 1 in weak
    assert not weak & set(range(CELLS * CELL_SIZE))  # every cell member stays tied


def test_an_ip_serving_a_quarter_of_the_cluster_ties_every_member_on_it() -> None:
    """In a small cluster the cell's own exit serves much of it: nothing is weak there."""
    own = _own([[0, 4]]).query("acct < 6 or acct >= 180")  # one cell and one customer on its exit 0
    own = own.assign(n_in=own.groupby("art")["acct"].transform("size"))
    assert _weak_accounts(own) == set()


def test_one_shared_ip_that_is_not_the_clusters_exit_is_weak_and_a_card_never_is() -> None:
    """A household whose home address the pool also uses as an exit meets one cell on it."""
    own = _own([[0]])  # one IP of one cell, which serves 7 of 181 members on shared IPs
    assert CELLS * CELL_SIZE in _weak_accounts(own)
    small = own.query("acct < 6 or acct >= 180")  # in a cluster of one cell, its exit is the cluster's
    assert _weak_accounts(small.assign(n_in=small.groupby("art")["acct"].transform("size"))) == set()
    card = pd.DataFrame({"community": [0], "acct": [CELLS * CELL_SIZE], "art": [10_000], "n_in": [2]})
    card["kind"] = pd.Categorical(["payment"], categories=own["kind"].cat.categories)
    mixed = pd.concat([_own([[0, 4, 8]]), card], ignore_index=True)
    weak = unpaired_ip_links(mixed, 0.25)
    assert weak[mixed["acct"].to_numpy() == CELLS * CELL_SIZE].sum() == 3  # its IPs are weak, its card is not
    assert not weak[mixed["kind"].to_numpy() == "payment"].any()


def test_an_operation_rotating_through_its_own_pool_keeps_its_links() -> None:
    """Forty accounts each on four random IPs of a private pool of thirty, and nothing else:
    nobody forms a group inside the cluster, the cluster as a whole is what the IPs tie."""
    rng = np.random.default_rng(7)
    rows = [(a, int(ip)) for a in range(40) for ip in rng.choice(30, size=4, replace=False)]
    own = pd.DataFrame(rows, columns=["acct", "art"]).assign(community=0)
    own["kind"] = pd.Categorical(["ip"] * len(own), categories=["payment", "ip", "fingerprint"])
    own["n_in"] = own.groupby("art")["acct"].transform("size")
    assert _weak_accounts(own) == set()
    # the same pool beside a cell that stands on a template: the pool's riders are weak now
    cell = pd.DataFrame({"acct": np.arange(100, 106), "art": 1_000, "community": 0, "n_in": 6})
    cell["kind"] = pd.Categorical(["fingerprint"] * 6, categories=own["kind"].cat.categories)
    on_pool = pd.DataFrame({"acct": np.repeat(np.arange(100, 106), 2), "art": np.tile([0, 1], 6), "community": 0})
    on_pool["kind"] = pd.Categorical(["ip"] * 12, categories=own["kind"].cat.categories)
    mixed = pd.concat([own.drop(columns="n_in"), cell.drop(columns="n_in"), on_pool], ignore_index=True)
    mixed["n_in"] = mixed.groupby("art")["acct"].transform("size")
    riders = {a for a in range(40) if {0, 1} & set(own.loc[own["acct"] == a, "art"])}
    assert riders and riders <= _weak_accounts(mixed)
