"""An invented story replayed end to end through the real CLI, with both engines: an agreement,
one party's word that it is done, a denial of something else, a dispute, then the parties'
joint confirmation. What a channel sees is exactly one `contradicts` and two `resolves`."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest

from runtime.cli import main

STORY = Path(__file__).parent / "data" / "ferry_handover.jsonl"


@pytest.fixture(scope="module", params=["rules", "model"])
def ledger(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> dict[str, Any]:
    config = tmp_path_factory.mktemp("cfg") / "storywatch.toml"
    config.write_text(f'[judgment]\nengine = "{request.param}"\n')
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["replay", str(STORY), "--json", "--config", str(config)]) == 0
    return json.loads(out.getvalue())


def _claim(ledger: dict[str, Any], starts: str) -> dict[str, Any]:
    (claim,) = [c for c in ledger["claims"] if c["text"].startswith(starts)]
    return claim


def test_the_mayors_word_is_disputed_then_resolved_by_both_ports(ledger: dict[str, Any]) -> None:
    mayor = _claim(ledger, "the ferry handover to the joint operator was complete")
    assert mayor["attributed_to"] == "Dover's mayor"
    assert mayor["state"] == "resolved"
    assert mayor["status"] == "confirmed complete by the ports of Calais and Dover"
    kinds = [(u["kind"], u["document_id"]) for u in ledger["updates"]
             if u["claim_id"] == mayor["id"]]
    assert kinds == [("contradicts", "f4"), ("resolves", "f5")]


def test_the_agreement_is_resolved_by_the_joint_confirmation(ledger: dict[str, Any]) -> None:
    agreement = _claim(ledger, "The ports of Calais and Dover agreed")
    assert agreement["state"] == "resolved"
    kinds = [(u["kind"], u["document_id"]) for u in ledger["updates"]
             if u["claim_id"] == agreement["id"]]
    assert kinds == [("resolves", "f5")]


def test_a_denial_of_something_else_contradicts_nothing(ledger: dict[str, Any]) -> None:
    """Calais denied that crews were mistreated during the handover: no claim is contradicted
    by it, and nothing is posted about it."""
    stances = [e["stance"] for c in ledger["claims"] for e in c["evidence"]
               if e["document_id"] == "f3"]
    assert "contradicts" not in stances
    assert all(u["document_id"] != "f3" for u in ledger["updates"])


def test_every_quote_is_verbatim(ledger: dict[str, Any]) -> None:
    texts = {d["id"]: d["text"] for d in map(json.loads, STORY.read_text().splitlines())}
    quotes = [(u["document_id"], u["quote"]) for u in ledger["updates"]]
    quotes += [(e["document_id"], e["quote"]) for c in ledger["claims"] for e in c["evidence"]]
    assert quotes
    assert all(q in texts[d] for d, q in quotes)
