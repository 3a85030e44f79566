"""``storywatch eval fnc1``: run the stance judgment on FNC-1-format files and score it.

Owns reading ``Headline, Body ID[, Stance]`` and ``Body ID, articleBody`` CSV files, timing the
model, printing the FNC weighted score / macro-F1 / per-class F1 / confusion matrix (text or
one JSON object) and writing a predictions CSV.  Bad input is a one-line error and exit 2.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.judgment.stance import StanceModel
from bot.judgment.stance.fnc import LABELS, FncReport, report

EXIT_BAD_INPUT = 2
EXIT_MODEL = 1


class InputError(Exception):
    """A problem with the user's files, shown as one line."""


@dataclass
class FncData:
    headlines: list[str]
    body_ids: list[str]
    gold: list[str] | None
    bodies: dict[str, str]


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``eval fnc1`` on a ``storywatch`` sub-parser collection."""
    ev = subparsers.add_parser("eval", help="evaluate models on benchmark files")
    ev_sub = ev.add_subparsers(dest="eval_command", required=True)
    p = ev_sub.add_parser("fnc1", help="stance judgment on FNC-1-format CSV files")
    p.add_argument("--stances", required=True, type=Path, help="Headline,Body ID[,Stance] CSV")
    p.add_argument("--bodies", required=True, type=Path, help="Body ID,articleBody CSV")
    p.add_argument("--predictions", type=Path, help="write Headline,Body ID,Stance CSV here")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def _read_csv(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            header = reader.fieldnames or []
            missing = [c for c in required if c not in header]
            if missing:
                raise InputError(f"{path}: missing column(s) {', '.join(missing)}")
            return list(reader)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: cannot read CSV ({type(exc).__name__})") from None


def load_fnc(stances: Path, bodies: Path) -> FncData:
    rows = _read_csv(stances, ("Headline", "Body ID"))
    body_rows = _read_csv(bodies, ("Body ID", "articleBody"))
    body_map = {r["Body ID"].strip(): r["articleBody"] or "" for r in body_rows}
    if not rows:
        raise InputError(f"{stances}: no rows")
    ids = [(r["Body ID"] or "").strip() for r in rows]
    for line, body_id in enumerate(ids, start=2):
        if body_id not in body_map:
            raise InputError(f"{stances}:{line}: unknown Body ID {body_id!r}")
    gold = None
    if "Stance" in rows[0]:
        gold = [(r["Stance"] or "").strip().lower() for r in rows]
        for line, label in enumerate(gold, start=2):
            if label not in LABELS:
                raise InputError(f"{stances}:{line}: unknown Stance {label!r}")
    return FncData([r["Headline"] or "" for r in rows], ids, gold, body_map)


def write_predictions(path: Path, data: FncData, labels: list[str]) -> None:
    try:
        with path.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["Headline", "Body ID", "Stance"])
            w.writerows(zip(data.headlines, data.body_ids, labels, strict=True))
    except OSError as exc:
        raise InputError(f"{path}: cannot write predictions ({type(exc).__name__})") from None


def _text(rep: FncReport | None, n: int, n_bodies: int, seconds: float) -> str:
    lines = [f"FNC-1 evaluation: {n} pairs, {n_bodies} bodies"]
    if rep is not None:
        lines.append(
            f"FNC weighted score: {rep.score:.2f}% (raw {rep.raw_score:.2f} of {rep.max_score:.2f})"
        )
        lines.append(f"macro-F1: {rep.macro_f1:.4f}")
        lines.append("F1: " + "  ".join(f"{k} {v:.4f}" for k, v in rep.f1.items()))
        lines.append("confusion matrix (rows gold, columns predicted):")
        lines.append(" " * 11 + "".join(f"{lab:>11}" for lab in LABELS))
        for lab, row in zip(LABELS, rep.confusion, strict=True):
            lines.append(f"{lab:>11}" + "".join(f"{v:>11}" for v in row))
    lines.append(f"pairs/s: {n / seconds:.1f} ({seconds:.2f} s)")
    return "\n".join(lines)


def _json(
    rep: FncReport | None,
    n: int,
    n_bodies: int,
    seconds: float,
    load_s: float,
    predictions: Path | None,
) -> str:
    obj: dict[str, Any] = {
        "pairs": n,
        "bodies": n_bodies,
        "seconds": round(seconds, 3),
        "pairs_per_second": round(n / seconds, 2),
        "load_seconds": round(load_s, 3),
        "predictions": str(predictions) if predictions else None,
        "labels": list(LABELS),
        "fnc_score": None,
        "raw_score": None,
        "max_score": None,
        "macro_f1": None,
        "f1": None,
        "confusion": None,
    }
    if rep is not None:
        obj.update(
            fnc_score=rep.score,
            raw_score=rep.raw_score,
            max_score=rep.max_score,
            macro_f1=rep.macro_f1,
            f1=rep.f1,
            confusion=rep.confusion,
        )
    return json.dumps(obj)


def run(args: argparse.Namespace, settings: object = None) -> int:
    try:
        data = load_fnc(args.stances, args.bodies)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        t0 = time.perf_counter()
        judgment = getattr(settings, "judgment", None)
        model = StanceModel.load(cross_encoder=getattr(judgment, "cross_encoder", False))
        load_s = time.perf_counter() - t0
    except Exception as exc:  # a broken install must still be a one-line message
        print(f"error: cannot load the stance model ({type(exc).__name__}: {exc})", file=sys.stderr)
        return EXIT_MODEL
    pairs = [(h, data.bodies[b]) for h, b in zip(data.headlines, data.body_ids, strict=True)]
    t0 = time.perf_counter()
    labels = [p.label for p in model.predict(pairs)]
    seconds = max(time.perf_counter() - t0, 1e-9)
    try:
        if args.predictions:
            write_predictions(args.predictions, data, labels)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    rep = report(data.gold, labels) if data.gold is not None else None
    n_bodies = len(set(data.body_ids))
    if args.json:
        print(_json(rep, len(pairs), n_bodies, seconds, load_s, args.predictions))
    else:
        print(_text(rep, len(pairs), n_bodies, seconds))
    return 0
