"""The ``storywatch`` command line. Each subcommand lives in its own module with an
``add_parser`` function; settings are loaded once here (``--config FILE`` on every
subcommand), and errors are reported in one line, never as a traceback."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from runtime import bench, console, eval_fnc1, replay, run, sources_cli
from runtime.config import ConfigError, Settings, load_settings
from runtime.memory import limit_malloc_arenas

logger = logging.getLogger("storywatch")

_MODULES = [console, replay, run, sources_cli, eval_fnc1, bench]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="storywatch", description=__doc__.split(".")[0])
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, help="TOML config file (default: built-in)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in _MODULES:
        module.add_parser(sub)
    _share(sub, common)
    return parser


def _share(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Give every subcommand, nested ones included (``eval fnc1``), the common options."""
    for parser in sub.choices.values():
        nested = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if nested:
            _share(nested[0], common)
        else:
            parser._add_container_actions(common)


def main(argv: Sequence[str] | None = None) -> int:
    limit_malloc_arenas()
    args = build_parser().parse_args(argv)
    try:
        settings: Settings = load_settings(args.config)
    except ConfigError as err:
        print(f"storywatch: {err}", file=sys.stderr)
        return 2
    logging.basicConfig(level=settings.log_level.upper(), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("alembic", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        result = args.func(args, settings)
        if asyncio.iscoroutine(result):
            result = asyncio.run(result)
        return int(result or 0)
    except ConfigError as err:  # a setting found wrong only when it is used
        print(f"storywatch: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
