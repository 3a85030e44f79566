"""The prisoner-swap scenario from shared/, replayed through the real CLI into a SQLite file:
every expectation in the scenario's README, verbatim quotes, and idempotent replay."""

from __future__ import annotations

import contextlib
import io
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from runtime.cli import main
from tests.conftest import SCENARIO

pytestmark = pytest.mark.skipif(not SCENARIO.exists(), reason="../shared is not beside the repo")


def replay(*args: str) -> dict[str, Any]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["replay", str(SCENARIO), "--json", *args]) == 0
    return json.loads(out.getvalue())


def documents() -> dict[str, str]:
    return {d["id"]: d["text"] for d in map(json.loads, SCENARIO.read_text().splitlines())}


def find(claims: list[dict[str, Any]], pattern: str) -> list[dict[str, Any]]:
    return [c for c in claims if re.search(pattern, c["text"], re.I)]


@pytest.fixture(scope="module", params=["rules", "model", "model+cross-encoder"])
def ledger(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> dict[str, Any]:
    """The ledger after replaying the scenario, with each judgment engine (and the model
    engine's opt-in cross-encoder stack)."""
    config = tmp_path_factory.mktemp("cfg") / "storywatch.toml"
    engine, _, stack = request.param.partition("+")
    stacked = "true" if stack else "false"
    config.write_text(f'[judgment]\nengine = "{engine}"\ncross_encoder = {stacked}\n')
    return replay("--config", str(config))


def test_swap_claim_stays_open_and_reads_under_way_not_confirmed_complete(ledger):
    swap = [c for c in find(ledger["claims"], r"1,000") if re.search(r"exchange|swap", c["text"])]
    assert swap, "no claim about exchanging 1,000 prisoners each"
    assert swap[0]["state"] == "open"
    assert re.search(r"under ?way", swap[0]["status"])
    assert "not confirmed complete" in swap[0]["status"]


def test_trumps_completed_is_disputed_by_the_ukrainian_official(ledger):
    (trump,) = find(ledger["claims"], r"completed")
    assert "Trump" in trump["attributed_to"]
    assert trump["state"] == "disputed"
    contra = [e for e in trump["evidence"] if e["stance"] == "contradicts"]
    assert contra and all(e["document_id"] == "swap-begins-2025-05-23" for e in contra)
    assert re.search(r"Ukrainian officials?", contra[0]["quote"])
    updates = [u for u in ledger["updates"] if u["claim_id"] == trump["id"]]
    assert [(u["kind"], u["document_id"], u["state"]) for u in updates] == [
        ("contradicts", "swap-begins-2025-05-23", "disputed")]


@pytest.mark.parametrize("pending", [r"venue", r"cease-?fire", r"presidents"])
def test_pending_items_are_open_claims(ledger, pending):
    claims = find(ledger["claims"], pending)
    assert claims, f"no claim about {pending}"
    assert any(c["state"] == "open" for c in claims)


def test_nothing_resolves_the_swap(ledger):
    assert [u for u in ledger["updates"] if u["kind"] == "resolves"] == []
    assert all(c["state"] != "resolved" for c in ledger["claims"])


def test_every_quote_is_verbatim_from_the_document_it_cites(ledger):
    texts = documents()
    quotes = [(e["document_id"], e["quote"]) for c in ledger["claims"] for e in c["evidence"]]
    quotes += [(u["document_id"], u["quote"]) for u in ledger["updates"]]
    assert quotes
    for doc_id, quote in quotes:
        assert quote and quote in texts[doc_id], (doc_id, quote)


def count_rows(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"select count(*) from {t}").fetchone()[0]
                for t in ("documents", "claims", "evidence", "updates")}


def test_replaying_twice_into_the_same_database_adds_nothing(tmp_path: Path):
    db = tmp_path / "replay.sqlite3"
    first = replay("--db", f"sqlite:///{db}")
    rows = count_rows(db)
    second = replay("--db", f"sqlite:///{db}")
    assert count_rows(db) == rows
    assert rows["documents"] == 2 and rows["updates"] == len(first["updates"])
    assert second == first
