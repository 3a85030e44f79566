"""The crash-safety benchmark, small: 60 documents, 3 SIGKILLs of a worker running the real
ingest and outbox code on a SQLite file; after the restart every document is stored once and
every update reached every following channel exactly once (the sink keeps one per key)."""

from __future__ import annotations

from pathlib import Path

from runtime.crashbench import run_bench


def test_killing_the_worker_three_times_loses_and_repeats_nothing(tmp_path: Path):
    result = run_bench(documents=60, stories=3, channels=3, kills=3, seed=3, workdir=tmp_path)
    assert result["final_exit"] == 0
    assert result["documents_stored"] == 60
    assert result["expected_posts"] > 0
    assert (result["missing"], result["extra"]) == (0, 0)
    assert result["posted"] == result["expected_posts"]
