"""Text primitives for the stance model: sentence spans, tokens and cue lexicons.

Owns how a body is cut into sentences (as character spans, so evidence is always a verbatim
substring), how text becomes lower-cased, lightly stemmed tokens, and the refutation, hedging
and negation word lists used as features and for evidence selection.
"""

from __future__ import annotations

import re

import nupunkt

Span = tuple[int, int]

_WORD = re.compile(r"[a-z0-9]+")
_CAP = re.compile(r"\b[A-Z][a-zA-Z0-9]+")
_NUM = re.compile(r"\d+(?:[.,]\d+)?")
_HAS_ALNUM = re.compile(r"[A-Za-z0-9]")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _words(
    """
    a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself now of off on once only or other our
    ours ourselves out over own same she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours
    yourself yourselves s t said says say also one two new
    """
)
REFUTE = _words(
    """
    fake fraud hoax false deny denies denied denial not despite nope doubt doubts bogus
    debunk debunked debunks prank pranks retract retracted retraction untrue unfounded
    baseless myth rumour rumor lie lies lied fabricated fabrication incorrect wrong refute
    refuted refutes dismiss dismissed dismisses reject rejected rejects never satire
    satirical parody misleading erroneous contrary contradict contradicts contradicted
    fiction nonsense photoshopped doctored
    """
)
HEDGE = _words(
    """
    allegedly alleged reportedly reported apparently purportedly purported supposedly
    possibly possible perhaps maybe may might could unconfirmed unverified claim claims
    claimed rumored rumoured suggest suggests suggested appear appears appeared seem seems
    seemed likely unclear speculation speculated believed thought according sources report
    reports
    """
)
NEGATION = _words(
    """
    not no never none nobody nothing neither nor without cannot
    """
)
_NEG_CONTRACTION = re.compile(r"n't\b|n’t\b")


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens with ``n't`` expanded to ``not``."""
    return _WORD.findall(_NEG_CONTRACTION.sub(" not", text.lower()))


def stem(word: str) -> str:
    """A deliberately tiny suffix stripper (plural and -ed/-ing) for overlap features."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_stems(text: str) -> list[str]:
    """Stemmed tokens with stopwords removed, in order."""
    return [stem(w) for w in tokens(text) if w not in STOPWORDS]


def capitalised(text: str) -> set[str]:
    """Lower-cased capitalised words other than the first word (rough named entities)."""
    words = _CAP.findall(text)
    first = text.split(maxsplit=1)[0] if text.split() else ""
    return {w.lower() for w in words if w != first}


def numbers(text: str) -> set[str]:
    return set(_NUM.findall(text))


def cue_counts(words: list[str]) -> tuple[int, int, int]:
    """Counts of (refutation, hedging, negation) cue words in a token list."""
    return (
        sum(w in REFUTE for w in words),
        sum(w in HEDGE for w in words),
        sum(w in NEGATION for w in words),
    )


def sentence_spans(body: str, max_sentences: int = 60) -> list[Span]:
    """Character spans of the body's sentences, whitespace-trimmed, split at newlines too."""
    spans: list[Span] = []
    for start, end in nupunkt.sent_spans(body):
        for piece in _split_lines(body, start, end):
            if _HAS_ALNUM.search(body, piece[0], piece[1]):
                spans.append(piece)
    if not spans and body.strip():
        spans = [_trim(body, 0, len(body))]
    return spans[:max_sentences]


def _split_lines(text: str, start: int, end: int) -> list[Span]:
    out: list[Span] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        s, e = _trim(text, pos, stop)
        if e > s:
            out.append((s, e))
        pos = stop + 1
    return out


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
