"""Pure functions that turn the core's views into plain terminal text."""

from __future__ import annotations

from functools import singledispatch

from bot.domain.vocab import ClaimState, UpdateKind
from bot.views import (
    ClaimLine,
    ClaimListView,
    DigestView,
    HelpView,
    HistoryView,
    StatusView,
    StoryListView,
    TextView,
    UpdateView,
    View,
)

STATE_MARK = {
    ClaimState.OPEN: "○ open",
    ClaimState.DISPUTED: "⚠ disputed",
    ClaimState.RESOLVED: "✔ resolved",
    ClaimState.REFUTED: "✘ refuted",
    ClaimState.STALE: "… stale",
}


def render(view: View) -> str:
    return _render(view)


@singledispatch
def _render(view: object) -> str:
    raise TypeError(f"no console rendering for {type(view).__name__}")


@_render.register
def _(view: TextView) -> str:
    return view.text


@_render.register
def _(view: HelpView) -> str:
    width = max(len(usage) for usage, _ in view.entries)
    return "\n".join(f"  {usage.ljust(width)}  {what}" for usage, what in view.entries)


@_render.register
def _(view: StoryListView) -> str:
    if not view.stories:
        return "No stories yet. Start one with `/story new NAME`."
    return "\n".join(f"  {name} — {n} open claim{'s' * (n != 1)}{' (followed here)' * followed}"
                     for name, n, followed in view.stories)


def claim_text(c: ClaimLine) -> str:
    return (f"  [{STATE_MARK[c.state]}] {c.id}  {c.text}\n"
            f"      {c.attributed_to} · {c.status}")


@_render.register
def _(view: StatusView) -> str:
    head = f"{view.story}: {len(view.claims)} open claim{'s' * (len(view.claims) != 1)}, " \
           f"{view.documents} document{'s' * (view.documents != 1)}"
    if view.last_change:
        head += f", last change {view.last_change:%Y-%m-%d %H:%M} UTC"
    lines = [head, *(f"  ! {n}" for n in view.notices), *(claim_text(c) for c in view.claims)]
    return "\n".join(lines)


@_render.register
def _(view: ClaimListView) -> str:
    scope = "all claims" if view.include_closed else "open claims"
    if not view.claims:
        return f"{view.story}: no {scope}."
    return "\n".join([f"{view.story}: {scope}", *(claim_text(c) for c in view.claims)])


@_render.register
def _(view: HistoryView) -> str:
    c = view.claim
    lines = [f"{c.id} ({view.story}) — {STATE_MARK[c.state]}: {c.status}", f"  {c.text}",
             f"  first: {view.origin.published:%Y-%m-%d} {view.origin.speaker}, "
             f"{view.origin.source}: “{view.origin.quote}”"]
    for e in view.evidence:
        link = f" <{e.url}>" if e.url else ""
        stance = e.stance.value if e.stance else "claims"
        lines.append(f"  {e.published:%Y-%m-%d} {stance} — {e.speaker}, {e.source}{link}:\n"
                     f"      “{e.quote}”")
    for o in view.overrides:
        note = f": {o.note}" if o.note else ""
        lines.append(f"  {o.at:%Y-%m-%d %H:%M} marked {o.state.value} by {o.by}{note}")
    return "\n".join(lines)


@_render.register
def _(view: UpdateView) -> str:
    verb = "RESOLVED" if view.kind is UpdateKind.RESOLVES else "CONTRADICTED"
    link = f"\n    {view.url}" if view.url else ""
    return (f"[{view.story}] {verb}: {view.claim.text}\n"
            f"    {STATE_MARK[view.claim.state]} — {view.claim.status}\n"
            f"    “{view.quote}”\n    — {view.speaker} ({view.source}){link}")


@_render.register
def _(view: DigestView) -> str:
    lines = [f"Digest for {view.day:%A %d %B %Y}"]
    for s in view.stories:
        lines.append(f"\n{s.story}")
        for title, claims in (("Resolved", s.resolved), ("Contradicted", s.contradicted),
                              ("New", s.new), ("Still open", s.still_open)):
            if claims:
                lines.append(f" {title}:")
                lines.extend(claim_text(c) for c in claims)
        if not s.changed and not s.still_open:
            lines.append("  nothing new")
    return "\n".join(lines)
