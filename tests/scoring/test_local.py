"""Scoring groups of communities on their own rows equals scoring the whole population (scoring/local.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from bench_worlds import generated_world

from linkgraph.backends.embedded import EmbeddedBackend
from linkgraph.detect import ACTIVITY_COLUMNS, DetectParams
from linkgraph.graph import LinkGraph, build_link_graph
from linkgraph.ingest.load import Dataset, load_tables
from linkgraph.scoring.home import home_network
from linkgraph.scoring.local import GroupScored, combine, score_group, settle_satellites
from linkgraph.scoring.params import Scored, ScoringParams
from linkgraph.scoring.population import established_accounts, population_of
from linkgraph.scoring.satellite_rounds import drawn_by_templates
from linkgraph.scoring.satellites import satellite_moves
from linkgraph.scoring.score import known_bad_ties, score
from linkgraph.scoring.seeds import tie_table
from linkgraph.signals.derive import derive_links
from linkgraph.synth import generate_world

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _inputs(data: Path) -> tuple[Dataset, LinkGraph, pd.DataFrame, pd.DataFrame | None]:
    params = DetectParams()
    dataset = load_tables(data, request_columns=ACTIVITY_COLUMNS)
    derived = derive_links(dataset.simhashes, dataset.requests, params.signals)
    graph = build_link_graph(dataset, params.graph, derived.links, derived.fingerprint_family)
    membership = EmbeddedBackend().partition(graph, params.partition)
    requests = dataset.requests
    if requests is not None and derived.request_family is not None:
        requests = requests.assign(family=derived.request_family.array)
    return dataset, graph, membership, requests


def _by_groups(
    dataset: Dataset,
    graph: LinkGraph,
    membership: pd.DataFrame,
    requests: pd.DataFrame | None,
    params: ScoringParams,
    n_groups: int,
    through: Callable[..., tuple] | None = None,
    split: bool = True,
    satellites: bool = True,
) -> tuple[Scored, list[GroupScored]]:
    """Each group scored from its own rows only, against the population computed once; then
    the satellites found from every group's roles, and their communities scored again."""
    first, groups = _groups_once(dataset, graph, membership, requests, params, n_groups, through, split)
    if not satellites:
        return first, groups

    def again(moved: pd.DataFrame) -> Scored:
        return _groups_once(dataset, graph, moved, requests, params, n_groups, through, split=False)[0]

    def moves(members: pd.DataFrame) -> pd.Series:
        return satellite_moves(members, graph.links, graph.artifacts, params)

    def drawn(moves: pd.Series, members: pd.DataFrame) -> pd.Series:
        return drawn_by_templates(moves, members, graph.links, graph.artifacts, params)

    return settle_satellites(first, moves, again, drawn), groups


def _groups_once(
    dataset: Dataset,
    graph: LinkGraph,
    membership: pd.DataFrame,
    requests: pd.DataFrame | None,
    params: ScoringParams,
    n_groups: int,
    through: Callable[..., tuple] | None,
    split: bool,
) -> tuple[Scored, list[GroupScored]]:
    accounts = dataset.accounts
    population = population_of(graph.n_accounts, accounts, requests)
    ties = known_bad_ties(graph, accounts, requests)
    kinds = [str(k) for k in graph.artifacts["kind"].cat.categories]
    established = established_accounts(accounts, requests)
    home = home_network(graph, accounts["email_domain"], params.network_min_members, established)
    arts = graph.artifacts
    asn = graph.links["artifact"].map(dataset.ip_asn[~dataset.ip_asn.index.duplicated()])
    groups = []
    for g in np.unique(membership["community"].to_numpy() % n_groups):
        mine = membership[membership["community"] % n_groups == g].sort_values("acct")
        acct = mine["acct"].to_numpy()
        members = pd.concat([mine.reset_index(drop=True), tie_table(ties, acct)], axis=1)
        for col in ("created_at", "email_domain", "status"):
            if col in accounts.columns:
                members[col] = accounts[col].to_numpy()[acct]
        members["home_network"] = home[acct]
        rows = np.isin(graph.links["acct"].to_numpy(), acct)
        art = graph.links["art"].to_numpy()[rows]
        links = pd.DataFrame(
            {
                "acct": graph.links["acct"].to_numpy()[rows],
                "art": art,
                "kind": graph.links["kind"].to_numpy()[rows],
                "artifact": graph.links["artifact"].array[rows],
                "df": arts["df"].to_numpy()[art],
                "weight": arts["weight"].to_numpy()[art],
                "generic": arts["generic"].to_numpy()[art],
                "asn": asn.array[rows],
            }
        )
        if "family" in arts.columns:  # only with SimHashes
            links["family"] = arts["family"].to_numpy()[art]
        links["light"] = arts["light"].to_numpy()[art]
        for column in ("first_seen", "last_seen", "count"):
            links[column] = graph.links[column].array[rows]
        reqs = None if requests is None else requests[np.isin(requests["acct"].to_numpy(), acct)]
        if through is not None:  # the rows as an engine's task receives them
            members = members.assign(domain_total=members["email_domain"].map(population.domain_counts))
            members, links, reqs = through(members, links, reqs, int(g))
        groups.append(score_group(members, links, reqs, population, params, kinds, split=split))
    return combine(groups), groups


def _assert_same(whole: Scored, parts: Scored) -> None:
    pd.testing.assert_frame_equal(parts.clusters, whole.clusters, check_exact=True)
    pd.testing.assert_frame_equal(parts.members, whole.members, check_exact=True)
    pd.testing.assert_frame_equal(parts.cluster_artifacts, whole.cluster_artifacts, check_exact=True)
    ordered = whole.member_links.sort_values(["acct", "art"], kind="stable").reset_index(drop=True)
    pd.testing.assert_frame_equal(parts.member_links, ordered, check_exact=True)


@pytest.mark.parametrize("n_groups", [3, 1_000])
def test_groups_of_the_sample_score_as_the_whole(n_groups: int) -> None:
    """Three groups of communities, or one community per group (its rows alone in a frame)."""
    dataset, graph, membership, requests = _inputs(SAMPLE)
    params = ScoringParams()
    whole = score(graph, dataset.accounts, membership, dataset.ip_asn, params, requests)
    parts, groups = _by_groups(dataset, graph, membership, requests, params, n_groups)
    assert len(groups) == min(n_groups, membership["community"].nunique())
    _assert_same(whole, parts)


@pytest.fixture(scope="module")
def merged_world(tmp_path_factory: pytest.TempPathFactory) -> tuple:
    """An evasive 20k world whose communities are merged in pairs, so that cores fall apart and split."""
    data = tmp_path_factory.mktemp("local") / "evasive"
    generate_world(data, 20_000, seed=2, world="evasive")
    dataset, graph, membership, requests = _inputs(data)
    clusters = score(graph, dataset.accounts, membership, dataset.ip_asn, ScoringParams(), requests).clusters
    cored = clusters.loc[clusters["n_core"] >= 10, "community"].to_numpy()[:12]
    into = dict(zip(cored[1::2], cored[::2], strict=False))  # the second of each pair joins the first
    merged = membership.assign(community=membership["community"].replace(into))
    return dataset, graph, merged, requests


def test_split_communities_get_the_labels_of_the_whole(merged_world: tuple) -> None:
    dataset, graph, membership, requests = merged_world
    params = ScoringParams()
    whole = score(graph, dataset.accounts, membership, dataset.ip_asn, params, requests)
    assert whole.clusters["community"].max() > membership["community"].max()  # the merge made splits
    parts, groups = _by_groups(dataset, graph, membership, requests, params, 4)
    assert sum(len(g.splits) > 0 for g in groups) >= 2  # parts numbered across groups
    _assert_same(whole, parts)


def _micros(values: pd.Series) -> pd.Series:
    stamps = pd.DatetimeIndex(pd.to_datetime(values, utc=True)).as_unit("us")
    return pd.Series(np.where(stamps.isna(), np.nan, stamps.asi8.astype(np.float64)))


def _as_task_rows(members: pd.DataFrame, links: pd.DataFrame, requests: pd.DataFrame | None, grp: int) -> tuple:
    """The union of rows a Spark task receives (missing ints as NaN floats, as Arrow gives them),
    decoded by :func:`linkgraph.spark.scoring.group_frames`."""
    from linkgraph.spark.scoring import LINK, MEMBER, REQUEST, group_frames

    ban = members["tie_ban_ns"].to_numpy()
    m = members.drop(columns=["created_at", "tie_ban_ns"]).assign(
        created=_micros(members["created_at"]).to_numpy(),
        tie_ban_us=np.where(ban == np.iinfo(np.int64).min, np.nan, ban // 1_000),
        part=MEMBER,
    )
    links = links.assign(kind=links["kind"].astype(str), artifact=links["artifact"].astype(str), part=LINK)
    seen = ["first_seen", "last_seen"]
    links = links.drop(columns=seen).assign(**{f"{c}_us": _micros(links[c]).to_numpy() for c in seen})
    if "family" in links.columns:  # as Spark names it beside the requests' own family column
        links = links.rename(columns={"family": "art_family"})
    parts = [m, links.iloc[::-1]]  # a task's rows come in any order
    if requests is not None:
        r = pd.DataFrame({"acct": requests["acct"].to_numpy(), "ts": _micros(requests["timestamp"]).to_numpy()})
        for col in ("model", "family"):
            if col in requests.columns:
                r[col] = requests[col].astype(object).to_numpy()
        parts.append(r.assign(part=REQUEST).iloc[::-1])
    rows = pd.concat(parts, ignore_index=True).assign(grp=grp)
    return group_frames(rows.sample(frac=1.0, random_state=0).reset_index(drop=True))


def test_a_task_decodes_its_rows_and_scores_as_the_whole(merged_world: tuple) -> None:
    """The Spark task's decoding (spark/scoring.py: group_frames) gives score_group its rows back."""
    dataset, graph, membership, requests = merged_world
    params = ScoringParams()
    whole = score(graph, dataset.accounts, membership, dataset.ip_asn, params, requests)
    parts, _ = _by_groups(dataset, graph, membership, requests, params, 4, through=_as_task_rows)
    assert (parts.clusters["concentration"] > 0).any() and (parts.clusters["model_pivot"] > 0).any()
    ordered = whole.member_links.sort_values(["acct", "art"], kind="stable").reset_index(drop=True)
    for got, want in zip(
        (parts.clusters, parts.members, parts.cluster_artifacts, parts.member_links),
        (whole.clusters, whole.members, whole.cluster_artifacts, ordered),
        strict=True,
    ):  # links sorted by (acct, art) in a task: sums may differ in the last bit
        pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-12, check_dtype=False)


def test_satellites_move_alike_when_groups_are_scored_apart(tmp_path: Path) -> None:
    """On the fifth independent world, part of op_mosaic lands among ordinary users and is
    peripheral there: its members move to the operation's cluster. Groups scored apart,
    then the moves found from every group's roles and their communities scored again, give
    the whole population's result."""
    data = generated_world("fifth_world.py", tmp_path / "fifth", 20_000, 1)
    dataset, graph, membership, requests = _inputs(data)
    params = ScoringParams()
    whole = score(graph, dataset.accounts, membership, dataset.ip_asn, params, requests)
    first, _ = _by_groups(dataset, graph, membership, requests, params, 3, split=True, satellites=False)
    moves = satellite_moves(first.members, graph.links, graph.artifacts, params)
    assert len(moves) >= 50
    parts, _ = _by_groups(dataset, graph, membership, requests, params, 3)
    _assert_same(whole, parts)


def test_template_teams_split_alike_when_groups_are_scored_apart(tmp_path: Path) -> None:
    """On the fifth independent world with seed 3, part of op_mosaic is core in a crowd of
    carrier and reseller users; its template team becomes a community of its own
    (:func:`~linkgraph.scoring.parts.template_team`), in groups as in the whole."""
    data = generated_world("fifth_world.py", tmp_path / "fifth", 20_000, 3)
    dataset, graph, membership, requests = _inputs(data)
    params = ScoringParams()
    whole = score(graph, dataset.accounts, membership, dataset.ip_asn, params, requests)
    no_teams = score(
        graph, dataset.accounts, membership, dataset.ip_asn, replace(params, template_team_share=0), requests
    )
    new = membership["community"].max()
    assert (whole.clusters["community"] > new).sum() > (no_teams.clusters["community"] > new).sum()
    parts, _ = _by_groups(dataset, graph, membership, requests, params, 3)
    _assert_same(whole, parts)


def test_a_gathering_scores_alike_in_spark_tasks(tmp_path: Path) -> None:
    """On the third independent world a hackathon met at its venue for a day and a half
    (:func:`~linkgraph.scoring.gathering.gathering`): a task's rows carry the link times, so
    groups scored as Spark tasks give the whole population's result."""
    data = generated_world("third_world.py", tmp_path / "third", 20_000, 1)
    dataset, graph, membership, requests = _inputs(data)
    params = ScoringParams()
    whole = score(graph, dataset.accounts, membership, dataset.ip_asn, params, requests)
    assert (whole.clusters["gathering"] >= 0.5).sum() == 1
    parts, _ = _by_groups(dataset, graph, membership, requests, params, 3, through=_as_task_rows)
    pd.testing.assert_series_equal(parts.clusters["gathering"], whole.clusters["gathering"], check_exact=True)
    pd.testing.assert_frame_equal(parts.members, whole.members, check_exact=False, rtol=1e-12, check_dtype=False)


def test_crews_and_pods_split_alike_when_groups_are_scored_apart(tmp_path: Path) -> None:
    """On the nineteenth independent world at 10k seed 3 a crew of contractors leaves its host
    companies (:mod:`~linkgraph.scoring.crews`) and a queue's pods leave the crowd
    (:mod:`~linkgraph.scoring.prompt_pairs`): made after every part, the crew is numbered by the
    community it came from (:func:`~linkgraph.scoring.crews.by_origin`), as a group's scorer does."""
    data = generated_world("nineteenth_world.py", tmp_path / "nineteenth", 10_000, 3)
    dataset, graph, membership, requests = _inputs(data)
    params = ScoringParams()
    whole = score(graph, dataset.accounts, membership, dataset.ip_asn, params, requests)
    assert (whole.clusters["community"] > membership["community"].max()).sum() >= 3
    parts, _ = _by_groups(dataset, graph, membership, requests, params, 3)
    _assert_same(whole, parts)
    tasks, _ = _by_groups(dataset, graph, membership, requests, params, 3, through=_as_task_rows)
    pd.testing.assert_frame_equal(tasks.members, whole.members, check_exact=False, rtol=1e-12, check_dtype=False)
