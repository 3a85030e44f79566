"""Typed settings, loaded once: values from a TOML file, secrets only from the environment.

Nothing here is read at import time. Secrets (tokens, signing secrets, a database URL with a
password) are never accepted from the TOML file and never appear in ``repr`` or logs.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

SECRET_ENV = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "DISCORD_BOT_TOKEN",
              "SLACK_CLIENT_SECRET")


class ConfigError(Exception):
    """The config file is missing, unreadable or has a bad value; the message says which."""


def default_database_url() -> str:
    data = Path(platformdirs.user_data_dir("storywatch"))
    return f"sqlite+aiosqlite:///{data / 'storywatch.sqlite3'}"


@dataclass(frozen=True)
class DatabaseSettings:
    url: str = field(default_factory=default_database_url, repr=False)


@dataclass(frozen=True)
class SlackSettings:
    enabled: bool = False
    mode: str = "socket"  # socket | http
    http_port: int = 3000
    api_base_url: str = "https://slack.com/api/"
    broadcast_updates: bool = False
    broadcast_channels: list[str] = field(default_factory=list)  # channel ids that broadcast
    oauth: bool = False
    client_id: str = ""
    bot_token: str = field(default="", repr=False)
    signing_secret: str = field(default="", repr=False)
    app_token: str = field(default="", repr=False)
    client_secret: str = field(default="", repr=False)


@dataclass(frozen=True)
class DiscordSettings:
    enabled: bool = False
    api_base_url: str = "https://discord.com/api/v10"
    gateway_url: str = ""  # empty: ask Discord's /gateway/bot
    manager_role: str = ""
    token: str = field(default="", repr=False)


@dataclass(frozen=True)
class SourcesSettings:
    allow_private_networks: bool = False
    poll_interval_seconds: int = 300
    timeout_seconds: float = 10.0
    max_bytes: int = 5 * 1024 * 1024
    failures_before_failing: int = 3


@dataclass(frozen=True)
class SchedulerSettings:
    deliver_interval_seconds: float = 1.0
    digest_check_seconds: int = 60
    stale_after_days: int = 14


@dataclass(frozen=True)
class JudgmentSettings:
    engine: str = "rules"
    embedder: str = ""  # a local ONNX model directory; empty: the shipped one
    index: bool = True  # pick the claims a document is read against from the claim index
    index_dir: str = ""  # the claim index; empty: index/ beside the SQLite file, else user data
    cross_encoder: bool = False  # model engine: stack the MiniLM cross-encoder on the trees


@dataclass(frozen=True)
class Settings:
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    slack: SlackSettings = field(default_factory=SlackSettings)
    discord: DiscordSettings = field(default_factory=DiscordSettings)
    sources: SourcesSettings = field(default_factory=SourcesSettings)
    scheduler: SchedulerSettings = field(default_factory=SchedulerSettings)
    judgment: JudgmentSettings = field(default_factory=JudgmentSettings)
    log_level: str = "INFO"


_SECTIONS: dict[str, type] = {
    "database": DatabaseSettings, "slack": SlackSettings, "discord": DiscordSettings,
    "sources": SourcesSettings, "scheduler": SchedulerSettings, "judgment": JudgmentSettings,
}
_SECRET_FIELDS = {"bot_token", "signing_secret", "app_token", "client_secret", "token"}


def load_settings(path: Path | None = None, env: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if env is None else env
    raw: dict[str, Any] = {}
    if path is not None:
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file {path} does not exist") from None
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
            raise ConfigError(f"config file {path} could not be read: {err}") from None
    settings = _from_toml(raw, path)
    return _with_env(settings, env)


def _from_toml(raw: dict[str, Any], path: Path | None) -> Settings:
    sections: dict[str, Any] = {}
    top = {f.name: f for f in fields(Settings)}
    for key, value in raw.items():
        if key not in top:
            raise ConfigError(f"{path}: unknown setting [{key}]")
        if key == "log_level":
            sections[key] = str(value)
            continue
        if not isinstance(value, dict):
            raise ConfigError(f"{path}: [{key}] must be a table")
        sections[key] = _section(key, _SECTIONS[key](), value, path)
    return Settings(**sections)


def _section(name: str, default: Any, values: dict[str, Any], path: Path | None) -> Any:
    known = {f.name: f for f in fields(default)}
    for key, value in values.items():
        if key in _SECRET_FIELDS:
            raise ConfigError(f"{path}: [{name}] {key} is a secret; set it in the environment")
        if key not in known:
            raise ConfigError(f"{path}: unknown setting [{name}] {key}")
        expected = type(getattr(default, key))
        if expected is float and isinstance(value, int):
            value = float(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ConfigError(f"{path}: [{name}] {key} must be {expected.__name__}")
    return replace(default, **values)


def _with_env(s: Settings, env: Mapping[str, str]) -> Settings:
    slack = replace(s.slack, bot_token=env.get("SLACK_BOT_TOKEN", ""),
                    signing_secret=env.get("SLACK_SIGNING_SECRET", ""),
                    app_token=env.get("SLACK_APP_TOKEN", ""),
                    client_secret=env.get("SLACK_CLIENT_SECRET", ""))
    discord = replace(s.discord, token=env.get("DISCORD_BOT_TOKEN", ""))
    database = s.database
    if env.get("STORYWATCH_DATABASE_URL"):
        database = replace(database, url=env["STORYWATCH_DATABASE_URL"])
    return replace(s, slack=slack, discord=discord, database=database)
