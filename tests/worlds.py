"""The tiny hand-made world every test knows, and a writer for tables (import as ``worlds``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def tiny_tables() -> dict[str, pd.DataFrame]:
    """Twelve accounts: a ring of four on one card and proxy, a pair, a company, loners."""
    accounts = pd.DataFrame(
        {
            "account_id": [f"a{i:02d}" for i in range(12)],
            "created_at": ["2026-01-01T00:00:00Z"] * 4 + ["2025-03-01T10:00:00+02:00"] * 2 + ["2024-05-05"] * 6,
            "email_domain": ["gmail.com"] * 6 + ["acme.com"] * 3 + ["x.org", "y.org", "z.org"],
            "country": ["US"] * 12,
            "status": ["active"] * 12,
        }
    )
    payment = pd.DataFrame(
        {
            "account_id": ["a00", "a01", "a02", "a03", "a04", "a05", "a06", "a07", "a08", "a09"],
            "payment_method_id": [
                "pm_ring",
                "pm_ring",
                "pm_ring",
                "pm_ring",
                "pm_pair",
                "pm_pair",
                "pm_acme",
                "pm_acme",
                "pm_acme",
                "pm_solo",
            ],
            "first_seen": "2026-01-02T00:00:00Z",
            "last_seen": "2026-02-02T00:00:00Z",
        }
    )
    proxies = pd.DataFrame(
        {
            "account_id": ["a00", "a01", "a02", "a03", "a06", "a07", "a10", "a11"],
            "ip": [
                "10.0.0.1",
                "10.0.0.1",
                "10.0.0.1",
                "2001:DB8::1",
                "192.0.2.7",
                "192.0.2.7",
                "198.51.100.1",
                "198.51.100.2",
            ],
            "asn": ["64500", "64500", "64500", "64501", "64510", "64510", "", "64520"],
            "first_seen": "2026-01-02T00:00:00Z",
            "last_seen": "2026-02-02T00:00:00Z",
            "request_count": ["5", "6", "7", "8", "1", "2", "3", "4"],
        }
    )
    prompts = pd.DataFrame(
        {
            "account_id": ["a00", "a01", "a02", "a03", "a10"],
            "fingerprint": ["fp_cot", "fp_cot", "fp_cot", "fp_cot", "fp_own"],
            "first_seen": "2026-01-02T00:00:00Z",
            "last_seen": "2026-02-02T00:00:00Z",
            "request_count": ["1", "1", "1", "1", "1"],
        }
    )
    return {"accounts": accounts, "payment_methods": payment, "proxies": proxies, "prompt_fingerprints": prompts}


def write_tables(tables: dict[str, pd.DataFrame], folder: Path, fmt: str = "csv") -> Path:
    """Write tables as NAME.csv / NAME.csv.gz / NAME.parquet into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        if fmt == "parquet":
            frame.to_parquet(folder / f"{name}.parquet", index=False)
        else:
            frame.to_csv(folder / f"{name}.{fmt}", index=False)
    return folder
