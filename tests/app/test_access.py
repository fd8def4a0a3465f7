"""The access policy (linkgraph.app.access) and the `linkgraph app` launcher, without a browser."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from linkgraph.app import access as auth
from linkgraph.cli.app_cmds import APP_MAIN, app_url, streamlit_command
from linkgraph.cli.main import app as cli

# --- access control and the launcher ----------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("10.0.0.5", False),
        ("example.com", False),
        ("", False),
    ],
)
def test_is_local_host(host: str, local: bool) -> None:
    assert auth.is_local_host(host) is local


def test_auth_modes_and_refusal() -> None:
    assert auth.auth_mode({}, {}) is None
    assert auth.auth_mode({"password": "pw"}, {}) == "password"
    assert auth.auth_mode({}, {auth.PASSWORD_ENV: "pw"}) == "password"
    assert auth.auth_mode({"auth": {"redirect_uri": "x", "google": {"client_id": "y"}}}, {}) == "oidc"
    assert auth.oidc_provider({"auth": {"redirect_uri": "x", "google": {"client_id": "y"}}}) == "google"
    assert auth.oidc_provider({"auth": {"client_id": "y"}}) is None
    assert auth.expected_password({"password": "file"}, {auth.PASSWORD_ENV: "env"}) == "env"
    assert auth.check_password("s3cret", "s3cret") and not auth.check_password("s3cre", "s3cret")
    assert auth.ensure_servable("127.0.0.1", {}, {}) is None
    with pytest.raises(auth.AuthNotConfigured, match=r"refusing to serve on 0\.0\.0\.0"):
        auth.ensure_servable("0.0.0.0", {}, {})
    assert auth.ensure_servable("0.0.0.0", {}, {auth.PASSWORD_ENV: "pw"}) == "password"


def test_oidc_needs_authlib(monkeypatch: pytest.MonkeyPatch) -> None:
    oidc = {"auth": {"redirect_uri": "x", "client_id": "y"}}
    monkeypatch.setattr(auth, "oidc_available", lambda: False)
    with pytest.raises(auth.AuthNotConfigured, match="Authlib"):
        auth.ensure_servable("127.0.0.1", oidc, {})
    monkeypatch.setattr(auth, "oidc_available", lambda: True)
    assert auth.ensure_servable("0.0.0.0", oidc, {}) == "oidc"


def test_read_secrets_merges_project_over_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, proj = tmp_path / "home", tmp_path / "proj"
    (home / ".streamlit").mkdir(parents=True)
    (proj / ".streamlit").mkdir(parents=True)
    (home / ".streamlit" / "secrets.toml").write_text('password = "home"\nother = 1\n')
    (proj / ".streamlit" / "secrets.toml").write_text('password = "proj"\n')
    monkeypatch.setenv("HOME", str(home))
    assert auth.read_secrets(proj) == {"password": "proj", "other": 1}


def test_app_command_refuses_public_host_without_auth(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv(auth.PASSWORD_ENV, raising=False)
    result = CliRunner().invoke(cli, ["app", "--runs", str(tmp_path), "--host", "0.0.0.0", "--port", "8599"])
    assert result.exit_code == 2
    assert "refusing to serve on 0.0.0.0" in result.output
    assert "[auth] (OIDC)" in " ".join(result.output.split())  # markup-looking text is printed as is


def test_app_command_refuses_busy_port(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["app", "--runs", str(tmp_path), "--port", str(port)])
    assert result.exit_code == 2 and "in use" in result.output


def test_streamlit_command_and_url() -> None:
    cmd = streamlit_command("127.0.0.1", 8600)
    assert cmd[cmd.index("run") + 1] == str(APP_MAIN) and APP_MAIN.is_file()
    assert cmd[cmd.index("--server.address") + 1] == "127.0.0.1"
    assert cmd[cmd.index("--server.port") + 1] == "8600"
    assert app_url("127.0.0.1", 8600) == "http://localhost:8600"
    assert app_url("::1", 8600) == "http://[::1]:8600"
    assert app_url("0.0.0.0", 8600) == "http://localhost:8600"


def test_a_malformed_or_unreadable_secrets_file_fails_closed(tmp_path: Path) -> None:
    bad = tmp_path / ".streamlit" / "secrets.toml"
    bad.parent.mkdir()
    bad.write_text('password = "unterminated\n')
    with pytest.raises(auth.SecretsUnreadable, match="not valid TOML") as err:
        auth.read_secrets(tmp_path, files=[bad])
    assert err.value.path == bad and str(bad) in str(err.value)
    folder = tmp_path / "folder.toml"
    folder.mkdir()  # exists but cannot be read as a file: an OSError, also refused
    with pytest.raises(auth.SecretsUnreadable, match=str(folder)):
        auth.read_secrets(files=[folder])
    assert auth.read_secrets(files=[tmp_path / "absent.toml"]) == {}  # no file: no secrets, not an error


def test_app_command_refuses_a_malformed_secrets_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv(auth.PASSWORD_ENV, "pw")  # even with a password set: the file is broken, so refuse
    bad = tmp_path / ".streamlit" / "secrets.toml"
    bad.parent.mkdir()
    bad.write_text("[auth\n")
    result = CliRunner().invoke(cli, ["app", "--runs", str(tmp_path), "--port", "8599"])
    assert result.exit_code == 2
    assert str(bad) in "".join(result.output.split()) and "not valid TOML" in " ".join(result.output.split())
