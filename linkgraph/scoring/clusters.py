"""Cluster features and risk (pure): what each cluster's core looks like, and how risky that is.

Features are computed on each cluster's *basis*: its core members, or all members when it
has no core. Risk is a documented logistic score over the features; each feature's
contribution to the log-odds is kept (``contrib_<name>``) so the score can be explained.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.codes import sorted_unique
from linkgraph.graph import LinkGraph
from linkgraph.scoring.egress import scheduler_egress
from linkgraph.scoring.features import (
    grouped_float,
    ip_cohesion,
    unanchored_rotation,
)
from linkgraph.scoring.members import owned_generic
from linkgraph.scoring.offices import office_accounts
from linkgraph.scoring.params import ScoringParams, risk_band
from linkgraph.scoring.schedule import scheduled_share

RISK_FEATURES = {  # risk weight name -> feature column (all in [0, 1])
    "linked_network": "network",
    "burst": "burst_share",
    "shared_payment": "payment_share",
    "dispersion": "dispersion",
    "multi_template": "multi_template_share",
    "multi_ip": "multi_ip_share",
    "unanchored_rotation": "rotation",
    "lockstep": "lockstep_share",
    "cell_lockstep": "cell_lockstep_share",
    "prompt_pairs": "prompt_pair_share",
    "cluster_waves": "waves_beyond_lockstep",
    "cluster_sessions": "sessions_beyond_waves",
    "shared_rest": "shared_rest",
    "owned_domain": "organisation",
    "single_hub": "hub_share",
    "model_pivot": "model_pivot",
    "known_bad": "known_bad",
    "volume": "volume",
    "concentration": "concentration",
    "uncorroborated": "uncorroborated",
    "gathering": "gathering",
    "scheduled": "scheduled",
    "independent": "independent",
}
"""The features the risk score weighs, by the name of their weight in ``ScoringParams.risk_weights``."""


def cluster_sizes(members: pd.DataFrame) -> pd.DataFrame:
    """Size, core size, core share and mean evidence score per community."""
    g = members.groupby("community")
    clusters = pd.DataFrame({"size": g.size()})
    is_core = members["role"] == "core"
    clusters["n_core"] = is_core.groupby(members["community"]).sum().astype(int)
    clusters["core_share"] = clusters["n_core"] / clusters["size"]
    clusters["mean_evidence"] = grouped_float(members, ["community"], "evidence_score", "mean")
    clusters["network"] = np.clip(np.log10(np.maximum(clusters["n_core"], 1)) / 2.0, 0.0, 1.0)
    return clusters


def basis_of(members: pd.DataFrame, clusters: pd.DataFrame) -> pd.DataFrame:
    """The members features are computed on: the core, or everyone in a cluster without one."""
    is_core = members["role"] == "core"
    no_core = clusters["n_core"].reindex(members["community"]).to_numpy() == 0
    return members[is_core.to_numpy() | no_core]


def _share(rows: pd.DataFrame, index: pd.Index, n_basis: pd.Series, at_least: int = 1) -> pd.Series:
    """Share of each cluster's basis with at least ``at_least`` of ``rows`` (distinct artifacts)."""
    community = rows["community"].to_numpy().astype(np.int64)
    acct = rows["acct"].to_numpy().astype(np.int64)
    art = rows["art"].to_numpy().astype(np.int64)
    if not len(art):
        return pd.Series(0.0, index=index)
    pair, _ = pd.factorize(community * (int(acct.max()) + 1) + acct)  # (cluster, member)
    distinct = sorted_unique(pair * (int(art.max()) + 1) + art) // (int(art.max()) + 1)  # each artifact once
    enough = np.flatnonzero(np.bincount(distinct) >= at_least)
    first = np.unique(pair, return_index=True)[1][enough]  # a row of each member with enough of them
    hit = pd.Series(community[first]).value_counts()
    return (hit / n_basis).reindex(index).fillna(0.0)


def distinct_templates(templates: pd.DataFrame, family_of: np.ndarray | None) -> pd.DataFrame:
    """``templates`` (template links: ``community, acct, art, kind``) with each exact fingerprint
    that has a template family counted as that family (``family_of``: the family's artifact code,
    by artifact code; -1: none), so that a member's distinct ``art`` are its distinct templates."""
    if family_of is None or templates.empty:
        return templates
    art = templates["art"].to_numpy()
    family = family_of[art]
    is_print = (templates["kind"] == "fingerprint").to_numpy() & (family >= 0)
    return templates.assign(art=np.where(is_print, family, art))


def link_shares(
    ml: pd.DataFrame,
    in_basis: np.ndarray,
    clusters: pd.DataFrame,
    n_basis: pd.Series,
    n_accounts: int,
    params: ScoringParams,
    hours: np.ndarray | None = None,
    starts: np.ndarray | None = None,
    own: pd.DataFrame | None = None,
    requests: pd.DataFrame | None = None,
    times: pd.DataFrame | None = None,
    family_of: np.ndarray | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray]:
    """Shares of the basis on shared cards, IPs, templates and lockstep windows; the organisation hub.

    ``own`` (rows ``acct, community`` of the basis without riders) also makes a card that pays
    for most of them the hub (:func:`billing_card_share`). ``requests`` (``acct, timestamp``,
    ``family`` and/or ``prompt_fingerprint``) tell offices from a dispatcher's cells
    (:func:`~linkgraph.scoring.offices.office_accounts`). ``times`` (the graph's link table:
    ``first_seen, last_seen, count``) tells a scheduler's egress from a proxy pool
    (:mod:`~linkgraph.scoring.egress`): the IP features leave it out.

    - ``multi_ip_share``: members sharing two or more IPs (rotation through a proxy pool);
    - ``multi_template_share``: members sharing two or more templates (templating). Versions
      of one template are one template (:func:`distinct_templates`; ``family_of``: each
      fingerprint's family code, by artifact code): an app's users send its prompt as each
      release words it, an operation's accounts send paraphrases of several. A
      template too popular to carry edges (generic) still counts for the cluster that owns
      it (:func:`~linkgraph.scoring.members.owned_generic`): an operation's own paraphrase
      family can be used by more than 1% of all accounts, nearly all of them in its cluster,
      while a popular framework's prompt is spread over the population;
    - ``lockstep_share``: members who sent in the same short windows as other members on at
      least three occasions (synchronized traffic). An occasion is a clock hour
      (``hours``: per artifact code, the hour of a lockstep bucket;
      :func:`~linkgraph.scoring.schedule.lockstep_clock`):
      three prompts of one session in the same minutes as other viewers of a tutorial are
      one occasion, an operation's waves come back hour after hour. Office members
      (:func:`office_accounts`) do not count: a class in one room works through the same
      exercise at the same time, and at a large provider many classes on one curriculum
      meet in the same minutes by chance.

    - ``scheduled``: how far those windows fall on one minute of the hour (a CI fleet, cron
      jobs) or one hour of the week (a class's timetable; ``starts``: per artifact code, the
      start of a lockstep bucket's window; :func:`~linkgraph.scoring.schedule.scheduled_share`),
      0 without ``starts``.

    Returns the shared links of the basis (``shared``), for the evidence summary, and which
    accounts sit in an office (a mask over account codes, like ``in_basis``).
    """
    shared = ml[(ml["n_in"] >= 2) & in_basis[ml["acct"].to_numpy()]]
    shared = shared[above_chance(shared, clusters["size"], n_accounts, params)]
    office = office_accounts(shared, params.network_min_members, requests)
    in_office = np.zeros(len(in_basis), dtype=bool)
    in_office[office["acct"].to_numpy()] = True
    index = clusters.index
    out = pd.DataFrame(index=index)
    usable = shared[~shared["generic"]]
    kind = usable["kind"]  # categorical: comparisons work on the codes, not on every row's text
    lockstep = usable[(kind == "lockstep").to_numpy() & ~in_office[usable["acct"].to_numpy()]]
    scheduled = pd.Series(0.0, index=index) if starts is None else scheduled_share(lockstep, starts, index)
    on_ip = (shared["kind"] == "ip").to_numpy().copy()
    if times is not None and "link" in shared.columns:  # the scheduler's addresses are no proxy pool
        members_lockstep = shared[(shared["kind"] == "lockstep").to_numpy()]
        on_ip[on_ip] = ~scheduler_egress(shared[on_ip], members_lockstep, times, scheduled)
    ips = shared[on_ip & ~shared["generic"].to_numpy()]
    out["payment_share"] = _share(shared[shared["kind"] == "payment"], index, n_basis)
    out["ip_share"] = _share(ips, index, n_basis)
    out["multi_ip_share"] = _share(ips, index, n_basis, 2)
    out["ip_cohesion"] = ip_cohesion(ips, clusters["size"]).reindex(index).fillna(0.0)
    is_template = shared["kind"].isin(["fingerprint", "family"]).to_numpy()
    owned = owned_generic(shared, clusters["size"], n_accounts, params)
    templates = shared[(is_template & ~shared["generic"].to_numpy()) | owned]
    out["template_share"] = _share(templates, index, n_basis)
    out["multi_template_share"] = _share(distinct_templates(templates, family_of), index, n_basis, 2)
    out["family_share"] = _share(templates[templates["kind"] == "family"], index, n_basis)
    out["scheduled"] = scheduled
    if hours is not None:
        lockstep = lockstep.assign(art=hours[lockstep["art"].to_numpy()])
    out["lockstep_share"] = _share(lockstep, index, n_basis, 3)
    hub_links = shared[on_ip | (shared["kind"] != "ip").to_numpy()]
    out["hub_share"] = _hub_share(hub_links, index, n_basis, out["multi_ip_share"], office)
    if own is not None:
        out["hub_share"] = np.maximum(out["hub_share"], billing_card_share(shared, own, index, len(in_basis)))
    return out, shared, in_office


BILLING_MAJORITY = 0.5
"""The share of a cluster's own accounts one card must pay for to be its billing card."""


def billing_card_share(shared: pd.DataFrame, own: pd.DataFrame, index: pd.Index, n_codes: int) -> pd.Series:
    """Per cluster: the share of its own accounts (``own``: rows ``acct, community`` of the basis
    without riders; ``n_codes``: account codes) on its most shared card, when that card pays
    for most of them (:data:`BILLING_MAJORITY`), else 0.

    A relief NGO's sponsor pays for two thirds of its staff and volunteers; the ordinary users
    who ride on its field teams' satellite addresses are half its core, and counted with them
    the card covers a third. An operation's cards are bought in chunks: none pays for most of
    its accounts, riders or not.
    """
    mine = np.zeros(n_codes, dtype=bool)
    mine[own["acct"].to_numpy()] = True
    rows = shared[(shared["kind"] == "payment").to_numpy() & mine[shared["acct"].to_numpy()]]
    if rows.empty:
        return pd.Series(0.0, index=index)
    top = rows.groupby(["community", "art"], observed=True)["acct"].nunique().groupby(level="community").max()
    size = own.groupby("community").size().reindex(top.index)
    share = (top / size).reindex(index).fillna(0.0).clip(0.0, 1.0)
    return share.where(share >= BILLING_MAJORITY, 0.0)


CROWD_LIFT = 2.0
"""How many times its share of all accounts a crowd must hold of an artifact's users for it to count."""


def above_chance(links: pd.DataFrame, sizes: pd.Series, n_accounts: int, params: ScoringParams) -> np.ndarray:
    """Which member links (``community, n_in, df``) a cluster shares above chance.

    A crowd (more than ``crowd_share`` of all accounts: the mass of ordinary users Leiden
    leaves in one community) holds its share of every popular template, carrier address and
    public card by its mass alone: 30% of all accounts hold about 30% of a public template's
    users. Its features count an artifact only when it holds :data:`CROWD_LIFT` times its
    share of the artifact's users, or ``exclusive_share`` of them (an operation that is the
    crowd's core holds its own artifacts nearly alone). Other clusters count every shared link.
    """
    size = sizes.reindex(links["community"].to_numpy()).to_numpy(dtype=float)
    crowd = size > params.crowd_size(n_accounts)
    need = np.minimum(CROWD_LIFT * size / max(n_accounts, 1), params.exclusive_share)
    held = links["n_in"].to_numpy() >= need * links["df"].to_numpy()
    return ~crowd | held


NAT_HOLD = 0.25
"""The share of an IP's users a cluster must hold for the IP to be its office or campus NAT:
strangers may outnumber the cluster behind it three to one (an office building's shared
uplink, a VPN egress), not thirty to one (a reseller's gateway)."""


def _hub_share(
    shared: pd.DataFrame, index: pd.Index, n_basis: pd.Series, multi_ip: pd.Series, office: pd.DataFrame
) -> pd.Series:
    """How organisations look: one billing card, or one office/campus NAT, behind most of the core;
    or offices (:func:`office_accounts`), each on its own card and NAT, behind most of it.

    An IP hub counts only as far as members do not rotate through several shared IPs: a
    hydra cell's members share a private proxy *and* move between the cell's IPs, while an
    office sits behind one NAT. That holds for a reseller's few gateways too, too popular to
    be evidence but a third of whose users the cluster holds: an operation that sends through
    all four of them is no office behind four NATs (the seventeenth world's op_conveyor at 5k
    seed 1 read hub 1.0 and risk 0.38, all 41 missed). A class of thirty on its sponsor's
    card and its room's IP is one office; ten such classes on one curriculum are ten
    offices, not one hub of 10%.
    An IP is the cluster's NAT only when the cluster holds at least :data:`NAT_HOLD` of its
    users: a reseller's gateway that a hundred customers send through, three of them the
    cluster's, is the reseller's address, not the cluster's office.
    """
    kind = shared["kind"]

    def top(rows: pd.DataFrame) -> pd.Series:
        hubs = rows.groupby(["community", "art"], observed=True).size()
        best = hubs.groupby(level="community").max() if len(hubs) else pd.Series(dtype=float)
        return (best / n_basis).reindex(index).fillna(0.0).clip(0.0, 1.0)

    card = top(shared[kind == "payment"])
    own_ip = (kind == "ip").to_numpy() & (shared["n_in"].to_numpy() >= NAT_HOLD * shared["df"].to_numpy())
    rotating = np.maximum(multi_ip, _share(shared[own_ip], index, n_basis, 2))  # generic addresses too
    nat = top(shared[own_ip]) * (1.0 - rotating)
    offices = (office.groupby("community").size() / n_basis).reindex(index).fillna(0.0).clip(0.0, 1.0)
    return pd.concat([card, nat, offices], axis=1).max(axis=1)


def asn_dispersion(graph: LinkGraph, ev: pd.DataFrame, in_basis: np.ndarray, ip_asn: pd.Series | None) -> pd.Series:
    """Number of networks (ASNs) behind the IPs that three or more basis members share.

    Pass ``in_basis`` without office members (:func:`office_accounts`): ten classes in ten
    cities' ISPs are ten offices, not a proxy network spread over ten networks.
    """
    ev_ip = ev[(ev["kind"] == "ip") & (ev["n_in"] >= 3) & in_basis[ev["acct"].to_numpy()]]
    if ip_asn is None or not len(ip_asn) or ev_ip.empty:
        return pd.Series(dtype=float)
    arts, inverse = np.unique(ev_ip["art"].to_numpy(), return_inverse=True)  # look each IP up once
    ips = graph.artifacts["artifact"].array.take(arts)
    asn = pd.Series(ips).map(ip_asn).to_numpy()[inverse.ravel()]
    nets = pd.DataFrame({"c": ev_ip["community"].to_numpy(), "asn": asn}).dropna()
    return nets.groupby("c")["asn"].nunique()


def add_risk(clusters: pd.DataFrame, params: ScoringParams) -> pd.DataFrame:
    """Risk score, band and each feature's contribution to the log-odds (``contrib_<weight name>``).

    Adds ``rotation`` (:func:`~linkgraph.scoring.features.unanchored_rotation`) first: it
    combines the IP, hub and organisation features; and ``waves_beyond_lockstep``, the share
    riding the cluster's waves beyond the share in lockstep buckets (one timing, counted once),
    times ``1 − wave_scheduled`` (waves that recur on a clock are a scheduler's or a reminder's);
    and ``sessions_beyond_waves``, the share working in the cluster's sessions beyond the
    largest of those timing shares and ``cell_lockstep_share``, times ``1 − session_scheduled``.
    """
    clusters["rotation"] = unanchored_rotation(
        clusters["multi_ip_share"],
        clusters["hub_share"],
        clusters["organisation"],
        clusters["ip_cohesion"],
        params.cell_ip_share,
    )
    clusters["waves_beyond_lockstep"] = _beyond(clusters, "wave_share", ("lockstep_share",), "wave_scheduled")
    minute_level = ("lockstep_share", "wave_share", "cell_lockstep_share")
    clusters["sessions_beyond_waves"] = _beyond(clusters, "session_share", minute_level, "session_scheduled")
    w = params.risk_weights
    z = pd.Series(w["bias"], index=clusters.index, dtype=float)
    for name, column in RISK_FEATURES.items():
        contribution = w.get(name, 0.0) * clusters[column].astype(float)
        clusters[f"contrib_{name}"] = contribution.round(4)
        z = z + contribution
    clusters["risk_score"] = 1.0 / (1.0 + np.exp(-z))
    clusters["risk_band"] = risk_band(clusters["risk_score"], params)
    return clusters


def _beyond(clusters: pd.DataFrame, share: str, counted: tuple[str, ...], clock: str) -> pd.Series:
    """``share`` beyond the largest of the ``counted`` timing shares (one timing, counted once),
    times ``1 − clock`` (timing that recurs on a clock adds nothing); absent columns read 0."""
    zero = pd.Series(0.0, index=clusters.index)
    already = np.maximum.reduce([clusters.get(c, zero).to_numpy(dtype=float) for c in counted])
    value = clusters.get(share, zero).to_numpy(dtype=float)
    on_clock = clusters.get(clock, zero).to_numpy(dtype=float)
    return pd.Series(np.clip(value - already, 0.0, 1.0) * (1.0 - on_clock), index=clusters.index)
