"""Block Kit rendering: pure functions from the core's views to Slack message payloads.

Every payload is a dict with a plain ``text`` fallback (notifications, screen readers) and
``blocks``. User and document text is escaped for mrkdwn (``&``, ``<``, ``>``), quotes show as
block quotes, states as an emoji plus a word. Slack's limits are kept here, in one place: a
section's text stays under 3,000 characters, a header under 150, a message under 50 blocks;
longer lists end with "…and N more".
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

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

Block = dict[str, Any]
Payload = dict[str, Any]

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_CONTEXT = 2000
MAX_FALLBACK = 3000
# Room left for the header, context and "and N more" blocks around a list of claims.
LIST_BUDGET = MAX_BLOCKS - 5

STATE_LABEL = {
    ClaimState.OPEN: ":large_blue_circle: open",
    ClaimState.DISPUTED: ":large_orange_circle: disputed",
    ClaimState.RESOLVED: ":white_check_mark: resolved",
    ClaimState.REFUTED: ":x: refuted",
    ClaimState.STALE: ":zzz: stale",
}
STANCE_LABEL = {
    Stance.SUPPORTS: ":heavy_plus_sign: supports",
    Stance.RESOLVES: ":white_check_mark: resolves",
    Stance.CONTRADICTS: ":warning: contradicts",
    Stance.DISCUSSES: ":speech_balloon: discusses",
}
UPDATE_HEADLINE = {
    UpdateKind.RESOLVES: ":white_check_mark: Resolved",
    UpdateKind.CONTRADICTS: ":warning: Contradicted",
}
APOLOGY = "Sorry, something went wrong on my side. Please try again in a minute."

_SLACK_USER = re.compile(r"^[UW][A-Z0-9]{2,}$")


# -- text helpers -----------------------------------------------------------------------------
def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def quote(text: str) -> str:
    """A block quote of (escaped) document text; every line starts with ``>``."""
    return "\n".join(f">{line}" for line in escape(text).splitlines() or [""])


def link(url: str, label: str) -> str:
    if not re.match(r"^https?://[^\s<>|]+$", url):
        return escape(label or url)
    # Only http(s) links become links; the URL's own "&" is escaped as Slack asks.
    return f"<{url.replace('&', '&amp;')}|{escape(label or url).replace('|', '¦')}>"


def who(user: str) -> str:
    return f"<@{user}>" if _SLACK_USER.match(user) else escape(user)


def when(at: datetime | None) -> str:
    return f"{at:%d %b %Y %H:%M} UTC" if at else "never"


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, MAX_SECTION)}}


def header(text: str) -> Block:
    return {"type": "header", "text": {"type": "plain_text", "text": clip(text, MAX_HEADER)}}


def context(text: str) -> Block:
    return {"type": "context",
            "elements": [{"type": "mrkdwn", "text": clip(text, MAX_CONTEXT)}]}


def more(n: int, noun: str) -> Block:
    return context(f"…and {n} more {noun}")


def payload(fallback: str, blocks: list[Block]) -> Payload:
    """``fallback`` is plain text; it is escaped here because Slack parses it as mrkdwn too."""
    return {"text": clip(escape(fallback), MAX_FALLBACK), "blocks": blocks[:MAX_BLOCKS]}


def capped(blocks: list[Block], noun: str, budget: int = LIST_BUDGET) -> list[Block]:
    """At most ``budget`` blocks; what does not fit is counted in a last "and N more"."""
    if len(blocks) <= budget:
        return blocks
    return [*blocks[: budget - 1], more(len(blocks) - budget + 1, noun)]


# -- claims -----------------------------------------------------------------------------------
def claim_text(claim: ClaimLine) -> str:
    status = f"\n_{escape(claim.status)}_" if claim.status else ""
    return (f"{STATE_LABEL[claim.state]} · *{escape(claim.text)}*{status}\n"
            f"according to {escape(claim.attributed_to)} · `{claim.id}`")


def claim_blocks(claims: list[ClaimLine], budget: int = LIST_BUDGET) -> list[Block]:
    return capped([section(claim_text(c)) for c in claims], "claims", budget)


# -- one function per view --------------------------------------------------------------------
def render_text(view: TextView) -> Payload:
    return payload(view.text, [section(escape(view.text))])


def render_help(view: HelpView) -> Payload:
    lines = [f"`{escape(cmd)}` — {escape(what)}" for cmd, what in view.entries]
    return payload("Storywatch commands", [header("Storywatch commands"),
                                           section("\n".join(lines))])


def render_story_list(view: StoryListView) -> Payload:
    if not view.stories:
        return render_text(TextView("This workspace follows no story yet: `/story new NAME`."))
    lines = [f"• *{escape(name)}* — {n} open claim{'' if n == 1 else 's'}"
             f"{' · followed here' if here else ''}" for name, n, here in view.stories]
    return payload(f"{len(lines)} stories", [header("Stories"), *_lines_sections(lines)])


def _lines_sections(lines: list[str]) -> list[Block]:
    """Pack lines into sections under the character limit, within the block budget."""
    chunks: list[list[str]] = [[]]
    for line in lines:
        if sum(len(x) + 1 for x in chunks[-1]) + len(line) > MAX_SECTION - 100:
            chunks.append([])
        chunks[-1].append(line)
    if len(chunks) <= LIST_BUDGET:
        return [section("\n".join(c)) for c in chunks]
    shown = chunks[: LIST_BUDGET - 1]
    hidden = sum(len(c) for c in chunks[LIST_BUDGET - 1:])
    return [*(section("\n".join(c)) for c in shown), more(hidden, "stories")]


def render_status(view: StatusView) -> Payload:
    blocks = [header(view.story),
              context(f"{len(view.claims)} open claims · {view.documents} documents · "
                      f"last change {when(view.last_change)}")]
    blocks += [context(f":warning: {escape(n)}") for n in view.notices[:3]]
    if not view.claims:
        blocks.append(section("No open claims."))
    blocks += claim_blocks(view.claims, MAX_BLOCKS - len(blocks))
    return payload(f"{view.story}: {len(view.claims)} open claims", blocks)


def render_claims(view: ClaimListView) -> Payload:
    scope = "all claims" if view.include_closed else "open claims"
    blocks = [header(view.story), context(f"{len(view.claims)} {scope}")]
    if not view.claims:
        blocks.append(section(f"No {scope}."))
    blocks += claim_blocks(view.claims, MAX_BLOCKS - len(blocks))
    return payload(f"{view.story}: {len(view.claims)} {scope}", blocks)


def evidence_text(e: EvidenceLine) -> str:
    label = STANCE_LABEL[e.stance] if e.stance else ":memo: first said"
    return (f"{label} · *{escape(e.speaker)}* · {when(e.published)}\n{quote(e.quote)}\n"
            f"{link(e.url, e.title or e.source)}")


def override_text(o: OverrideLine) -> str:
    note = f": {escape(o.note)}" if o.note else ""
    return f":pencil2: marked {STATE_LABEL[o.state]} by {who(o.by)} · {when(o.at)}{note}"


def render_history(view: HistoryView) -> Payload:
    blocks = [header(view.claim.text), section(claim_text(view.claim)),
              context(f"Story: {escape(view.story)}"), {"type": "divider"},
              section(evidence_text(view.origin))]
    rest = [section(evidence_text(e)) for e in view.evidence]
    rest += [context(override_text(o)) for o in view.overrides]
    blocks += capped(rest, "entries", MAX_BLOCKS - len(blocks))
    return payload(f"History of {view.claim.id}: {view.claim.text}", blocks)


def render_update(view: UpdateView) -> Payload:
    claim = view.claim
    headline = f"{UPDATE_HEADLINE[view.kind]}: *{escape(claim.text)}*"
    state = f"Now {STATE_LABEL[claim.state]}" + (f" — _{escape(claim.status)}_"
                                                 if claim.status else "")
    source = link(view.url, view.title or view.source)
    said = f"{quote(view.quote)}\n— {escape(view.speaker)}, {source}"
    blocks = [section(f"{headline}\n{state}"), section(said),
              context(f"{escape(view.story)} · claim `{claim.id}` by "
                      f"{escape(claim.attributed_to)} · `/story history {claim.id}`")]
    fallback = f"{view.story}: {view.kind.value} — {claim.text} ({claim.state.value})"
    return payload(fallback, blocks)


def render_thread_parent(story: str, latest: UpdateView | None = None) -> Payload:
    """The one message per story and channel whose thread holds the story's updates."""
    blocks = [section(f":newspaper: *{escape(story)}* — updates to this story's claims are "
                      "posted in this thread.")]
    if latest is not None:
        blocks.append(context(f"Latest: {UPDATE_HEADLINE[latest.kind]} · "
                              f"{escape(clip(latest.claim.text, 300))} · now "
                              f"{STATE_LABEL[latest.claim.state]}"))
    return payload(f"{story}: updates in this thread", blocks)


def _digest_story_blocks(story: DigestStory) -> list[Block]:
    groups = [(":white_check_mark: Resolved", story.resolved),
              (":warning: Contradicted", story.contradicted),
              (":new: New claims", story.new), (":hourglass: Still open", story.still_open)]
    lines = [f"*{escape(story.story)}*"]
    for title, claims in groups:
        if claims:
            lines.append(f"{title} ({len(claims)})")
            lines += [f"• {escape(clip(c.text, 200))} — {STATE_LABEL[c.state]}"
                      f"{' · _' + escape(clip(c.status, 120)) + '_' if c.status else ''}"
                      for c in claims[:10]]
            if len(claims) > 10:
                lines.append(f"  …and {len(claims) - 10} more")
    if not story.changed:
        lines.insert(1, "_No change since the last digest._")
    return [section("\n".join(lines))]


def render_digest(view: DigestView) -> Payload:
    blocks = [header(f"Daily digest · {view.day:%d %b %Y}")]
    stories = [b for s in view.stories for b in [*_digest_story_blocks(s), {"type": "divider"}]]
    blocks += capped(stories[:-1], "blocks", MAX_BLOCKS - len(blocks))
    changed = sum(1 for s in view.stories if s.changed)
    return payload(f"Daily digest: {changed} of {len(view.stories)} stories changed", blocks)


def render_error(message: str) -> Payload:
    return {"response_type": "ephemeral", **render_text(TextView(message))}


def render(view: View) -> Payload:
    renderers: dict[type[Any], Any] = {
        TextView: render_text, HelpView: render_help, StoryListView: render_story_list,
        StatusView: render_status, ClaimListView: render_claims, HistoryView: render_history,
        UpdateView: render_update, DigestView: render_digest,
    }
    result: Payload = renderers[type(view)](view)
    return result


def render_reply(reply: Reply) -> Payload:
    """A command's answer for ``respond``: ephemeral when private, else posted in the channel."""
    return {"response_type": "ephemeral" if reply.private else "in_channel", **render(reply.view)}
