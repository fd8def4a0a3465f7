"""Waves over many templates: a busy minute at a quiet time is a wave, and its fragments are one bucket."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from lockstep_worlds import paraphrase_world

from linkgraph.signals.lockstep import lockstep_links
from linkgraph.signals.waves import WAVE_KEY, position_medians, quiet_position


def test_position_median_is_the_upper_median_over_active_periods() -> None:
    # period 60: windows 0, 60, 120, 180 are position 0 in cycles 0..3; 1 and 61 are position 1
    count = np.array([5, 70, 80, 75, 1, 3])
    window = np.array([0, 60, 120, 180, 1, 61])
    assert position_medians(count, window, 60).tolist() == [75, 75, 75, 75, 1, 1]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 50), min_size=1, max_size=40), st.integers(1, 6))
def test_position_median_is_the_median_over_every_cycle(counts: list[int], period: int) -> None:
    window = np.arange(len(counts))
    count = np.array(counts)
    active = count > 0
    if not active.any():
        return
    got = position_medians(count[active], window[active], period)
    cycles = sorted(set(window[active] // period))  # periods with any activity
    for w, value in zip(window[active], got, strict=True):
        at = [c * period + w % period for c in cycles]
        ranked = sorted((counts[i] if i < len(counts) else 0 for i in at), reverse=True)
        assert value == ranked[(len(ranked) - 1) // 2]


def test_quiet_position_needs_both_the_hour_and_the_day_to_be_quiet() -> None:
    minutes = 3 * 1_440
    per_window = np.ones(minutes, dtype=np.int64)
    per_window[::60] = 50  # every hour at :00
    per_window[9 * 60 + 17 :: 1_440] = 50  # every day at 09:17
    per_window[1_440 + 5 * 60 + 31] = 40  # once, at 05:31 on day two
    quiet = quiet_position(per_window, np.arange(minutes), 60, 10.0)
    assert quiet[1_440 + 5 * 60 + 31]
    assert not quiet[::60].any() and not quiet[9 * 60 + 17 :: 1_440].any()


def test_a_wave_over_many_paraphrases_is_linked_and_the_crowds_are_not() -> None:
    result = lockstep_links(paraphrase_world())
    kept = result.buckets[result.buckets["key"] == WAVE_KEY]
    n_waves = len(kept)
    assert n_waves >= 10
    # each operation account is in every wave: on its family's bucket when five shared it, else a fragment
    per_account = result.links["acct"].value_counts()
    assert (per_account.reindex([f"p{i}" for i in range(30)]) == n_waves).all()
    # no hourly or daily cron user, and no bystander who sent in a wave's minute by chance
    assert set(result.links["acct"]) == {f"p{i}" for i in range(30)}
    assert (~kept["generic"]).all() and (kept["n_accounts"] >= 5).all()


def test_without_waves_the_paraphrases_are_too_small_to_link() -> None:
    """The same world on one day has no quiet time of day to tell a wave by: nothing is linked."""
    frame = paraphrase_world(days=1)
    result = lockstep_links(frame)
    assert not result.links["acct"].str.startswith("p").any()


def test_a_bystander_in_three_waves_is_kept_and_in_two_is_not() -> None:
    frame = paraphrase_world()
    base = lockstep_links(frame)
    starts = base.buckets.loc[base.buckets["key"] == WAVE_KEY, "window_start"].sort_values().tolist()
    visits = [
        pd.DataFrame({"account_id": [who], "timestamp": [start], "prompt_fingerprint": [f"fp_{who}{k}"]})
        for who, n in (("x2", 2), ("x3", 3))
        for k, start in enumerate(starts[:n])
    ]
    linked = lockstep_links(pd.concat([frame, *visits], ignore_index=True)).links["acct"].value_counts()
    assert linked.get("x3") == 3 and "x2" not in linked.index


def test_a_user_who_sends_every_few_minutes_is_in_every_wave_but_not_linked() -> None:
    frame = paraphrase_world()
    minutes = pd.timedelta_range(0, periods=5 * 1_440, freq="1min")
    heavy = pd.DataFrame({"account_id": "busy", "timestamp": frame["timestamp"].min().floor("D") + minutes})
    result = lockstep_links(pd.concat([frame, heavy.assign(prompt_fingerprint="fp_busy")], ignore_index=True))
    assert "busy" not in set(result.links["acct"])
    assert set(result.links["acct"]) == {f"p{i}" for i in range(30)}


def test_row_order_does_not_change_the_waves() -> None:
    frame = paraphrase_world(seed=2)
    base = lockstep_links(frame)
    again = lockstep_links(frame.sample(frac=1, random_state=4).reset_index(drop=True))
    pd.testing.assert_frame_equal(base.links, again.links)
    pd.testing.assert_frame_equal(base.buckets, again.buckets)
