"""A crew inside real companies: members who meet other companies' members are split off."""

from __future__ import annotations

import pandas as pd

from linkgraph.scoring.crews import by_origin, organisation_crews


class Cluster:
    """One community of companies: staff, seats, and the lockstep buckets they share."""

    def __init__(self) -> None:
        self.domains: list[str] = []
        self.ev: list[dict[str, object]] = []
        self.elsewhere: dict[str, int] = {}  # accounts on a domain outside the cluster
        self.enforced: set[int] = set()

    def add(self, domain: str, n: int) -> list[int]:
        start = len(self.domains)
        self.domains += [domain] * n
        return list(range(start, start + n))

    def bucket(self, art: int, accts: list[int]) -> None:
        self.ev += [{"acct": a, "community": 0, "art": art, "kind": "lockstep"} for a in accts]

    def crews(self, min_part: int = 5) -> pd.DataFrame | None:
        n = len(self.domains)
        members = pd.DataFrame({"acct": range(n), "community": 0, "role": "core"})
        members["enforced"] = members["acct"].isin(self.enforced)
        accounts = pd.DataFrame({"email_domain": self.domains})
        counts = accounts["email_domain"].value_counts().add(pd.Series(self.elsewhere), fill_value=0)
        return organisation_crews(
            members, pd.DataFrame(self.ev), accounts, counts, min_part, members[["acct", "community"]], 0.01
        )


def _companies(staff: int, seats: int) -> tuple[Cluster, list[int], list[int]]:
    c = Cluster()
    all_staff, all_seats = [], []
    for name in ("alder.com", "birch.com", "cedar.com"):
        people = c.add(name, staff)
        c.bucket(len(c.ev) + 1000, people[:4])  # a stand-up: a company meeting itself
        all_staff += people
        all_seats += c.add(name, seats)
    for night in range(4):  # the dispatcher fans each job out over seats of different companies
        c.bucket(night, all_seats[night % 2 :: 2])
    c.enforced = set(all_seats[::2])  # the provider banned half the seats
    return c, all_staff, all_seats


def test_seats_that_meet_other_companies_leave_the_staff() -> None:
    c, staff, seats = _companies(staff=8, seats=2)
    out = c.crews()
    assert out is not None
    community = out.set_index("acct")["community"]
    assert set(community[seats]) == {1}
    assert set(community[staff]) == {0}


def test_shell_companies_that_are_all_crew_are_not_split() -> None:
    c, _, _ = _companies(staff=1, seats=4)  # each shell: its seats are most of it
    assert c.crews() is None


def test_a_crew_below_the_minimum_part_stays() -> None:
    c, _, _ = _companies(staff=8, seats=2)
    assert c.crews(min_part=7) is None


def test_members_of_one_domain_meet_no_other_organisation() -> None:
    c = Cluster()
    people = c.add("gmail.com", 30)
    for night in range(4):
        c.bucket(night, people[night % 2 :: 2])
    assert c.crews() is None


def test_splits_are_numbered_by_the_community_they_came_from() -> None:
    """The whole population makes every part before any crew; a group's scorer numbers by origin."""
    origin = pd.DataFrame({"acct": range(6), "community": [0, 0, 1, 1, 2, 2]})
    after = origin.assign(community=[0, 4, 1, 3, 2, 2])  # a part of community 1 (3), then a crew of 0 (4)
    assert by_origin(after, origin)["community"].tolist() == [0, 3, 1, 4, 2, 2]


def test_a_crew_that_is_most_of_its_cluster_is_the_operation() -> None:
    """Shells whose accounts mostly meet the other shells: what is left would be no company."""
    c, _, _ = _companies(staff=2, seats=4)
    c.elsewhere = {"alder.com": 3, "birch.com": 3, "cedar.com": 3}  # 4 seats of 9 on each domain: its minority
    assert c.crews() is None


def test_a_crew_among_an_operations_webmail_accounts_stays() -> None:
    """The rest of the core must be companies: an operation's few privacy-mail 'organisations' are not."""
    c, _, seats = _companies(staff=8, seats=2)
    c.domains = [d if i in seats else "gmail.com" for i, d in enumerate(c.domains)]
    c.elsewhere = {"gmail.com": 10_000}
    for name in ("alder.com", "birch.com", "cedar.com"):  # the seats' domains: five accounts each, owned
        c.add(name, 3)
    assert c.crews() is None


def test_colleagues_banned_beyond_chance_are_no_innocent_company() -> None:
    """Shells the provider banned throughout: the crew is only the part that met another shell twice."""
    c, staff, _ = _companies(staff=8, seats=2)
    c.enforced |= set(staff[::3])  # 8 of 24
    assert c.crews() is None


def test_a_crew_the_provider_has_not_banned_stays() -> None:
    """Nothing voids the colleagues' discount: nothing to split for."""
    c, _, _ = _companies(staff=8, seats=2)
    c.enforced = set()
    assert c.crews() is None
