"""``storywatch eval fnc1``: scoring output, predictions file and bad-input handling."""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import pytest

from runtime import eval_fnc1
from tests.judgment.sample import BODIES, ROWS, write_csv


def run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="storywatch")
    eval_fnc1.add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


def read_rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def test_scored_run_prints_fnc_score_f1_confusion_and_rate(
    fnc_files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    stances, bodies = fnc_files
    assert run_cli(["eval", "fnc1", "--stances", str(stances), "--bodies", str(bodies)]) == 0
    out = capsys.readouterr().out
    for needle in ("FNC weighted score", "macro-F1", "disagree", "confusion matrix", "pairs/s"):
        assert needle in out


def test_predictions_file_has_one_row_per_input_in_order(
    fnc_files: tuple[Path, Path], tmp_path: Path
) -> None:
    stances, bodies = fnc_files
    out = tmp_path / "pred.csv"
    argv = [
        "eval",
        "fnc1",
        "--stances",
        str(stances),
        "--bodies",
        str(bodies),
        "--predictions",
        str(out),
    ]
    assert run_cli(argv) == 0
    rows = read_rows(out)
    assert rows[0] == ["Headline", "Body ID", "Stance"]
    assert [(r[0], r[1]) for r in rows[1:]] == [(h, b) for h, b, _ in ROWS]
    assert all(r[2] in {"agree", "disagree", "discuss", "unrelated"} for r in rows[1:])


def test_missing_stance_column_predicts_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stances = write_csv(tmp_path / "s.csv", ["Headline", "Body ID"], [(h, b) for h, b, _ in ROWS])
    bodies = write_csv(tmp_path / "b.csv", ["Body ID", "articleBody"], list(BODIES.items()))
    out = tmp_path / "pred.csv"
    argv = [
        "eval",
        "fnc1",
        "--stances",
        str(stances),
        "--bodies",
        str(bodies),
        "--predictions",
        str(out),
        "--json",
    ]
    assert run_cli(argv) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["fnc_score"] is None and result["confusion"] is None
    assert result["pairs"] == len(ROWS) and result["pairs_per_second"] > 0
    assert len(read_rows(out)) == len(ROWS) + 1


def test_json_output_is_one_object_with_scores(
    fnc_files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    stances, bodies = fnc_files
    argv = ["eval", "fnc1", "--stances", str(stances), "--bodies", str(bodies), "--json"]
    assert run_cli(argv) == 0
    result = json.loads(capsys.readouterr().out)
    assert 0.0 <= result["fnc_score"] <= 100.0
    assert set(result["f1"]) == {"agree", "disagree", "discuss", "unrelated"}
    assert sum(map(sum, result["confusion"])) == len(ROWS)


def _assert_one_line_error(capsys: pytest.CaptureFixture[str], needle: str) -> None:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error:")
    assert needle in err and "Traceback" not in err


def test_missing_file_exits_2_with_one_line(
    fnc_files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, bodies = fnc_files
    argv = ["eval", "fnc1", "--stances", str(tmp_path / "nope.csv"), "--bodies", str(bodies)]
    assert run_cli(argv) == 2
    _assert_one_line_error(capsys, "no such file")


def test_missing_columns_exit_2_with_one_line(
    fnc_files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stances, _ = fnc_files
    bad = write_csv(tmp_path / "b.csv", ["id", "text"], [("1", "x")])
    argv = ["eval", "fnc1", "--stances", str(stances), "--bodies", str(bad)]
    assert run_cli(argv) == 2
    _assert_one_line_error(capsys, "missing column")


def test_unknown_body_id_exits_2_with_one_line(
    fnc_files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, bodies = fnc_files
    stances = write_csv(tmp_path / "s.csv", ["Headline", "Body ID"], [("Some headline", "99")])
    argv = ["eval", "fnc1", "--stances", str(stances), "--bodies", str(bodies)]
    assert run_cli(argv) == 2
    _assert_one_line_error(capsys, "unknown Body ID")
