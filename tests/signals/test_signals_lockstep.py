"""Lockstep buckets: synchronized accounts are linked; crowds, popular keys and small buckets are not."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st
from lockstep_worlds import T0, popular_key_world, world

from linkgraph.signals.lockstep import lockstep_links


def test_group_is_linked_and_nothing_else() -> None:
    result = lockstep_links(world())
    assert set(result.links["acct"]) == {f"g{i}" for i in range(8)}
    assert len(result.links) == 6 * 6
    assert list(result.links.columns) == ["acct", "artifact", "first_seen", "last_seen", "count"]
    assert "ls:2026-09-19T01:01|pf:fp_campaign" in set(result.links["artifact"])
    kept = result.buckets[~result.buckets["generic"]]
    assert (kept["n_accounts"] == 6).all() and len(kept) == 6
    assert list(result.buckets.columns) == ["artifact", "window_start", "key", "n_accounts", "generic"]


def test_busy_window_is_generic() -> None:
    result = lockstep_links(world())
    assert result.busy_windows["window_start"].tolist() == [T0 + pd.Timedelta(hours=12)]
    crowd = result.buckets[result.buckets["window_start"] == T0 + pd.Timedelta(hours=12)]
    assert len(crowd) == 40 and crowd["generic"].all()
    # without the busy rule, the 40 integration buckets would link the crowd
    lifted = lockstep_links(world(), busy_factor=1e9)
    assert lifted.links["acct"].str.startswith("c").sum() == 400


def test_popular_key_is_generic() -> None:
    frame = world()
    popular = frame.sample(n=1_500, random_state=1).index
    frame.loc[popular, "prompt_fingerprint"] = "fp_framework"
    frame.loc[frame["prompt_fingerprint"] == "fp_campaign", "prompt_fingerprint"] = "fp_framework"
    result = lockstep_links(frame, max_key_df_fraction=0.01, min_generic_df=25)
    assert "pf:fp_framework" in set(result.generic_keys["key"])
    assert not result.links["artifact"].str.endswith("fp_framework").any()


def test_small_buckets_produce_nothing() -> None:
    frame = world()
    result = lockstep_links(frame, min_accounts=7)
    assert result.links.empty


def test_row_order_and_input_type_do_not_matter() -> None:
    frame = world()
    base = lockstep_links(frame)
    shuffled = frame.sample(frac=1, random_state=5).reset_index(drop=True)
    for other in (shuffled, pa.Table.from_pandas(shuffled, preserve_index=False)):
        again = lockstep_links(other)
        pd.testing.assert_frame_equal(base.links, again.links)
        pd.testing.assert_frame_equal(base.buckets, again.buckets)
        pd.testing.assert_frame_equal(base.generic_keys, again.generic_keys)


def test_timestamp_forms_agree() -> None:
    frame = world()
    base = lockstep_links(frame)
    as_ns = frame.assign(timestamp=frame["timestamp"].dt.as_unit("ns").astype("int64"))
    as_us = frame.assign(timestamp=frame["timestamp"].dt.as_unit("us"))
    as_cat = frame.assign(account_id=frame["account_id"].astype("category"))
    for other in (as_ns, as_us, as_cat):
        pd.testing.assert_frame_equal(base.links, lockstep_links(other).links, check_categorical=False)


def test_key_choice_family_then_fingerprint_then_model_then_none() -> None:
    frame = world()
    family = np.where(
        frame["prompt_fingerprint"] == "fp_campaign", "tf:00000000000000aa", "tf:" + frame.index.astype(str)
    )
    by_family = lockstep_links(frame, family=family)
    assert by_family.links["artifact"].str.endswith("|tf:00000000000000aa").all()
    by_model = lockstep_links(frame.drop(columns="prompt_fingerprint").assign(model="m1"))
    assert by_model.generic_keys.empty  # models are partitions, never "popular keys"
    assert by_model.links["artifact"].str.contains(r"\|m:m1$").all()
    no_key = lockstep_links(frame.drop(columns="prompt_fingerprint"))
    assert no_key.buckets["key"].eq("*").all()
    assert no_key.busy_windows["window_start"].tolist() == [T0 + pd.Timedelta(hours=12)]


def test_empty_input() -> None:
    empty = world().iloc[:0]
    result = lockstep_links(empty)
    assert result.links.empty and result.buckets.empty


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10**6), st.integers(2, 10))
def test_permuting_rows_gives_identical_output(seed: int, group: int) -> None:
    rng = np.random.default_rng(seed)
    n = 400
    frame = pd.DataFrame(
        {
            "account_id": rng.integers(0, group * 3, n).astype(str),
            "timestamp": rng.integers(0, 600, n) * 1_000_000_000 * 7,
            "prompt_fingerprint": rng.integers(0, 3, n).astype(str),
        }
    )
    base = lockstep_links(frame, min_accounts=3, busy_factor=3.0)
    again = lockstep_links(frame.sample(frac=1, random_state=seed % 1000), min_accounts=3, busy_factor=3.0)
    pd.testing.assert_frame_equal(base.links, again.links)
    pd.testing.assert_frame_equal(base.buckets, again.buckets)
    pd.testing.assert_frame_equal(base.busy_windows, again.busy_windows)


def test_rows_without_account_or_time_and_far_outliers_are_harmless() -> None:
    frame = world()
    base = lockstep_links(frame)
    extra = pd.DataFrame(
        {
            "account_id": [None, "x1", "x2"],
            "timestamp": [T0, pd.NaT, pd.Timestamp("1990-01-01", tz="UTC")],
            "prompt_fingerprint": ["fp_campaign"] * 3,
        }
    )
    noisy = pd.concat([frame, extra], ignore_index=True)
    for other in (noisy, pa.Table.from_pandas(noisy, preserve_index=False)):
        again = lockstep_links(other)
        pd.testing.assert_frame_equal(base.links, again.links)
        pd.testing.assert_frame_equal(base.buckets, again.buckets)


def test_wave_over_a_few_templates_in_a_busy_minute_is_kept() -> None:
    """60 accounts fire together on three templates: the minute is busy because of them alone."""
    frame = world()
    waves = []
    for minute in (90, 400, 650, 900):
        start = T0 + pd.Timedelta(minutes=minute)
        waves.append(
            pd.DataFrame(
                {
                    "account_id": [f"w{i}" for i in range(60)],
                    "timestamp": [start + pd.Timedelta(seconds=k % 50) for k in range(60)],
                    "prompt_fingerprint": [f"fp_op{k % 3}" for k in range(60)],
                }
            )
        )
    result = lockstep_links(pd.concat([frame, *waves], ignore_index=True))
    linked = set(result.links["acct"])
    assert {f"w{i}" for i in range(60)} <= linked
    assert not any(a.startswith("c") for a in linked)  # the top-of-hour crowd stays generic


def test_a_popular_keys_waves_are_kept_and_its_ordinary_minutes_are_not() -> None:
    """An operation whose own template passes the popularity cap still shows in its waves."""
    result = lockstep_links(popular_key_world())
    assert "pf:fp_big" in set(result.generic_keys["key"])
    big = result.buckets[result.buckets["key"] == "pf:fp_big"]
    kept = big[~big["generic"]]
    assert len(kept) == 4 and (kept["n_accounts"] >= 200).all()
    per_account = result.links["acct"].value_counts()
    assert (per_account[[f"w{i}" for i in range(200)]] == 4).all()
    others = per_account[~per_account.index.str.startswith("w") & ~per_account.index.str.startswith("g")]
    assert (others <= 1).all()  # an ordinary user caught in one wave minute by chance, never twice


def test_a_popular_key_in_a_top_of_hour_crowd_stays_generic() -> None:
    """100 of the 400 cron users send the popular key at 12:00: a wave of the key, but in a crowd."""
    result = lockstep_links(popular_key_world(crowd_on_key=100))
    noon = result.buckets[result.buckets["window_start"] == T0 + pd.Timedelta(hours=12)]
    assert noon["generic"].all() and (noon["key"] == "pf:fp_big").any()
    assert not any(a.startswith("c") for a in result.links["acct"])
