"""Riders: core members tied by shared IPs alone, passing through or through exits that serve others too."""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.scoring.params import ScoringParams
from linkgraph.scoring.riders import riders, set_riders_apart

T0 = pd.Timestamp("2026-03-01", tz="UTC")
KINDS = pd.CategoricalDtype(["ip", "payment", "fingerprint", "family"])
IPS = (0, 1, 2, 3)  # the cell's exits
FAMILY = 10


def tables(
    spans: dict[int, list[float]], family: set[int], outside: dict[int, int] | None = None, ips: tuple[int, ...] = IPS
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Member links of community 0: account ``a`` on IP ``ips[i]`` for ``spans[a][i]`` hours, and
    on the cell's template family when ``a in family``. Every artifact's users are in the
    cluster, but for ``outside[i]`` more users of IP ``i`` (a pool's other customers)."""
    rows = [(a, ip, "ip", hours) for a, hours in spans.items() for ip, hours in zip(ips, hours, strict=False)]
    rows += [(a, FAMILY, "family", 100.0) for a in sorted(family)]
    frame = pd.DataFrame(rows, columns=["acct", "art", "kind", "hours"])
    n_in = frame.groupby("art")["acct"].transform("size").to_numpy()
    df = n_in + frame["art"].map(outside or {}).fillna(0).to_numpy(dtype=np.int64)
    ml = pd.DataFrame(
        {
            "link": np.arange(len(frame)),
            "acct": frame["acct"].to_numpy(),
            "community": 0,
            "art": frame["art"].to_numpy(),
            "n_in": n_in,
            "kind": pd.Categorical(frame["kind"], dtype=KINDS),
            "df": df,
            "weight": 0.6,
            "generic": False,
            "evidence": n_in >= 2,
        }
    )
    links = pd.DataFrame(
        {
            "acct": frame["acct"].to_numpy(),
            "art": frame["art"].to_numpy(),
            "first_seen": T0,
            "last_seen": T0 + pd.to_timedelta(frame["hours"].to_numpy(), unit="h"),
        }
    )
    accts = sorted(spans)
    members = pd.DataFrame({"acct": accts, "community": 0, "role": "core", "replacement": False, "enforced": False})
    return members, ml, links


LONG, BRIEF = 300.0, 0.2
CELL = {a: [LONG, LONG, LONG, LONG] for a in range(6)}


def found(members: pd.DataFrame, ml: pd.DataFrame, links: pd.DataFrame) -> list[int]:
    ev = ml[ml["evidence"]].drop(columns="link")
    got = riders(members, ml, ev, links, n_accounts=10_000, params=ScoringParams())
    return members["acct"].to_numpy()[got].tolist()


def test_pool_customers_passing_through_the_cells_exits_are_riders() -> None:
    spans = {**CELL, 6: [BRIEF, BRIEF, BRIEF], 7: [BRIEF, BRIEF, LONG, BRIEF]}
    assert found(*tables(spans, family=set(range(6)))) == [6, 7]


def test_ip_only_members_who_stay_on_the_exits_are_not_riders() -> None:
    """A hydra account with no template of its own uses its cell's exits for days: it stays listed."""
    spans = {**CELL, 6: [LONG, LONG, BRIEF], 7: [BRIEF, LONG, LONG, BRIEF]}  # half passing is not most
    assert found(*tables(spans, family=set(range(6)))) == []


def test_a_member_with_other_evidence_is_no_rider_however_brief_its_ip_use() -> None:
    spans = {**CELL, 6: [BRIEF, BRIEF, BRIEF], 7: [BRIEF, BRIEF, BRIEF]}
    assert found(*tables(spans, family=set(range(8)))) == []


def test_replacements_enforced_accounts_and_peripheral_members_are_never_riders() -> None:
    spans = {**CELL, 6: [BRIEF] * 3, 7: [BRIEF] * 3, 8: [BRIEF] * 3}
    members, ml, links = tables(spans, family=set(range(6)))
    members.loc[members["acct"] == 6, "replacement"] = True
    members.loc[members["acct"] == 7, "enforced"] = True
    assert found(members, ml, links) == [8]
    members.loc[members["acct"] == 8, "role"] = "peripheral"
    assert found(members, ml, links) == []


def test_without_link_times_only_the_pool_test_applies() -> None:
    members, ml, links = tables({**CELL, 6: [BRIEF] * 3}, family=set(range(6)))
    assert found(members, ml, links.drop(columns=["last_seen"])) == []
    assert found(members, ml, links.assign(first_seen=pd.NaT, last_seen=pd.NaT)) == []
    members, ml, links = tables({**CELL, 6: [LONG] * 3}, family=set(range(6)), outside={0: 2, 1: 2, 2: 2})
    assert found(members, ml, links.drop(columns=["last_seen"])) == [6]


def test_ip_only_members_on_exits_that_serve_others_too_are_riders() -> None:
    """A pool's long-time customer stays on its exits for days, but a twentieth or more of
    every exit's users are outside the cluster; one exit of the cluster's own keeps a member listed."""
    spans = {**CELL, 6: [LONG] * 3, 7: [LONG] * 4}
    pool = {0: 2, 1: 2, 2: 2}  # 8 members and 2 outsiders on each of IPs 0-2: 80%
    assert found(*tables(spans, family=set(range(6)), outside=pool)) == [6]  # 7 has IP 3, the cell's own
    assert found(*tables(spans, family=set(range(8)), outside=pool)) == []  # templates too: no riders


def test_a_pools_customers_held_as_periphery_do_not_make_its_exits_the_clusters_own() -> None:
    """Leiden may hold the pool's other customers (8, 9) in the cluster as peripheral members:
    every user of IPs 0-2 is then a member, but a fifth of them are outside the core."""
    members, ml, links = tables({**CELL, 6: [LONG] * 3, 8: [LONG] * 3, 9: [LONG] * 3}, family=set(range(6)))
    members.loc[members["acct"].isin([8, 9]), "role"] = "peripheral"
    assert found(members, ml, links) == [6]


def test_a_pools_customers_in_the_core_do_not_make_its_exits_the_clusters_own() -> None:
    """Five customers (6-10) stay on IPs 0-2 for days beside a cell of three (0-2, on its
    family): every user is a core member, but most of them only by the exits themselves. A
    cell of six on the same exits makes them its own, and its IP-only member (6) stays listed."""
    customers = {a: [LONG] * 3 for a in range(6, 11)}
    cell = {a: [LONG] * 3 for a in range(3)}
    assert found(*tables({**cell, **customers}, family=set(range(3)))) == [6, 7, 8, 9, 10]
    assert found(*tables({**CELL, 6: [LONG] * 3}, family=set(range(6)))) == []
    # a cell tied by its exits alone (no member has other evidence) keeps them as its own
    assert found(*tables({**cell, **customers}, family=set())) == []


def test_an_ip_only_member_tied_by_more_exits_than_a_cell_keeps_is_a_rider() -> None:
    """The cell (0-5, on its family) uses 12 exits of its own for days. An IP-only member on 11
    of them rotated through a pool the operation dominates; one on 10 is a cell member on its
    exits alone (ROTATING_EXITS)."""
    exits = tuple(range(20, 32))
    spans = {a: [LONG] * 12 for a in range(6)} | {6: [LONG] * 11, 7: [LONG] * 10}
    assert found(*tables(spans, family=set(range(6)), ips=exits)) == [6]
    assert found(*tables(spans, family=set(range(8)), ips=exits)) == []  # templates too: no riders


def test_riders_become_peripheral_and_are_counted_per_cluster() -> None:
    members, ml, links = tables({**CELL, 6: [BRIEF] * 3, 7: [BRIEF] * 3}, family=set(range(6)))
    clusters = pd.DataFrame({"size": [8], "n_core": [8], "core_share": [1.0]}, index=pd.Index([0]))
    ev = ml[ml["evidence"]].drop(columns="link")
    set_riders_apart(members, clusters, riders(members, ml, ev, links, 10_000, ScoringParams()))
    assert members["role"].tolist() == ["core"] * 6 + ["peripheral"] * 2
    assert members["rider"].tolist() == [False] * 6 + [True] * 2
    assert clusters.loc[0, ["n_riders", "n_core"]].tolist() == [2, 6]
    assert clusters.loc[0, "core_share"] == 0.75


def clock_tables(minutes: dict[int, list[int]], ips: set[int]) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray]:
    """Members of community 0 on one template family (artifact 0) and on lockstep windows that
    start at ``minutes[a]`` (minutes since the epoch, one artifact per distinct start), and on
    a shared IP (artifact 1) when ``a in ips``. Every artifact's users are all members."""
    starts_of = sorted({m for ms in minutes.values() for m in ms})
    code = {m: 2 + i for i, m in enumerate(starts_of)}
    rows = [(a, 0, "family") for a in minutes] + [(a, 1, "ip") for a in sorted(ips)]
    rows += [(a, code[m], "lockstep") for a, ms in minutes.items() for m in ms]
    frame = pd.DataFrame(rows, columns=["acct", "art", "kind"])
    kinds = pd.CategoricalDtype(["ip", "payment", "fingerprint", "family", "lockstep"])
    n_in = frame.groupby("art")["acct"].transform("size").to_numpy()
    ev = pd.DataFrame(
        {
            "acct": frame["acct"].to_numpy(),
            "community": 0,
            "art": frame["art"].to_numpy(),
            "n_in": n_in,
            "kind": pd.Categorical(frame["kind"], dtype=kinds),
            "df": n_in,
            "weight": 0.5,
            "generic": False,
            "evidence": True,
        }
    )
    starts = np.full(2 + len(starts_of), -1, dtype=np.int64)
    starts[[code[m] for m in starts_of]] = starts_of
    members = pd.DataFrame(
        {"acct": sorted(minutes), "community": 0, "role": "core", "replacement": False, "enforced": False}
    )
    return members, ev, starts


def clock_riders_of(minutes: dict[int, list[int]], ips: set[int]) -> list[int]:
    members, ev, starts = clock_tables(minutes, ips)
    ml = ev.assign(link=np.arange(len(ev)))
    links = pd.DataFrame({"acct": ev["acct"], "art": ev["art"]})
    flags = riders(members, ml, ev, links, 10_000, ScoringParams(), starts)
    return members.loc[flags, "acct"].tolist()


HOUR = 60


def test_members_tied_by_templates_and_the_top_of_the_hour_alone_are_clock_riders() -> None:
    top = [HOUR * h for h in range(1, 8)]  # :00 of seven hours
    spread = [HOUR * h + m for h, m in zip(range(1, 8), (7, 23, 41, 12, 55, 30, 3), strict=True)]
    minutes = {a: top[a % 3 :: 2] for a in range(6)} | {a: spread[a % 4 :: 2] for a in range(6, 12)}
    assert clock_riders_of(minutes, set()) == list(range(6))  # the cron users, not the waves
    assert clock_riders_of(minutes, set(range(12))) == []  # an IP is evidence beyond the clock


def test_members_on_three_template_families_of_their_cluster_are_no_clock_riders() -> None:
    """Workers of an operation that fires at the top of the hour, in the cron rush, run its
    playbook: three template families of the cluster's own keep them listed; a cron user's job
    or two, each with its prompt, do not, nor families that outsiders mostly send."""
    top = [HOUR * h for h in range(1, 8)]
    members, ev, starts = clock_tables({a: top[a % 3 :: 2] for a in range(6)}, set())
    second, third = len(starts), len(starts) + 1  # members 0-3 send a second prompt, 0-2 a third
    on_first = ev[ev["art"] == 0]
    extra = [on_first[on_first["acct"] < 4].assign(art=second), on_first[on_first["acct"] < 3].assign(art=third)]
    ev = pd.concat([ev, *extra], ignore_index=True)
    starts = np.r_[starts, -1, -1]
    ml = ev.assign(link=np.arange(len(ev)))
    links = pd.DataFrame({"acct": ev["acct"], "art": ev["art"]})
    flags = riders(members, ml, ev, links, 10_000, ScoringParams(), starts)
    assert members.loc[flags, "acct"].tolist() == [3, 4, 5]
    shared = ev["art"].isin([second, third]).to_numpy()  # families that many outsiders send too
    ev.loc[shared, "df"] = 10 * ev.loc[shared, "n_in"]
    flags = riders(members, ev.assign(link=np.arange(len(ev))), ev, links, 10_000, ScoringParams(), starts)
    assert members.loc[flags, "acct"].tolist() == list(range(6))


def test_a_member_on_its_own_minute_of_the_hour_is_a_clock_rider_from_three_windows() -> None:
    on_17 = [HOUR * h + 17 for h in range(1, 6)]
    minutes = {a: on_17[: 3 if a < 6 else 2] for a in range(12)}
    assert clock_riders_of(minutes, set()) == list(range(6))  # two windows off :00 say nothing


def _with_public_prompt(members: pd.DataFrame, ml: pd.DataFrame, links: pd.DataFrame, users: list[int]) -> tuple:
    """``users`` also pasted a public prompt (artifact 20) that 40 accounts elsewhere pasted once too."""
    extra = pd.DataFrame(
        {
            "link": len(ml) + np.arange(len(users)),
            "acct": users,
            "community": 0,
            "art": 20,
            "n_in": len(users),
            "kind": pd.Categorical(["fingerprint"] * len(users), dtype=KINDS),
            "df": len(users) + 40,
            "weight": 0.25,
            "generic": False,
            "evidence": True,
        }
    )
    when = pd.DataFrame({"acct": users, "art": 20, "first_seen": T0, "last_seen": T0})
    return members, pd.concat([ml, extra], ignore_index=True), pd.concat([links, when], ignore_index=True)


def _light(*arts: int) -> np.ndarray:
    out = np.zeros(32, dtype=bool)
    out[list(arts)] = True
    return out


def test_a_public_prompt_is_no_evidence_that_keeps_a_pool_customer_listed() -> None:
    """Customers 6 and 7 passed through the cell's exits and pasted a famous prompt the cell's
    cover traffic pasted too: riders when the prompt is light, listed when it is the cell's own."""
    spans = {**CELL, 6: [BRIEF, BRIEF, BRIEF], 7: [BRIEF, BRIEF, LONG, BRIEF]}
    members, ml, links = _with_public_prompt(*tables(spans, family=set(range(6))), [0, 1, 2, 6, 7])
    ev = ml[ml["evidence"]].drop(columns="link")
    params = ScoringParams()
    got = riders(members, ml, ev, links, n_accounts=10_000, params=params, light=_light(20))
    assert members["acct"].to_numpy()[got].tolist() == [6, 7]
    assert not riders(members, ml, ev, links, n_accounts=10_000, params=params).any()


def test_members_tied_by_public_prompts_alone_are_prompt_riders() -> None:
    """Households Leiden put beside a cell share nothing with it but prompts nearly everyone pastes once."""
    members, ml, links = tables(CELL, family=set(range(6)))
    members = pd.concat([members, members.iloc[:3].assign(acct=[8, 9, 10])], ignore_index=True)
    members, ml, links = _with_public_prompt(members, ml, links, [0, 1, 8, 9, 10])
    ev = ml[ml["evidence"]].drop(columns="link")
    params = ScoringParams()
    got = riders(members, ml, ev, links, n_accounts=10_000, params=params, light=_light(20))
    assert members["acct"].to_numpy()[got].tolist() == [8, 9, 10]  # the cell's own family keeps 0 and 1
    assert not riders(members, ml, ev, links, n_accounts=10_000, params=params, light=_light()).any()
