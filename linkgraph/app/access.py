"""Access control for the investigator app: a password gate, or OIDC through ``st.login``.

- OIDC when ``secrets.toml`` has an ``[auth]`` section (Streamlit's own login flow).
- Otherwise a shared password from ``LINKGRAPH_APP_PASSWORD`` or ``password`` in
  ``secrets.toml``, compared in constant time; it is never shown, logged or echoed.
- Otherwise no gate, which is allowed only when the app serves on a loopback address.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import time
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

PASSWORD_ENV = "LINKGRAPH_APP_PASSWORD"
LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost")


class AuthNotConfigured(RuntimeError):
    """The app would serve a non-loopback address without authentication."""


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


def read_secrets(cwd: str | Path | None = None) -> dict[str, Any]:
    """The merged secrets Streamlit would see when started from ``cwd`` (later files win)."""
    merged: dict[str, Any] = {}
    for path in secrets_files(cwd):
        if path.is_file():
            with path.open("rb") as fh:
                merged.update(tomllib.load(fh))
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


def _streamlit_secrets() -> dict[str, Any]:
    import streamlit as st

    try:
        return st.secrets.to_dict()
    except Exception:  # no or malformed secrets.toml: no secrets; the host check still applies
        return {}


def current_identity() -> str | None:
    """The signed-in user's e-mail or name under OIDC, else ``None``."""
    import streamlit as st

    try:
        if st.user.get("is_logged_in"):
            return str(st.user.get("email") or st.user.get("name") or "") or None
    except Exception:
        return None
    return None


def require_login() -> None:
    """Gate the page: stops the script until the visitor is authenticated (or refused)."""
    import streamlit as st

    secrets = _streamlit_secrets()
    host = str(st.get_option("server.address") or "")
    mode = auth_mode(secrets)
    if mode is None:
        if host and not is_local_host(host):
            st.error(
                f"This app serves on {host} without authentication configured, so it refuses to run. "
                f"Set {PASSWORD_ENV} or an [auth] section in .streamlit/secrets.toml."
            )
            st.stop()
        return
    if mode == "oidc":
        if not oidc_available():  # fail closed rather than serve without the configured sign-in
            st.error(OIDC_MISSING)
            st.stop()
        if not st.user.get("is_logged_in"):
            st.title("linkgraph investigator")
            st.info("Sign in to continue.")
            if st.button("Sign in", type="primary"):
                st.login(oidc_provider(secrets))
            st.stop()
        with st.sidebar:
            st.caption(f"Signed in as {current_identity() or 'unknown'}")
            if st.button("Sign out"):
                st.logout()
        return
    if st.session_state.get("_linkgraph_authed"):
        return
    st.title("linkgraph investigator")
    with st.form("login"):
        given = st.text_input("Password", type="password")
        submitted = st.form_submit_button("Enter", type="primary")
    if submitted:
        expected = expected_password(secrets)
        if expected and check_password(given, expected):
            st.session_state["_linkgraph_authed"] = True
            st.rerun()
        time.sleep(1.0)  # slow down guessing
        st.error("Wrong password.")
    st.stop()
