"""Access policy of the investigator app: which gate applies, and whether it may serve at all.

Pure functions over the secrets and the environment, testable without Streamlit; the gate
itself (:func:`linkgraph.app.login.require_login`) lives in :mod:`linkgraph.app.login`.

- OIDC when ``secrets.toml`` has an ``[auth]`` section (Streamlit's own login flow).
- Otherwise a shared password from ``LINKGRAPH_APP_PASSWORD`` or ``password`` in
  ``secrets.toml``, compared in constant time; it is never shown, logged or echoed.
- Otherwise no gate, which is allowed only when the app serves on a loopback address.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

PASSWORD_ENV = "LINKGRAPH_APP_PASSWORD"
LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost")


class AuthNotConfigured(RuntimeError):
    """The app would serve a non-loopback address without authentication."""


class SecretsUnreadable(AuthNotConfigured):
    """A ``secrets.toml`` exists but cannot be read or parsed: the app refuses to serve (fail closed).

    Serving anyway would drop the password or OIDC gate the file was meant to configure.
    """

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"cannot read {path}: {reason}; fix or remove it (the app will not serve without it)")
        self.path = path


def is_local_host(host: str | None) -> bool:
    """Whether ``host`` is a loopback address (``127.0.0.1``, ``::1``, ``localhost``)."""
    if not host:
        return False
    host = host.strip().strip("[]").lower()
    if host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def secrets_files(cwd: str | Path | None = None) -> list[Path]:
    """The ``secrets.toml`` files Streamlit reads, global first, then the project's."""
    return [Path.home() / ".streamlit" / "secrets.toml", Path(cwd or Path.cwd()) / ".streamlit" / "secrets.toml"]


def read_secrets(cwd: str | Path | None = None, files: list[Path] | None = None) -> dict[str, Any]:
    """The merged secrets Streamlit would see when started from ``cwd`` (later files win).

    ``files`` overrides :func:`secrets_files`. A file that exists but cannot be read or is not
    valid TOML raises :class:`SecretsUnreadable` naming it: a broken file must not look like
    "no password configured".
    """
    merged: dict[str, Any] = {}
    for path in secrets_files(cwd) if files is None else files:
        if not path.exists():
            continue
        try:
            with path.open("rb") as fh:
                merged.update(tomllib.load(fh))
        except tomllib.TOMLDecodeError as exc:
            raise SecretsUnreadable(path, f"not valid TOML ({exc})") from exc
        except OSError as exc:
            raise SecretsUnreadable(path, exc.strerror or str(exc)) from exc
    return merged


def oidc_provider(secrets: Mapping[str, Any]) -> str | None:
    """The provider name to pass to ``st.login`` (``None`` for a single unnamed provider)."""
    auth = secrets.get("auth") or {}
    named = [k for k, v in auth.items() if isinstance(v, Mapping)]
    return named[0] if named else None


def auth_mode(secrets: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> str | None:
    """``oidc``, ``password`` or ``None`` (no authentication configured)."""
    if secrets.get("auth"):
        return "oidc"
    if expected_password(secrets, environ):
        return "password"
    return None


def expected_password(secrets: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> str | None:
    """The configured app password: the environment variable first, then ``secrets.toml``."""
    env = os.environ if environ is None else environ
    value = env.get(PASSWORD_ENV) or secrets.get("password")
    return str(value) if value else None


def check_password(given: str, expected: str) -> bool:
    """Constant-time comparison of a submitted password with the configured one."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def oidc_available() -> bool:
    """Whether Streamlit's OIDC login can work here (it needs Authlib: ``pip install 'streamlit[auth]'``)."""
    import importlib.util

    return importlib.util.find_spec("authlib") is not None


OIDC_MISSING = "OIDC sign-in is configured ([auth] in secrets.toml) but Authlib is missing: pip install streamlit[auth]"


def ensure_servable(host: str, secrets: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> str | None:
    """Refuse a non-loopback ``host`` without authentication; returns the auth mode."""
    mode = auth_mode(secrets, environ)
    if mode == "oidc" and not oidc_available():
        raise AuthNotConfigured(OIDC_MISSING)
    if mode is None and not is_local_host(host):
        raise AuthNotConfigured(
            f"refusing to serve on {host} without authentication: set {PASSWORD_ENV}, or 'password' or an "
            "[auth] (OIDC) section in .streamlit/secrets.toml, or bind to 127.0.0.1"
        )
    return mode
