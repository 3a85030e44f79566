"""Parsing ``/story`` text into a subcommand and its arguments.

Story names may contain spaces, so the parser only splits off the subcommand and its trailing
options (``keywords:``, ``at``, ``tz``, ``for``, ``all``, ``now``); which prefix of the rest
names a story is decided by the dispatcher, which knows the workspace's stories (the longest
prefix that names one wins). Quotes around a story name also work.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from datetime import timedelta

from bot.errors import BadArguments

HELP: list[tuple[str, str]] = [
    ("/story new NAME [keywords: a, b]", "start following a new story"),
    ("/story list", "the stories of this workspace"),
    ("/story follow STORY", "post this story's updates and digest in this channel"),
    ("/story unfollow STORY", "stop posting this story here"),
    ("/story status STORY", "open claims, their state and status, and the last change"),
    ("/story claims STORY [all]", "the story's claims (all: include closed ones)"),
    ("/story history CLAIM", "a claim's evidence over time, with quotes and links"),
    ("/story add STORY URL-or-TEXT", "add a link or pasted text to a story"),
    ("/story source add|list|remove STORY [FEED-URL]", "the feeds a story reads"),
    ("/story digest [STORY] [at HH:MM] [tz ZONE] [now]", "set the daily digest, or post one now"),
    ("/story mark CLAIM resolved|refuted|open [note]", "override a claim's state (audited)"),
    ("/story mute STORY [for DURATION]", "pause this story's updates here (e.g. for 2h, 3d)"),
    ("/story help", "this help"),
]

SUBCOMMANDS = frozenset(
    {"new", "list", "follow", "unfollow", "status", "claims", "history", "add", "source",
     "digest", "mark", "mute", "help"}
)

_DURATION = re.compile(r"^(\d+)\s*(m|min|mins|minutes?|h|hours?|d|days?|w|weeks?)$", re.I)
_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class ParsedCommand:
    name: str
    rest: str  # the arguments after the subcommand, whitespace-normalised, quotes kept


def parse_command(text: str) -> ParsedCommand:
    body = text.strip()
    if body.lower().startswith("/story"):
        body = body[len("/story"):]
    body = body.strip()
    if not body:
        return ParsedCommand("help", "")
    head, _, rest = body.partition(" ")
    name = head.lower()
    if name not in SUBCOMMANDS:
        raise BadArguments(f'I don\'t know "/story {head}". Try `/story help`.')
    return ParsedCommand(name, rest.strip())


def unquote(text: str) -> str | None:
    """The text inside matching quotes, or None when the text is not quoted."""
    t = text.strip()
    for left, right in (('"', '"'), ("'", "'"), ("“", "”")):
        if len(t) >= 2 and t.startswith(left) and t.endswith(right):
            return t[1:-1].strip()
    return None


def split_keywords(text: str) -> tuple[str, tuple[str, ...]]:
    """``Prisoner swap keywords: POW, Istanbul`` → name and keywords."""
    match = re.search(r"\bkeywords:", text, re.I)
    if not match:
        return text.strip(), ()
    name = text[: match.start()].strip()
    words = tuple(w.strip() for w in text[match.end():].split(",") if w.strip())
    return name, words


def parse_duration(text: str) -> timedelta:
    m = _DURATION.match(text.strip())
    if not m:
        raise BadArguments(f'"{text}" is not a duration I understand; try 30m, 2h, 3d or 1w.')
    n, unit = int(m.group(1)), m.group(2).lower()[0]
    return {"m": timedelta(minutes=n), "h": timedelta(hours=n), "d": timedelta(days=n),
            "w": timedelta(weeks=n)}[unit]


@dataclass(frozen=True)
class DigestOptions:
    story: str
    at: str | None
    tz: str | None
    now: bool
    mode: str | None = None  # "always" | "quiet": post on days with no change, or not


def parse_digest(rest: str) -> DigestOptions:
    try:
        words = shlex.split(rest)
    except ValueError:
        raise BadArguments("That digest command has an unmatched quote.") from None
    at = tz = mode = None
    now = False
    story: list[str] = []
    i = 0
    while i < len(words):
        word = words[i].lower()
        if word == "now":
            now = True
        elif word in ("always", "quiet"):
            mode = word
        elif word in ("at", "tz") and i + 1 < len(words):
            value = words[i + 1]
            if word == "at" and not _HHMM.match(value):
                raise BadArguments(f'"{value}" is not a time; use HH:MM, e.g. 08:30.')
            at, tz = (value.zfill(5), tz) if word == "at" else (at, value)
            i += 1
        else:
            story.append(words[i])
        i += 1
    return DigestOptions(" ".join(story), at, tz, now, mode)
