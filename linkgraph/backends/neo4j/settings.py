"""Where the Neo4j server is and how to log in: from the environment or a TOML secrets file.

Sources, later ones winning per key:

1. the TOML file named by ``LINKGRAPH_NEO4J_SECRETS`` (keys ``uri``, ``user`` or
   ``username``, ``password``, ``database``; top level or in a ``[neo4j]`` table);
2. the environment: ``NEO4J_URI``, ``NEO4J_USER`` (or ``NEO4J_USERNAME``),
   ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``.

The password never appears in ``repr``/``str``, logs or error messages, and user info
embedded in a URI (``neo4j://user:pw@host``) is refused.
"""

from __future__ import annotations

import logging
import os
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import neo4j

log = logging.getLogger(__name__)

SECRETS_ENV = "LINKGRAPH_NEO4J_SECRETS"
SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")
"""URI schemes the driver accepts; ``+s`` is TLS with CA verification (Aura), ``+ssc`` self-signed."""

_ENV_KEYS = {
    "uri": ("NEO4J_URI",),
    "user": ("NEO4J_USER", "NEO4J_USERNAME"),
    "password": ("NEO4J_PASSWORD",),
    "database": ("NEO4J_DATABASE",),
}


class SettingsError(ValueError):
    """The Neo4j connection settings are missing or invalid (never includes the password)."""


@dataclass(frozen=True)
class Neo4jSettings:
    """Connection settings. ``database=None`` means the server's default database."""

    uri: str
    user: str = "neo4j"
    password: str = field(default="", repr=False)
    database: str | None = None

    def __post_init__(self) -> None:
        parts = urlsplit(self.uri)
        if parts.scheme not in SCHEMES:
            raise SettingsError(f"NEO4J_URI has scheme {parts.scheme or '(none)'!r}; use one of {', '.join(SCHEMES)}")
        if parts.username or parts.password:
            raise SettingsError("NEO4J_URI must not contain credentials; set NEO4J_USER and NEO4J_PASSWORD instead")
        if not parts.hostname:
            raise SettingsError("NEO4J_URI has no host (expected e.g. neo4j://localhost:7687)")

    @property
    def encrypted(self) -> bool:
        """True for TLS schemes (``neo4j+s``, ``bolt+s``, ``+ssc``)."""
        return "+s" in urlsplit(self.uri).scheme

    def __repr__(self) -> str:
        secret = "'***'" if self.password else "''"
        return f"Neo4jSettings(uri={self.uri!r}, user={self.user!r}, password={secret}, database={self.database!r})"

    __str__ = __repr__

    def describe(self) -> str:
        """One line for humans: where, as whom, which database (no password)."""
        return f"{self.uri} as {self.user} (database {self.database or 'default'})"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Neo4jSettings:
        """Settings from the secrets file and the environment (see the module docstring)."""
        values, secrets = _collect(os.environ if environ is None else environ)
        if not values.get("uri"):
            hint = f" (nor uri in {SECRETS_ENV}={secrets})" if secrets else f" (nor {SECRETS_ENV})"
            raise SettingsError(f"NEO4J_URI is not set{hint}; e.g. export NEO4J_URI=neo4j://localhost:7687")
        return cls(
            uri=values["uri"],
            user=values.get("user") or "neo4j",
            password=values.get("password", ""),
            database=values.get("database") or None,
        )

    def driver(self, **config: Any) -> neo4j.Driver:
        """A driver for these settings (lazy: nothing is contacted until first use).

        TLS comes from the URI scheme alone (``neo4j+s://`` for Aura), so no ``encrypted``
        or ``trusted_certificates`` options are passed: the driver refuses them with ``+s``.
        """
        import neo4j

        from linkgraph.version import __version__

        config.setdefault("user_agent", f"linkgraph/{__version__}")
        # "property key does not exist" on a first load into an empty database is expected, not news
        config.setdefault("notifications_disabled_classifications", ["UNRECOGNIZED"])
        return neo4j.GraphDatabase.driver(self.uri, auth=neo4j.basic_auth(self.user, self.password), **config)


class _Secret(str):
    """A string whose repr hides it, so tracebacks that print local variables show ``'***'``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "'***'"


def _collect(env: Mapping[str, str]) -> tuple[dict[str, str], str | None]:
    """Values from the secrets file, then the environment; the password wrapped in :class:`_Secret`."""
    secrets = env.get(SECRETS_ENV) or None
    values = _read_secrets(Path(secrets)) if secrets else {}
    for key, names in _ENV_KEYS.items():
        found = next((env[name] for name in names if env.get(name)), None)
        if found is not None:
            values[key] = _Secret(found) if key == "password" else found
    return values, secrets


def _read_secrets(path: Path) -> dict[str, str]:
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except OSError as exc:
        raise SettingsError(f"cannot read {SECRETS_ENV} file {path}: {exc.strerror}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        # The parser's message may quote the file's content: do not pass it on.
        raise SettingsError(f"{SECRETS_ENV} file {path} is not valid UTF-8 TOML") from None
    table = data.get("neo4j", data)
    if not isinstance(table, dict):
        raise SettingsError(f"{SECRETS_ENV} file {path}: [neo4j] must be a table")
    password = table.pop("password", None)  # out of the parsed data at once
    if password is not None and not isinstance(password, str):
        raise SettingsError(f"{SECRETS_ENV} file {path}: password must be a string")
    if os.name == "posix" and path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        log.warning("secrets file %s is readable by other users; chmod 600 it", path)
    values: dict[str, str] = {} if password is None else {"password": _Secret(password)}
    for key, aliases in {"uri": ("uri",), "user": ("user", "username"), "database": ("database",)}.items():
        alias = next((a for a in aliases if a in table), None)
        if alias is not None:
            if not isinstance(table[alias], str):
                raise SettingsError(f"{SECRETS_ENV} file {path}: {alias} must be a string")
            values[key] = table[alias]
    return values
