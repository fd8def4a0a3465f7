"""Memory pages: detection runs without numpy's transparent-huge-page advice.

numpy advises the kernel to back every array of 4 MB or more with 2 MB pages
(``madvise(MADV_HUGEPAGE)``). With the kernel's usual ``defrag`` setting (``madvise``) a
fault on such an array compacts memory first when no free huge page is at hand, and on a
busy machine that stall costs more than the smaller page tables save: at 1M accounts the
detection spent about half its time in the kernel (4-7 s of system time) with the advice
and roughly half as much without, for the same results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np


def _switch() -> Callable[[bool], bool] | None:
    """numpy's (private) switch of the advice, which returns the previous setting; None if absent."""
    for name in ("_core", "core"):
        module = getattr(np, name, None)
        switch = getattr(getattr(module, "multiarray", None), "_set_madvise_hugepage", None)
        if callable(switch):
            return switch
    return None


@contextmanager
def without_hugepage_advice() -> Iterator[None]:
    """numpy allocates without the huge-page advice inside the block (the setting is restored after)."""
    switch = _switch()
    if switch is None:
        yield
        return
    previous = switch(False)
    try:
        yield
    finally:
        switch(previous)
