"""A scheduler's egress: shared IPs a cluster's members use only at their shared minutes' time of day."""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.scoring.egress import scheduler_egress

DAY = pd.Timedelta(days=1)
T0 = pd.Timestamp("2026-03-02 06:00:10", tz="UTC")


class Links:
    """A link table under construction, with the member rows that point into it."""

    def __init__(self) -> None:
        self.rows: list[dict[str, object]] = []
        self.ips: list[dict[str, int]] = []
        self.lockstep: list[dict[str, int]] = []

    def add(self, acct: int, art: int, first: pd.Timestamp, last: pd.Timestamp, count: int) -> int:
        self.rows.append({"acct": acct, "art": art, "first_seen": first, "last_seen": last, "count": count})
        return len(self.rows) - 1

    def daily_job(self, acct: int, days: int, community: int = 7) -> None:
        """The member's shared 06:00 minute on each of ``days`` days (one lockstep bucket a day)."""
        for d in range(days):
            t = T0 + d * DAY
            self.lockstep.append({"link": self.add(acct, 100 + d, t, t, 1), "acct": acct, "community": community})

    def ip(self, acct: int, art: int, first: pd.Timestamp, last: pd.Timestamp, count: int, community: int = 7) -> None:
        self.ips.append(
            {"link": self.add(acct, art, first, last, count), "acct": acct, "community": community, "art": art}
        )

    def egress(self, scheduled: float = 1.0) -> list[bool]:
        links = pd.DataFrame(self.rows).astype({"count": "Int64"})
        flags = scheduler_egress(
            pd.DataFrame(self.ips), pd.DataFrame(self.lockstep), links, pd.Series({7: scheduled, 8: 0.0})
        )
        return flags.tolist()


def test_the_servers_of_a_daily_job_are_its_egress() -> None:
    t = Links()
    for acct in (1, 2):
        t.daily_job(acct, 10)
        t.ip(acct, 1, T0 - DAY + pd.Timedelta(seconds=40), T0 + 9 * DAY, 6)  # a morning before any shared bucket too
    t.ip(1, 2, T0 + pd.Timedelta(hours=8), T0 + 5 * DAY + pd.Timedelta(hours=3), 30)  # member 1's home
    assert t.egress() == [True, True, False]


def test_one_member_sending_through_it_at_another_time_makes_it_an_access_path() -> None:
    t = Links()
    for acct in (1, 2):
        t.daily_job(acct, 10)
    t.ip(1, 1, T0, T0 + 9 * DAY, 6)
    t.ip(2, 1, T0, T0 + 4 * DAY + pd.Timedelta(hours=7, minutes=13), 6)
    assert t.egress() == [False, False]


def test_more_requests_than_the_job_sends_is_more_than_the_job() -> None:
    t = Links()
    for acct in (1, 2):
        t.daily_job(acct, 10)
        t.ip(acct, 1, T0, T0 + 2 * DAY, 3 if acct == 1 else 40)  # 40 requests in three mornings
    assert t.egress() == [False, False]


def test_clusters_off_the_clock_keep_their_proxies() -> None:
    t = Links()
    for acct in (1, 2):
        t.daily_job(acct, 10, community=8)
        t.ip(acct, 1, T0, T0 + 9 * DAY, 6, community=8)
    assert t.egress() == [False, False]
    u = Links()
    for acct in (1, 2):
        u.daily_job(acct, 10)
        u.ip(acct, 1, T0, T0 + 9 * DAY, 6)
    assert u.egress(scheduled=0.0) == [False, False]


def test_without_request_counts_nothing_is_egress() -> None:
    t = Links()
    for acct in (1, 2):
        t.daily_job(acct, 10)
        t.ip(acct, 1, T0, T0 + 9 * DAY, 6)
    links = pd.DataFrame(t.rows).drop(columns="count")
    flags = scheduler_egress(pd.DataFrame(t.ips), pd.DataFrame(t.lockstep), links, pd.Series({7: 1.0}))
    assert not np.any(flags)


def test_a_member_without_a_clock_neither_confirms_nor_refutes() -> None:
    """One seat of three shares no minute with the others: the two with a clock decide; with
    two of three clockless, nobody does."""
    t = Links()
    for acct in (1, 2):
        t.daily_job(acct, 10)
    for acct in (1, 2, 3):
        t.ip(acct, 1, T0, T0 + 9 * DAY, 6)
    assert t.egress() == [True, True, True]
    u = Links()
    u.daily_job(1, 10)
    for acct in (1, 2, 3):
        u.ip(acct, 1, T0, T0 + 9 * DAY, 6)
    assert u.egress() == [False, False, False]
