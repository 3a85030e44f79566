"""Sentences and words: a real sentence splitter (nupunkt) with verbatim character spans, and
the content words used for linking (lower-cased, light stemming, a few news synonyms folded)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import nupunkt

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*\d|\d")
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "into",
        "about",
        "over",
        "after",
        "before",
        "than",
        "then",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "it's",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "not",
        "no",
        "nor",
        "so",
        "too",
        "very",
        "can",
        "could",
        "would",
        "should",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "also",
        "just",
        "said",
        "says",
        "say",
        "told",
        "tell",
        "according",
        "there",
        "their",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "him",
        "we",
        "our",
        "you",
        "your",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "both",
        "each",
        "few",
        "more",
        "most",
        "other",
        "some",
        "such",
        "only",
        "own",
        "same",
        "while",
        "during",
        "since",
        "until",
        "up",
        "down",
        "out",
        "off",
        "again",
        "further",
        "once",
        "here",
        "friday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "saturday",
        "sunday",
        "week",
        "weeks",
        "day",
        "days",
        "year",
        "years",
        "time",
        "one",
        "two",
        "three",
        "new",
        "reported",
        "report",
        "reports",
        "reporters",
    ]
)
# General news synonyms, folded to one form so that "exchange" meets "swap".
_SYNONYMS = {
    "agreem": "agre",  # "agreement" meets "agreed"
    "exchan": "swap",
    "trade": "swap",
    "ceasef": "truce",
    "cease-": "truce",
    "armist": "truce",
    "negoti": "talk",
    "talks": "talk",
    "talk": "talk",
}


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int


# a blank line ends a sentence: nupunkt runs a caption or a heading without a full stop ("Mean
# machine: how the car has evolved", "Related Stories") into the next paragraph
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _pieces(text: str, spans: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    for start, end in spans:
        for brk in _BLANK_LINE.finditer(text, start, end):
            yield start, brk.start()
            start = brk.end()
        yield start, end


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their exact character spans in ``text`` (whitespace trimmed)."""
    out: list[Sentence] = []
    paragraph = 0
    previous_end = 0
    for start, end in _pieces(text, nupunkt.sent_spans(text)):
        raw = text[start:end]
        left = len(raw) - len(raw.lstrip())
        s, e = start + left, start + len(raw.rstrip())
        if e <= s:
            continue
        if _BLANK_LINE.search(text, previous_end, s):
            paragraph += 1
        out.append(Sentence(len(out), s, e, text[s:e], paragraph))
        previous_end = e
    return out


# whole words folded before stemming ("a deal" meets "agreed"; "dealer" does not)
_WORD_SYNONYMS = {"deal": "agre", "deals": "agre"}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem (suffix cut, first six letters, synonyms folded); pure, and the same words
    come back in every sentence, so recent ones are kept."""
    w = word.lower().replace("’", "'").strip("'")
    if w in _WORD_SYNONYMS:
        return _WORD_SYNONYMS[w]
    if w.replace(",", "").replace(".", "").isdigit():
        return w.replace(",", "")
    for suffix in (
        "ations",
        "ation",
        "ians",
        "ian",
        "ions",
        "ion",
        "ing",
        "ed",
        "es",
        "ia",
        "s",
        "e",
    ):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            w = w[: -len(suffix)]
            break
    w = w[:6]
    for prefix, canonical in _SYNONYMS.items():
        if w.startswith(prefix):
            return canonical
    return w


def content_words(text: str) -> set[str]:
    return set(_content_words(text))


@lru_cache(maxsize=16384)
def _content_words(text: str) -> frozenset[str]:
    """Stemming is most of the rule judge's time and the same texts come back (every open
    claim, for every document; the look-back's documents): recent ones are kept."""
    return frozenset(
        stem(w) for w in _WORD.findall(text) if w.lower() not in STOPWORDS and len(w) > 1
    )


class WordWeights:
    """Inverse document frequency over a set of texts: common words weigh little."""

    def __init__(self, texts: Iterable[str]) -> None:
        bags = [_content_words(t) for t in texts]  # read only: no copies
        self.n = max(len(bags), 1)
        self.df: Counter[str] = Counter(w for bag in bags for w in bag)
        self._weights: dict[str, float] = {}

    def weight(self, word: str) -> float:
        w = self._weights.get(word)
        if w is None:
            w = self._weights[word] = math.log(1 + self.n / (1 + self.df.get(word, 0)))
        return w

    def similarity(self, a: set[str], b: set[str]) -> float:
        """Weighted overlap relative to the smaller side (0..1): a short sentence about a long
        claim's core scores high."""
        smaller = min(sum(self.weight(w) for w in a), sum(self.weight(w) for w in b))
        if not smaller:
            return 0.0
        return sum(self.weight(w) for w in a & b) / smaller

    def overlap(self, claim: set[str], other: set[str]) -> float:
        """Share of the claim's weighted words that ``other`` also has (0..1)."""
        total = sum(self.weight(w) for w in claim)
        if not total:
            return 0.0
        return sum(self.weight(w) for w in claim & other) / total


def words_of(sentences: Sequence[Sentence]) -> list[set[str]]:
    return [content_words(s.text) for s in sentences]
