"""Behaviour features of clusters from the request log: what their members send, and when.

A new model adopted within 24 hours of its release, volume against the population, traffic
concentrated in few template families, and three readings of timing once the cluster is
known: its own waves, its own sessions, and cells meeting in the same minutes. ``add_risk``
(:mod:`linkgraph.scoring.clusters`) weighs them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from linkgraph.graph import LinkGraph
from linkgraph.scoring.activity import model_pivot, request_volume, template_concentration
from linkgraph.scoring.cells import cell_lockstep
from linkgraph.scoring.cluster_sessions import cluster_sessions
from linkgraph.scoring.cluster_waves import cluster_waves, member_minutes
from linkgraph.scoring.population import PIVOT_WINDOW_HOURS, Population
from linkgraph.scoring.schedule import scheduled_share
from linkgraph.scoring.shared_rest import shared_rest


@dataclass
class Behaviour:
    """``features`` per cluster (see :func:`request_features`); ``wave_rows``: ``community, acct,
    art``, one row per member and wave of its cluster it rode (``art`` numbers the waves);
    ``wave_starts``: per wave number, its minute since the epoch."""

    features: pd.DataFrame
    wave_rows: pd.DataFrame
    wave_starts: np.ndarray


def request_features(
    requests: pd.DataFrame | None,
    basis: pd.DataFrame,
    n_accounts: int,
    index: pd.Index,
    population: Population,
    graph: LinkGraph | None = None,
    min_members: int = 5,
) -> Behaviour:
    """Behaviour from the request log: a new model adopted within 24 hours of its release,
    volume against the population, traffic concentrated in few template families, members
    riding the cluster's own waves (:mod:`~linkgraph.scoring.cluster_waves`), working in its
    own sessions (:mod:`~linkgraph.scoring.cluster_sessions`) and cells meeting in the same
    minutes (:mod:`~linkgraph.scoring.cells`, needs ``graph``). ``wave_scheduled`` is
    :func:`~linkgraph.scoring.schedule.scheduled_share` of the waves, ``session_scheduled``
    the sessions' clock (:func:`add_risk` discounts both on a clock). ``shared_rest``: members
    working round the clock who all rest in the same hours, ``min_members`` of them or more
    (:mod:`~linkgraph.scoring.shared_rest`).

    ``n_accounts``: the account codes' range in ``requests`` and ``basis``. The waves' riders
    come back too (:class:`Behaviour`): organisations riding each other's waves are coordinated
    (:mod:`~linkgraph.scoring.coordinated`).
    """
    out = pd.DataFrame(
        {
            "model_pivot": 0.0,
            "volume": 0.0,
            "concentration": 0.0,
            "wave_share": 0.0,
            "wave_scheduled": 0.0,
            "session_share": 0.0,
            "session_scheduled": 0.0,
            "cell_lockstep_share": 0.0,
            "shared_rest": 0.0,
        },
        index=index,
    )
    wave_rows = pd.DataFrame({"community": [], "acct": [], "art": []}, dtype=np.int64)
    wave_starts = np.zeros(0, dtype=np.int64)
    if requests is not None:
        community_of = np.full(n_accounts, -1, dtype=np.int64)
        community_of[basis["acct"].to_numpy()] = basis["community"].to_numpy()
        pivot = model_pivot(requests, community_of, PIVOT_WINDOW_HOURS, releases=population.releases)
        out["model_pivot"] = pivot.reindex(index).fillna(0.0)
        volume = request_volume(requests, community_of, baseline=population.volume_baseline)
        out["volume"] = volume.reindex(index).fillna(0.0)
        out["concentration"] = template_concentration(requests, community_of).reindex(index).fillna(0.0)
        minutes = member_minutes(requests, community_of)
        waves = cluster_waves(minutes, community_of)
        out["wave_share"] = waves.share.reindex(index).fillna(0.0)
        out["wave_scheduled"] = scheduled_share(waves.rows, waves.starts, index)
        wave_rows, wave_starts = waves.rows, waves.starts
        sessions = cluster_sessions(minutes, community_of)
        out["session_share"] = sessions.share.reindex(index).fillna(0.0)
        out["session_scheduled"] = sessions.scheduled.reindex(index).fillna(0.0)
        out["shared_rest"] = shared_rest(minutes, min_members).reindex(index).fillna(0.0)
        if graph is not None:
            cells = cell_lockstep(requests, graph.links, graph.artifacts, community_of)
            out["cell_lockstep_share"] = cells.reindex(index).fillna(0.0)
    return Behaviour(out, wave_rows, wave_starts)
