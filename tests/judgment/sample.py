"""A tiny FNC-format data set (two bodies, five pairs) and a CSV writer for the tests."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

BODIES = {
    "1": (
        "A small meteorite crashed into a wooded area in Nicaragua's capital of Managua "
        "overnight, the government said Sunday.\n\nResidents reported hearing a mysterious "
        "boom that left a 16-foot deep crater near the city's airport. Officials said nobody "
        "was hurt."
    ),
    "2": (
        'Apple has denied reports that it is building a television set. "There is no such '
        'product," a spokesperson told reporters on Tuesday.  The rumour first appeared on a '
        "blog last week and was not confirmed by any supplier."
    ),
}
ROWS = [
    ("Meteorite makes big crater in Managua, Nicaragua", "1", "agree"),
    ("Apple is about to launch its own TV set", "2", "disagree"),
    ("Apple is about to launch its own TV set", "1", "unrelated"),
    ("Meteorite makes big crater in Managua, Nicaragua", "2", "unrelated"),
    ("Meteorite makes big crater in Managua, Nicaragua", "1", "agree"),
]


def write_csv(path: Path, header: list[str], rows: Sequence[tuple[str, ...]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path
