"""The embed renderers against saved golden payloads, and Discord's length limits."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from adapters.discord.render import (
    DESCRIPTION_MAX,
    FIELD_VALUE_MAX,
    FIELDS_MAX,
    TITLE_MAX,
    TOTAL_MAX,
    render,
)
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
    StatusView,
    StoryListView,
    TextView,
    UpdateView,
    View,
)
from tests.discord.golden import assert_golden

AT = datetime(2025, 5, 23, 12, 0, tzinfo=UTC)
SWAP = ClaimLine("c3a031e532", "Russia and Ukraine will exchange 1,000 prisoners each",
                 "Rustem Umerov", ClaimState.OPEN, "swap under way, not confirmed complete", AT)
DONE = ClaimLine("c79c5f197c", "the swap was just completed", "Donald Trump (Truth Social)",
                 ClaimState.DISPUTED, "claimed by Trump; disputed by a senior Ukrainian official",
                 AT)
QUOTE = "A senior Ukrainian official said the exchange was still under way and not complete."
URL = "https://news.example.org/swap"

VIEWS: dict[str, View] = {
    "text": TextView('Created the story "Prisoner swap".'),
    "help": HelpView([("/story list", "the stories of this workspace"),
                      ("/story help", "this help")]),
    "story_list": StoryListView([("Prisoner swap", 2, True), ("Ceasefire", 1, False)]),
    "story_list_empty": StoryListView([]),
    "status": StatusView("Prisoner swap", [DONE, SWAP], 2, AT,
                         ["Updates to this channel are paused: the bot lost access."]),
    "claims": ClaimListView("Prisoner swap", [DONE, SWAP], include_closed=True),
    "history": HistoryView(
        "Prisoner swap", DONE,
        EvidenceLine(None, 'Trump wrote that "the swap was just completed."', "Donald Trump",
                     "wire", "Swap under way", URL, AT),
        [EvidenceLine(Stance.CONTRADICTS, QUOTE, "a senior Ukrainian official", "wire",
                      "Swap under way", URL, AT)],
        [OverrideLine(ClaimState.OPEN, "alice", "waiting for confirmation", AT)]),
    "update": UpdateView("Prisoner swap", UpdateKind.CONTRADICTS, DONE, QUOTE,
                         "a senior Ukrainian official", "wire", "Swap under way", URL),
    "digest": DigestView(date(2025, 5, 23), [
        DigestStory("Prisoner swap", [], [DONE], [DONE], [DONE, SWAP])]),
}


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_renderer_matches_golden_payload(name: str) -> None:
    assert_golden(f"render_{name}", render(VIEWS[name]))


def _total(embed: dict) -> int:  # type: ignore[type-arg]
    return (len(embed.get("title", "")) + len(embed.get("description", ""))
            + len(embed.get("footer", {}).get("text", ""))
            + sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields", [])))


def test_long_claim_list_ends_with_and_n_more_within_limits() -> None:
    claims = [ClaimLine(f"c{i:09d}", "x" * 300, "someone", ClaimState.OPEN, "open", AT)
              for i in range(200)]
    embed = render(StatusView("Big story", claims, 500, AT))["embeds"][0]
    assert len(embed["description"]) <= DESCRIPTION_MAX
    assert embed["description"].splitlines()[-1].startswith("…and ")
    assert embed["description"].endswith(" more")
    assert _total(embed) <= TOTAL_MAX


def test_history_with_many_long_quotes_stays_within_limits() -> None:
    evidence = [EvidenceLine(Stance.SUPPORTS, "q" * 3000, "a source", "wire", "t", URL, AT)
                for _ in range(60)]
    view = HistoryView("S", DONE, evidence[0], evidence, [])
    embed = render(view)["embeds"][0]
    assert len(embed["fields"]) <= FIELDS_MAX
    assert all(len(f["value"]) <= FIELD_VALUE_MAX for f in embed["fields"])
    assert _total(embed) <= TOTAL_MAX
    assert embed["fields"][-1]["value"].startswith("and ") and embed["fields"][-1][
        "value"].endswith(" more")


def test_long_titles_and_content_are_clipped() -> None:
    long_claim = ClaimLine("c1", "y" * 1000, "z", ClaimState.RESOLVED, "confirmed", AT)
    update = render(UpdateView("S", UpdateKind.RESOLVES, long_claim, "q", "s", "w", "t", URL))
    assert len(update["embeds"][0]["title"]) == TITLE_MAX
    assert update["embeds"][0]["title"].startswith("✅ Resolved: ")
    assert len(render(TextView("w" * 5000))["content"]) == 2000


def test_quotes_are_block_quotes_and_links_only_for_http() -> None:
    payload = render(UpdateView("S", UpdateKind.CONTRADICTS, DONE, "line one\nline two", "s",
                                "pasted by alice", "pasted", ""))
    embed = payload["embeds"][0]
    assert embed["description"].startswith("> line one\n> line two\n— s")
    assert "url" not in embed and "](" not in embed["fields"][2]["value"]
