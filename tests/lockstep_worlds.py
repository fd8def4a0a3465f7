"""Request logs for the lockstep tests (embedded and Spark): a synchronized group, organic
background, a top-of-hour crowd and, optionally, a popular template with its own waves."""

from __future__ import annotations

import numpy as np
import pandas as pd

T0 = pd.Timestamp("2026-09-19T00:00:00Z")


def world(seed: int = 0) -> pd.DataFrame:
    """Organic background, an 8-account group in 6 waves on one template, a top-of-hour crowd."""
    rng = np.random.default_rng(seed)
    n = 3_000
    organic = pd.DataFrame(
        {
            "account_id": [f"o{i}" for i in rng.integers(0, 600, n)],
            "timestamp": T0 + pd.to_timedelta(rng.integers(0, 86_400, n), unit="s"),
            "prompt_fingerprint": [f"fp_o{i}" for i in rng.integers(0, 2_000, n)],
        }
    )
    waves = []
    for w, minute in enumerate([61, 200, 333, 502, 777, 1001]):
        members = [f"g{i}" for i in range(8) if (i + w) % 4 != 0]  # 6 of 8 per wave
        start = T0 + pd.Timedelta(minutes=minute)
        waves.append(
            pd.DataFrame(
                {
                    "account_id": members,
                    "timestamp": [start + pd.Timedelta(seconds=3 * k) for k in range(len(members))],
                    "prompt_fingerprint": "fp_campaign",
                }
            )
        )
    crowd = pd.DataFrame(  # 400 cron users at 12:00, in 40 integration templates of 10 users
        {
            "account_id": [f"c{i}" for i in range(400)],
            "timestamp": T0 + pd.Timedelta(hours=12) + pd.to_timedelta(np.arange(400) % 30, unit="s"),
            "prompt_fingerprint": [f"fp_int{i % 40}" for i in range(400)],
        }
    )
    return pd.concat([organic, *waves, crowd], ignore_index=True)


def popular_key_world(crowd_on_key: int = 0) -> pd.DataFrame:
    """The base world plus a key used by 300 ordinary accounts at their own pace, and 200 others
    that send it together in four quiet minutes; ``crowd_on_key`` cron users send it at 12:00."""
    rng = np.random.default_rng(3)
    ordinary = pd.DataFrame(
        {
            "account_id": [f"u{i}" for i in rng.integers(0, 300, 1_200)],
            "timestamp": T0 + pd.to_timedelta(rng.integers(0, 86_400, 1_200), unit="s"),
            "prompt_fingerprint": "fp_big",
        }
    )
    waves = [
        pd.DataFrame(
            {
                "account_id": [f"w{i}" for i in range(200)],
                "timestamp": [T0 + pd.Timedelta(minutes=minute, seconds=k % 50) for k in range(200)],
                "prompt_fingerprint": "fp_big",
            }
        )
        for minute in (95, 410, 655, 905)
    ]
    frame = pd.concat([world(), ordinary, *waves], ignore_index=True)
    crowd = frame["account_id"].str.startswith("c") & (frame.index % 4 == 0)
    frame.loc[crowd[crowd].index[:crowd_on_key], "prompt_fingerprint"] = "fp_big"
    return frame


def paraphrase_world(seed: int = 0, days: int = 5) -> pd.DataFrame:
    """Over ``days`` days: organic background; 30 operation accounts in 12 waves at odd minutes,
    each on one of 15 paraphrase families (about two accounts per family and wave); 300 cron
    users at :00 every hour and 300 others at 09:00 every day, each with their own prompt."""
    rng = np.random.default_rng(seed)
    n = 2_000 * days
    organic = pd.DataFrame(
        {
            "account_id": [f"o{i}" for i in rng.integers(0, 2_000, n)],
            "timestamp": T0 + pd.to_timedelta(rng.integers(0, 86_400 * days, n), unit="s"),
            "prompt_fingerprint": [f"fp_o{i}" for i in rng.integers(0, 5_000, n)],
        }
    )
    minutes = rng.choice(np.arange(1, 1_440 * days), 12, replace=False)
    minutes = minutes[minutes % 60 != 0]
    waves = [
        pd.DataFrame(
            {
                "account_id": [f"p{i}" for i in range(30)],
                "timestamp": [T0 + pd.Timedelta(minutes=int(m), seconds=k) for k in range(30)],
                "prompt_fingerprint": [f"fp_para{rng.integers(0, 15)}" for _ in range(30)],
            }
        )
        for m in minutes
    ]
    hourly = [
        pd.DataFrame(
            {
                "account_id": [f"h{i}" for i in range(300)],
                "timestamp": T0 + pd.Timedelta(hours=h) + pd.to_timedelta(np.arange(300) % 40, unit="s"),
                "prompt_fingerprint": [f"fp_h{i}" for i in range(300)],
            }
        )
        for h in range(24 * days)
    ]
    daily = [
        pd.DataFrame(
            {
                "account_id": [f"d{i}" for i in range(300)],
                "timestamp": T0
                + pd.Timedelta(days=d, hours=9, minutes=17)
                + pd.to_timedelta(np.arange(300) % 40, unit="s"),
                "prompt_fingerprint": [f"fp_d{i}" for i in range(300)],
            }
        )
        for d in range(days)
    ]
    return pd.concat([organic, *waves, *hourly, *daily], ignore_index=True)
