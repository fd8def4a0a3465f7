"""Prompt text → template fingerprints and SimHashes: paraphrases close, unrelated far, no raw text out."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd

from linkgraph.signals.fingerprint import fingerprint_prompts, normalise_template, simhash_text
from linkgraph.signals.simhash import hamming, parse_simhash


def test_normalise_collapses_instances() -> None:
    a = normalise_template("Solve 12 + 7 for user_8812abcd, see https://a.b/c?d=1 and mail x.y@corp.com")
    b = normalise_template("solve   3.5 + 99 for  user_0001ffff, see http://q.r/ and mail z@x.org")
    assert a == b == "solve <num> + <num> for <id> , see <url> and mail <email>"
    assert normalise_template("Say 'hello' or \"bye\" in `code`") == "say <str> or <str> in <str>"
    assert normalise_template("don't stop, it's fine") == "don't stop, it's fine"
    assert normalise_template("uuid 3f2b8c1e-aaaa-4bbb-8ccc-123456789abc done") == "uuid <id> done"


def _vocab(rng: random.Random) -> list[str]:
    return ["".join(rng.choice("abcdefghiklmnoprstuvw") for _ in range(rng.randint(3, 9))) for _ in range(5000)]


def _paraphrase(rng: random.Random, words: list[str], i: int) -> list[str]:
    out = list(words)
    k = rng.randrange(len(out) - 1)
    if i % 3 == 0:
        out[k], out[k + 1] = out[k + 1], out[k]  # word order tweak
    elif i % 3 == 1:
        out.insert(k, str(rng.randint(0, 9999)))  # a (changed) number
    else:
        out.insert(k, rng.choice(["please", "really", "now", "carefully"]))  # an extra word
    return out


def test_paraphrases_are_close_and_unrelated_prompts_far() -> None:
    rng = random.Random(0)
    vocab = _vocab(rng)
    para, unrelated = [], []
    for i in range(300):
        words = [rng.choice(vocab) for _ in range(80)]
        base = simhash_text(" ".join(words))
        para.append(int(hamming(base, simhash_text(" ".join(_paraphrase(rng, words, i))))))
        other = simhash_text(" ".join(rng.choice(vocab) for _ in range(80)))
        unrelated.append(int(hamming(base, other)))
    assert np.mean(para) <= 3.5 and np.median(para) <= 3
    assert 29 <= np.mean(unrelated) <= 35


def test_changed_number_gives_the_same_hash_and_values_are_stable() -> None:
    assert simhash_text("Rate this from 1 to 10: good") == simhash_text("Rate this from 0 to 5: good")
    assert simhash_text("") == 0
    # pinned: the hash must not change across runs, machines or Python versions
    assert f"{simhash_text('Explain step by step how to solve the equation'):016x}" == PINNED


PINNED = "038d8838be9754f6"


def test_fingerprint_prompts_rows() -> None:
    frame = pd.DataFrame(
        {
            "account_id": ["a", "a", "b", "c"],
            "timestamp": ["2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "2026-01-01T05:00:00", "2026-01-03"],
            "text": [
                "Secretword: translate 12 apples",
                "Secretword: translate 7 apples",
                "Secretword: translate 99 apples",
                "Totally different zebra request",
            ],
        }
    )
    prints, requests = fingerprint_prompts(frame)
    assert list(prints.columns) == ["account_id", "fingerprint", "first_seen", "last_seen", "request_count", "simhash"]
    assert list(requests.columns) == ["account_id", "timestamp", "prompt_fingerprint", "prompt_simhash"]
    assert requests["prompt_fingerprint"].iloc[:3].nunique() == 1
    assert requests["prompt_fingerprint"].str.match(r"^fp_[0-9a-f]{16}$").all()
    assert parse_simhash(prints["simhash"])[1].all()
    a = prints[prints.account_id == "a"].iloc[0]
    assert a["request_count"] == 2
    assert a["first_seen"] == pd.Timestamp("2026-01-01", tz="UTC")
    assert a["last_seen"] == pd.Timestamp("2026-01-02", tz="UTC")
    assert str(requests["timestamp"].dtype).startswith("datetime64") and requests["timestamp"].dt.tz is not None
    text = pd.concat([prints.astype(str), requests.astype(str)]).to_string().lower()
    assert "secretword" not in text and "zebra" not in text
