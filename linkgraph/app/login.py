"""The Streamlit login gate: OIDC through ``st.login``, or the shared password, or refusal.

The policy (which gate, whether this host may be served) is :mod:`linkgraph.app.access`;
this module only asks Streamlit for the secrets and the visitor, and draws the gate.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit import config as st_config
from streamlit.errors import StreamlitSecretNotFoundError

from linkgraph.app import access


def streamlit_secrets() -> dict[str, Any]:
    """The secrets Streamlit sees; :class:`~linkgraph.app.access.SecretsUnreadable` when a file is broken.

    Streamlit raises the same error for "no secrets file" and for "a secrets file it cannot
    parse"; the files it reads tell the two apart (an absent file means no secrets).
    """
    try:
        return st.secrets.to_dict()
    except StreamlitSecretNotFoundError:
        files = [Path(p) for p in st_config.get_option("secrets.files") or []]
        return access.read_secrets(files=files)


def current_identity() -> str | None:
    """The signed-in user's e-mail or name under OIDC, else ``None``."""
    if st.user.get("is_logged_in"):
        return str(st.user.get("email") or st.user.get("name") or "") or None
    return None


def _refuse(message: str) -> None:
    st.error(message)
    st.stop()


def require_login() -> None:
    """Gate the page: stops the script until the visitor is authenticated (or refused)."""
    try:
        secrets = streamlit_secrets()
    except access.SecretsUnreadable as exc:
        _refuse(f"This app refuses to run: {exc}")
        return
    host = str(st.get_option("server.address") or "")
    mode = access.auth_mode(secrets)
    if mode is None:
        if host and not access.is_local_host(host):
            _refuse(
                f"This app serves on {host} without authentication configured, so it refuses to run. "
                f"Set {access.PASSWORD_ENV} or an [auth] section in .streamlit/secrets.toml."
            )
        return
    if mode == "oidc":
        _oidc_gate(secrets)
    else:
        _password_gate(secrets)


def _oidc_gate(secrets: dict[str, Any]) -> None:
    if not access.oidc_available():  # fail closed rather than serve without the configured sign-in
        _refuse(access.OIDC_MISSING)
    if not st.user.get("is_logged_in"):
        st.title("linkgraph investigator")
        st.info("Sign in to continue.")
        if st.button("Sign in", type="primary"):
            st.login(access.oidc_provider(secrets))
        st.stop()
    with st.sidebar:
        st.caption(f"Signed in as {current_identity() or 'unknown'}")
        if st.button("Sign out"):
            st.logout()


def _password_gate(secrets: dict[str, Any]) -> None:
    if st.session_state.get("_linkgraph_authed"):
        return
    st.title("linkgraph investigator")
    with st.form("login"):
        given = st.text_input("Password", type="password")
        submitted = st.form_submit_button("Enter", type="primary")
    if submitted:
        expected = access.expected_password(secrets)
        if expected and access.check_password(given, expected):
            st.session_state["_linkgraph_authed"] = True
            st.rerun()
        time.sleep(1.0)  # slow down guessing
        st.error("Wrong password.")
    st.stop()
