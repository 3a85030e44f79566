"""Pure rendering of the core's views into Discord message payloads (content + embed dicts).

Every function here is a pure function of a view: no I/O, no discord.py objects, so the output
can be compared with saved golden JSON. The payloads respect Discord's limits (title 256,
description 4,096, 25 fields, field name 256 and value 1,024, 6,000 characters per message,
content 2,000); longer lists end with "and N more" rather than being cut mid-line.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
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
    StatusView,
    StoryListView,
    TextView,
    UpdateView,
    View,
)

Embed = dict[str, Any]
Payload = dict[str, Any]  # {"content": str, "embeds": [Embed]}

CONTENT_MAX = 2000
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
TOTAL_MAX = 6000

STATE_LABEL = {
    ClaimState.OPEN: "🔵 open",
    ClaimState.DISPUTED: "🟠 disputed",
    ClaimState.RESOLVED: "✅ resolved",
    ClaimState.REFUTED: "❌ refuted",
    ClaimState.STALE: "💤 stale",
}
STATE_COLOUR = {
    ClaimState.OPEN: 0x3B88C3,
    ClaimState.DISPUTED: 0xF4900C,
    ClaimState.RESOLVED: 0x77B255,
    ClaimState.REFUTED: 0xDD2E44,
    ClaimState.STALE: 0x99AAB5,
}
STANCE_LABEL = {
    Stance.SUPPORTS: "👍 supports",
    Stance.RESOLVES: "✅ resolves",
    Stance.CONTRADICTS: "⚠️ contradicts",
    Stance.DISCUSSES: "💬 discusses",
}
UPDATE_LABEL = {UpdateKind.RESOLVES: "✅ Resolved", UpdateKind.CONTRADICTS: "⚠️ Contradicted"}
NEUTRAL_COLOUR = 0x5865F2


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def block_quote(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.strip().splitlines())


def link(label: str, url: str) -> str:
    """A markdown link for http(s) URLs; just the label for anything else."""
    if url.startswith(("http://", "https://")):
        return f"[{label.replace(']', ')')}]({url.replace(')', '%29')})"
    return label


def _day(when: datetime | date | None) -> str:
    return f"{when:%d %b %Y}" if when else "never"


def _lines_within(lines: Sequence[str], limit: int, empty: str = "") -> str:
    """Join lines within ``limit``, ending with "…and N more" rather than cutting a line."""
    out: list[str] = []
    used = 0
    for i, raw in enumerate(lines):
        line = clip(raw, limit - 30)
        after = len(lines) - i - 1
        tail = len(f"\n…and {after} more") if after else 0
        if used + len(line) + tail > limit:
            out.append(f"…and {len(lines) - i} more")
            break
        out.append(line)
        used += len(line) + 1
    return "\n".join(out) or empty


def _size(embed: Embed) -> int:
    fields = embed.get("fields", [])
    return (len(embed.get("title", "")) + len(embed.get("description", ""))
            + len(embed.get("footer", {}).get("text", ""))
            + sum(len(f["name"]) + len(f["value"]) for f in fields))


def _embed(title: str, description: str = "", *, colour: int = NEUTRAL_COLOUR,
           fields: Sequence[tuple[str, str]] = (), footer: str = "", url: str = "") -> Embed:
    """An embed dict with every part clipped, at most 25 fields and 6,000 characters."""
    embed: Embed = {"title": clip(title, TITLE_MAX), "color": colour}
    if description:
        embed["description"] = clip(description, DESCRIPTION_MAX)
    if url.startswith(("http://", "https://")):
        embed["url"] = url
    shown = list(fields)
    if len(shown) > FIELDS_MAX:
        shown = [*shown[: FIELDS_MAX - 1], ("…", f"and {len(fields) - FIELDS_MAX + 1} more")]
    embed["fields"] = [{"name": clip(n, FIELD_NAME_MAX) or "\u200b",
                        "value": clip(v, FIELD_VALUE_MAX) or "\u200b", "inline": False}
                       for n, v in shown]
    if footer:
        embed["footer"] = {"text": clip(footer, FOOTER_MAX)}
    dropped = 0
    while _size(embed) > TOTAL_MAX and embed["fields"]:
        embed["fields"].pop()
        dropped += 1
        if _size(embed) + 40 <= TOTAL_MAX:
            embed["fields"].append({"name": "…", "value": f"and {dropped} more", "inline": False})
            break
    if not embed["fields"]:
        del embed["fields"]
    return embed


def _message(*embeds: Embed, content: str = "") -> Payload:
    return {"content": clip(content, CONTENT_MAX), "embeds": list(embeds)}


def claim_entry(claim: ClaimLine) -> str:
    """One claim as two lines: state, id and text; then who says it and its status."""
    head = f"{STATE_LABEL[claim.state]} · `{claim.id}` {claim.text}"
    return f"{head}\n  ↳ {claim.attributed_to} — {claim.status}"


def render_text(view: TextView) -> Payload:
    return _message(content=view.text)


def render_help(view: HelpView) -> Payload:
    lines = [f"`{usage}` — {what}" for usage, what in view.entries]
    return _message(_embed("Storywatch commands", _lines_within(lines, DESCRIPTION_MAX)))


def render_story_list(view: StoryListView) -> Payload:
    lines = [f"**{name}** · {count} open claim{'' if count == 1 else 's'}"
             f"{' · followed here' if followed else ''}" for name, count, followed in view.stories]
    empty = "No stories yet. Start one with `/story new NAME`."
    return _message(_embed("Stories", _lines_within(lines, DESCRIPTION_MAX, empty)))


def render_status(view: StatusView) -> Payload:
    notices = [f"⏸️ {n}" for n in view.notices]
    lines = [claim_entry(c) for c in view.claims]
    body = _lines_within(lines, DESCRIPTION_MAX - sum(len(n) + 1 for n in notices) - 2,
                         "No open claims.")
    description = "\n".join([*notices, body]) if notices else body
    colour = STATE_COLOUR[view.claims[0].state] if view.claims else NEUTRAL_COLOUR
    footer = (f"{view.documents} document{'' if view.documents == 1 else 's'} · "
              f"last change {_day(view.last_change)}")
    return _message(_embed(f"{view.story} — status", description, colour=colour, footer=footer))


def render_claim_list(view: ClaimListView) -> Payload:
    title = f"{view.story} — {'all claims' if view.include_closed else 'open claims'}"
    body = _lines_within([claim_entry(c) for c in view.claims], DESCRIPTION_MAX, "No claims.")
    return _message(_embed(title, body, footer="/story history CLAIM shows a claim's evidence"))


def _evidence_field(line: EvidenceLine, first: bool) -> tuple[str, str]:
    stance = "📌 first reported" if first or line.stance is None else STANCE_LABEL[line.stance]
    name = f"{stance} · {line.speaker} · {_day(line.published)}"
    source = link(line.source or line.title or "source", line.url)
    quote = clip(block_quote(line.quote), FIELD_VALUE_MAX - len(source) - 3)
    return name, f"{quote}\n— {source}"


def render_history(view: HistoryView) -> Payload:
    claim = view.claim
    description = (f"{STATE_LABEL[claim.state]} — {claim.status}\n"
                   f"Claim `{claim.id}` of **{view.story}**, said by {claim.attributed_to}")
    fields = [_evidence_field(view.origin, True)]
    fields += [_evidence_field(e, False) for e in view.evidence]
    fields += [(f"✍️ marked {o.state.value} by {o.by} · {_day(o.at)}", o.note or "(no note)")
               for o in view.overrides]
    return _message(_embed(claim.text, description, colour=STATE_COLOUR[claim.state],
                           fields=fields))


def render_update(view: UpdateView) -> Payload:
    claim = view.claim
    title = f"{UPDATE_LABEL[view.kind]}: {claim.text}"
    quote = clip(block_quote(view.quote), DESCRIPTION_MAX - 200)
    description = f"{quote}\n— {view.speaker}"
    source = link(view.title or view.source or "source", view.url)
    fields = [("Claim", f"`{claim.id}` {claim.text} ({claim.attributed_to})"),
              ("Now", f"{STATE_LABEL[claim.state]} — {claim.status}"),
              ("Source", f"{source} · {view.source}" if view.source else source)]
    return _message(_embed(title, description, colour=STATE_COLOUR[claim.state],
                           fields=fields, footer=view.story, url=view.url))


def _digest_field(story: DigestStory) -> tuple[str, str]:
    parts = [("✅ resolved", story.resolved), ("⚠️ contradicted", story.contradicted),
             ("🆕 new", story.new), ("🔵 still open", story.still_open)]
    lines = [f"{label}: {STATE_LABEL[c.state]} `{c.id}` {c.text}"
             for label, claims in parts for c in claims]
    return story.story, _lines_within(lines, FIELD_VALUE_MAX, "Nothing open, nothing new.")


def render_digest(view: DigestView) -> Payload:
    changed = sum(1 for s in view.stories if s.changed)
    description = (f"{changed} of {len(view.stories)} followed "
                   f"stor{'y' if len(view.stories) == 1 else 'ies'} changed.")
    return _message(_embed(f"Daily digest — {_day(view.day)}", description,
                           fields=[_digest_field(s) for s in view.stories]))


def render(view: View) -> Payload:
    """The message payload for any view."""
    match view:
        case TextView():
            return render_text(view)
        case HelpView():
            return render_help(view)
        case StoryListView():
            return render_story_list(view)
        case StatusView():
            return render_status(view)
        case ClaimListView():
            return render_claim_list(view)
        case HistoryView():
            return render_history(view)
        case UpdateView():
            return render_update(view)
        case DigestView():
            return render_digest(view)
    raise TypeError(f"no Discord rendering for {type(view).__name__}")
