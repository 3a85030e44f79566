"""``storywatch poll --once``, ``digest --now`` and ``backfill`` on a SQLite file, against a
feed server on 127.0.0.1 (private networks allowed in the config, as a local test needs)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from runtime.config import Settings, load_settings
from runtime.console import run_command
from runtime.sources_cli import add_parser
from tests.sources.server import LocalWeb


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers())
    return parser.parse_args(argv)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    config = tmp_path / "storywatch.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{tmp_path / "db.sqlite3"}"\n'
                      "[sources]\nallow_private_networks = true\ntimeout_seconds = 0.5\n")
    return load_settings(config, env={})


async def command(settings: Settings, text: str) -> None:
    args = argparse.Namespace(text=text, workspace="local", channel="general", user="ana")
    assert await run_command(args, settings) == 0


async def test_poll_once_reads_every_source_and_names_the_failing_ones(
        settings: Settings, web: LocalWeb, capsys):
    await command(settings, "/story new Prisoner swap")
    await command(settings, f"/story source add Prisoner swap {web.url('/feed.xml')}")
    await command(settings, f"/story source add Prisoner swap {web.url('/missing')}")
    capsys.readouterr()
    args = parse("poll", "--once")
    assert await args.func(args, settings) == 1
    out = capsys.readouterr().out
    assert f"{web.url('/feed.xml')}: 2 new, 0 already in" in out
    assert f"FAILING: {web.url('/missing')} — The site says there is no such page (404)." in out


async def test_backfill_reads_a_feed_into_a_story_once(settings: Settings, web: LocalWeb, capsys):
    await command(settings, "/story new Prisoner swap")
    args = parse("backfill", "Prisoner swap", web.url("/feed.xml"))
    assert await args.func(args, settings) == 0
    assert "2 new, 0 already in" in capsys.readouterr().out
    assert await args.func(args, settings) == 0
    assert "0 new, 2 already in" in capsys.readouterr().out


async def test_backfill_of_a_bad_feed_says_why(settings: Settings, web: LocalWeb, capsys):
    await command(settings, "/story new Prisoner swap")
    args = parse("backfill", "Prisoner swap", web.url("/broken"))
    assert await args.func(args, settings) == 1
    assert "The site had an error (500)" in capsys.readouterr().out


async def test_digest_now_posts_each_followed_story_of_the_channel(settings: Settings, capsys):
    for line in ("/story new Prisoner swap", "/story follow Prisoner swap",
                 "/story new Cease-fire", "/story follow Cease-fire"):
        await command(settings, line)
    capsys.readouterr()
    args = parse("digest", "--now", "--channel", "general")
    assert await args.func(args, settings) == 0
    out = capsys.readouterr().out
    assert out.count("#general ← storywatch posted:") == 1  # one post for the channel
    assert "Prisoner swap" in out and "Cease-fire" in out
    assert "1 digest(s) written; 1 posted here." in out
