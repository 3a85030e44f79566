"""Bad replay input gets one clear line naming the file and line, and loses nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from runtime.cli import main

GOOD = {"id": "a", "published": "2025-05-16T15:00:00Z", "source": "wire", "url": "",
        "title": "Deal", "text": "Russia and Ukraine agreed to exchange 1,000 prisoners each, "
        "Ukrainian Defense Minister Rustem Umerov said."}


def line(**changes: object) -> str:
    return json.dumps({**GOOD, **changes})


def run(capsys: pytest.CaptureFixture[str], *paths: Path) -> tuple[int, dict, list[str]]:
    code = main(["replay", *map(str, paths), "--json"])
    out = capsys.readouterr()
    return code, json.loads(out.out), [x for x in out.err.splitlines() if "storywatch" in x]


def test_bad_lines_are_reported_by_file_and_line_and_the_rest_is_ingested(capsys, tmp_path):
    f = tmp_path / "docs.jsonl"
    rows = [
        line(),
        "{not json",
        line(id="empty", text="   "),
        line(id="baddate", published="last Tuesday"),
        line(id="huge", text="word " * 1_100_000),
        line(id="b", published="2025-05-23T09:00:00Z",
             text='Trump wrote on Truth Social that "the swap was just completed." A senior '
                  "Ukrainian official said the exchange was still under way and not complete."),
    ]
    f.write_bytes(("\n".join(rows[:5]) + "\n").encode() + b'{"id": "\xff\xfe"}\n'
                  + rows[5].encode() + b"\n")
    code, ledger, errors = run(capsys, f)
    assert code == 0
    where = [e.split(": ")[1] for e in errors]
    assert where == [f"{f}:2", f"{f}:3", f"{f}:4", f"{f}:5", f"{f}:6"]
    assert "not valid JSON" in errors[0]
    assert "no text" in errors[1]
    assert "ISO 8601" in errors[2]
    assert "MB" in errors[3]
    assert "UTF-8" in errors[4]
    firsts = {c["first_document_id"] for c in ledger["claims"]}
    assert firsts == {"a", "b"}


def test_a_missing_file_is_named_and_other_files_still_load(capsys, tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(line() + "\n")
    code, ledger, errors = run(capsys, tmp_path / "nope.jsonl", good)
    assert code == 0
    assert errors == [f"storywatch replay: {tmp_path / 'nope.jsonl'}: no such file or folder"]
    assert ledger["claims"]


def test_a_folder_of_text_files_replays(capsys, tmp_path):
    (tmp_path / "one.txt").write_text(GOOD["text"])
    (tmp_path / "two.txt").write_bytes(b"\xff\xfe not utf8")
    code, ledger, errors = run(capsys, tmp_path)
    assert code == 0
    assert len(errors) == 1 and "two.txt" in errors[0] and "UTF-8" in errors[0]
    assert ledger["claims"]


@pytest.mark.parametrize("engine", ["rules", "model"])
def test_a_denial_that_came_before_the_claim_still_disputes_it(capsys, tmp_path, engine):
    f = tmp_path / "docs.jsonl"
    denial = line(id="denial", published="2025-05-16T09:00:00Z", title="Port statement",
                  text="Port officials denied reports that harbour master Ana Lopes had resigned.")
    claim = line(id="claim", published="2025-05-16T15:00:00Z", title="Resignation",
                 text="Harbour master Ana Lopes resigned on Friday.")
    f.write_text(f"{denial}\n{claim}\n")
    config = tmp_path / "storywatch.toml"
    config.write_text(f'[judgment]\nengine = "{engine}"\n')
    code, ledger, _ = run(capsys, f, "--config", str(config))
    assert code == 0
    (resigned,) = [c for c in ledger["claims"] if "resigned on Friday" in c["text"]]
    assert resigned["state"] == "disputed"
    (against,) = [e for e in resigned["evidence"] if e["stance"] == "contradicts"]
    assert against["document_id"] == "denial"
    assert [u["kind"] for u in ledger["updates"] if u["claim_id"] == resigned["id"]] == [
        "contradicts"]
