"""Who counts as the same party when weighing confirmations.

A claim is resolved only when the parties concerned or independent sources confirm it, so the
fold must tell "two Ukrainian officials" (one party) from "Kyiv and Moscow" (two). Speakers
are reduced to their distinctive words (names, nationalities, institutions), with generic role
words dropped, and two speakers are the same party when those words overlap. Word stems are
compared by prefix so that "Ukraine" and "Ukrainian" meet.
"""

from __future__ import annotations

import re

_ROLE_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "for",
        "and",
        "in",
        "on",
        "at",
        "to",
        "from",
        "by",
        "with",
        "his",
        "her",
        "their",
        "its",
        "our",
        "official",
        "officials",
        "source",
        "sources",
        "senior",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "minister",
        "ministry",
        "president",
        "presidential",
        "prime",
        "secretary",
        "aide",
        "aides",
        "adviser",
        "advisers",
        "advisor",
        "government",
        "state",
        "military",
        "defense",
        "defence",
        "foreign",
        "office",
        "agency",
        "agencies",
        "familiar",
        "member",
        "members",
        "delegation",
        "head",
        "chief",
        "leader",
        "leaders",
        "representative",
        "representatives",
        "people",
        "person",
        "someone",
        "reporters",
        "reporter",
        "media",
        "news",
        "report",
        "reports",
        "wire",
        "post",
        "platform",
        "social",
        "account",
        "statement",
        "press",
        "service",
        "said",
        "says",
        "told",
        "u.s",
        "us",
        "mr",
        "mrs",
        "ms",
        "dr",
        "general",
        "gen",
        "his",
        "own",
        "unnamed",
        "anonymous",
        "country",
        "nation",
        "side",
        "sides",
        "party",
        "parties",
    ]
)

_STEM = 5


def party_key(speaker: str) -> frozenset[str]:
    """The distinctive word stems of a speaker description."""
    words = re.findall(r"[A-Za-z][A-Za-z'.-]+", speaker.lower())
    return frozenset(w[:_STEM] for w in words if w.strip(".") not in _ROLE_WORDS)


def same_party(a: str, b: str) -> bool:
    ka, kb = party_key(a), party_key(b)
    if not ka or not kb:
        return a.strip().lower() == b.strip().lower()
    return bool(ka & kb)


def distinct_parties(speakers: list[str]) -> list[str]:
    """The speakers that stand for different parties, first mention kept."""
    kept: list[str] = []
    for speaker in speakers:
        if not any(same_party(speaker, k) for k in kept):
            kept.append(speaker)
    return kept


def join_names(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
