"""Block Kit renderers against saved golden payloads, and Slack's limits.

Regenerate the golden files after an intended change with
``STORYWATCH_UPDATE_GOLDEN=1 pytest tests/slack/test_render.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from adapters.slack.render import MAX_BLOCKS, MAX_SECTION, escape, render, render_reply
from bot.commands.parser import HELP
from bot.domain.vocab import ClaimState, Stance, UpdateKind
from bot.views import (
    ClaimLine,
    ClaimListView,
    DigestStory,
    DigestView,
    EvidenceLine,
    HelpView,
    HistoryView,
    OverrideLine,
    Reply,
    StatusView,
    StoryListView,
    TextView,
    UpdateView,
    View,
)
from tests.slack.support import text_of

GOLDEN = Path(__file__).parent / "golden"
AT = datetime(2025, 5, 16, 12, 30, tzinfo=UTC)

SWAP = ClaimLine("ce1a05f0a8", "the swap was just completed", "Trump (Truth Social)",
                 ClaimState.DISPUTED, "claimed by Trump; disputed by a senior Ukrainian official",
                 AT)
AGREED = ClaimLine("cd9ae63244", "Russia and Ukraine agreed to exchange 1,000 prisoners of war "
                   "each", "Rustem Umerov", ClaimState.OPEN, "agreed, not yet carried out", AT)
DONE = ClaimLine("c0ffee0001", "Talks resume in Istanbul", "Kremlin", ClaimState.RESOLVED,
                 "confirmed by both sides", AT)
QUOTE = "A senior Ukrainian official said the exchange was still under way and not complete."
ORIGIN = EvidenceLine(None, 'Trump wrote on Truth Social that "the swap was just completed."',
                      "Donald Trump", "Reuters", "Trump says swap done", "https://example.com/a?x=1&y=2",
                      AT)
AGAINST = EvidenceLine(Stance.CONTRADICTS, QUOTE, "a senior Ukrainian official", "Kyiv Independent",
                       "Exchange <still> under way", "https://example.com/b", AT)

VIEWS: dict[str, View] = {
    "text": TextView('Created the story "Tom & Jerry <3". `/story follow Tom & Jerry <3`'),
    "help": HelpView(HELP),
    "list": StoryListView([("Prisoner swap", 2, True), ("Istanbul talks", 1, False)]),
    "status": StatusView("Prisoner swap", [SWAP, AGREED], 2, AT,
                         ["Updates to this channel are paused: the channel is archived."]),
    "claims": ClaimListView("Prisoner swap", [SWAP, AGREED, DONE], include_closed=True),
    "history": HistoryView("Prisoner swap", SWAP, ORIGIN, [AGAINST],
                           [OverrideLine(ClaimState.OPEN, "U024BE7LH", "waiting for Kyiv", AT)]),
    "update": UpdateView("Prisoner swap", UpdateKind.CONTRADICTS, SWAP, QUOTE,
                         "a senior Ukrainian official", "Kyiv Independent",
                         "Exchange still under way", "https://example.com/b"),
    "digest": DigestView(date(2025, 5, 16), [
        DigestStory("Prisoner swap", [], [SWAP], [AGREED], [SWAP, AGREED]),
        DigestStory("Istanbul talks", [], [], [], [DONE]),
    ]),
}


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_renderer_matches_golden_payload(name: str) -> None:
    rendered = render(VIEWS[name])
    path = GOLDEN / f"{name}.json"
    if os.environ.get("STORYWATCH_UPDATE_GOLDEN"):
        path.write_text(json.dumps(rendered, indent=2, ensure_ascii=False) + "\n", "utf-8")
    assert rendered == json.loads(path.read_text("utf-8"))


def all_texts(payload: dict[str, Any]) -> list[str]:
    texts = []
    for block in payload["blocks"]:
        if "text" in block:
            texts.append(block["text"]["text"])
        texts += [e["text"] for e in block.get("elements", [])]
    return texts


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_every_payload_stays_within_slack_limits(name: str) -> None:
    payload = render(VIEWS[name])
    assert 0 < len(payload["blocks"]) <= MAX_BLOCKS
    assert all(len(t) <= MAX_SECTION for t in all_texts(payload))
    assert payload["text"]


def test_long_claim_list_ends_with_and_n_more_within_50_blocks() -> None:
    many = [ClaimLine(f"c{i:04d}", f"claim {i}", "someone", ClaimState.OPEN, "", AT)
            for i in range(120)]
    payload = render(ClaimListView("Big story", many, include_closed=False))
    assert len(payload["blocks"]) <= MAX_BLOCKS
    shown = sum(1 for t in all_texts(payload) if "claim " in t and "`c" in t)
    assert all_texts(payload)[-1] == f"…and {120 - shown} more claims"


def test_very_long_text_is_clipped_to_the_section_limit() -> None:
    payload = render(TextView("x" * 10_000))
    assert len(payload["blocks"][0]["text"]["text"]) == MAX_SECTION
    assert payload["blocks"][0]["text"]["text"].endswith("…")


def test_document_text_cannot_inject_mentions_or_links() -> None:
    view = UpdateView("S", UpdateKind.RESOLVES, AGREED, "<!channel> see <https://evil|here> & go",
                      "x", "src", "t", "javascript:alert(1)")
    shown = text_of(render(view))
    assert "<!channel>" not in shown and "<https://evil" not in shown and "& go" not in shown
    assert ">&lt;!channel&gt; see &lt;https://evil|here&gt; &amp; go" in shown
    assert "javascript" not in shown  # only http(s) URLs become links


def test_escape_covers_the_three_mrkdwn_control_characters() -> None:
    assert escape("a & b < c > d") == "a &amp; b &lt; c &gt; d"


def test_private_reply_is_ephemeral_and_public_reply_in_channel() -> None:
    assert render_reply(Reply(TextView("hi")))["response_type"] == "ephemeral"
    assert render_reply(Reply(TextView("hi"), private=False))["response_type"] == "in_channel"
