"""Shared fixtures: the shipped stance model (loaded once) and a tiny FNC-format data set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.judgment.stance import StanceModel
from tests.judgment.sample import BODIES, ROWS, write_csv

os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")


@pytest.fixture(scope="session")
def model() -> StanceModel:
    return StanceModel.load(threads=1)


@pytest.fixture
def fnc_files(tmp_path: Path) -> tuple[Path, Path]:
    stances = write_csv(tmp_path / "stances.csv", ["Headline", "Body ID", "Stance"], ROWS)
    bodies = write_csv(tmp_path / "bodies.csv", ["Body ID", "articleBody"], list(BODIES.items()))
    return stances, bodies
