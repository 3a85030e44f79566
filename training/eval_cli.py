"""Tiny stand-alone entry point for ``storywatch eval fnc1`` (until the lead wires the CLI).

Run:  python training/eval_cli.py eval fnc1 --stances S.csv --bodies B.csv [--json]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from runtime.eval_fnc1 import add_parser


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="storywatch")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
