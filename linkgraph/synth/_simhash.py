"""Prompt-template families and their 64-bit SimHashes (contract v2).

A family is one normalised template with a random 64-bit centre. Each paraphrase of it is
a fingerprint of its own (a distinct ``fp_`` string) whose SimHash is the centre with 0-2
bits flipped, so two paraphrases of one family differ in at most 4 bits. Every other
fingerprint gets an independent random SimHash (about 32 bits from any other).
"""

from __future__ import annotations

import numpy as np

from ._builder import World

#: Probabilities of flipping 0, 1 or 2 bits of the centre for a paraphrase.
FLIP_P = (0.2, 0.45, 0.35)
MAX_FLIPS = len(FLIP_P) - 1


class SimhashBook:
    """Centres of template families and the paraphrase fingerprints drawn from them."""

    def __init__(self, w: World) -> None:
        self.w = w
        self.centres = np.empty(0, dtype=np.uint64)
        self._fps: list[np.ndarray] = []
        self._hashes: list[np.ndarray] = []

    def families(self, k: int) -> np.ndarray:
        """``k`` new template families; returns their ids."""
        start = self.centres.size
        new = self.w.rng.integers(0, 2**64, k, dtype=np.uint64, endpoint=False)
        self.centres = np.concatenate([self.centres, new])
        return np.arange(start, start + k, dtype=np.int64)

    def assign(self, fps: np.ndarray, family: np.ndarray) -> None:
        """Make existing fingerprints ``fps`` paraphrases of ``family`` (one family each)."""
        rng = self.w.rng
        m = fps.size
        flips = rng.choice(len(FLIP_P), m, p=FLIP_P)
        b1 = rng.integers(0, 64, m)
        b2 = (b1 + rng.integers(1, 64, m)) % 64
        one = np.uint64(1)
        mask = np.where(flips >= 1, one << b1.astype(np.uint64), 0).astype(np.uint64)
        mask |= np.where(flips >= 2, one << b2.astype(np.uint64), 0).astype(np.uint64)
        self._fps.append(np.asarray(fps, dtype=np.int64))
        self._hashes.append(self.centres[family] ^ mask)

    def paraphrases(self, family: np.ndarray) -> np.ndarray:
        """One new paraphrase fingerprint per entry of ``family``; returns the fingerprint ids."""
        fps = self.w.new_fps(family.size)
        self.assign(fps, family)
        return fps

    def table(self) -> np.ndarray:
        """SimHash of every fingerprint of the world: family paraphrases or random."""
        sim = self.w.rng.integers(0, 2**64, self.w.n_fps, dtype=np.uint64, endpoint=False)
        for fps, hashes in zip(self._fps, self._hashes, strict=True):
            sim[fps] = hashes
        return sim
