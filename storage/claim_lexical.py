"""The lexical half of the claim index: an incremental BM25 inverted index over one story's
claims.

Owns the postings (per term, the claim slots that hold it and how often), claim lengths, and
tombstones for removed claims. A query scores only the postings of its best few terms, and skips
terms so common that their postings would grow with the story (df above 20% of the claims or
above an absolute cap), so the cost of a query does not grow with the number of claims. Words are
the judgment's own: lower-cased, stop words dropped, the same light stemming as linking uses.
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from bot.judgment.text import STOPWORDS, stem

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*\d|\d")
K1, B = 1.2, 0.75
MAX_QUERY_TERMS = 32  # the document's most telling words; more adds cost, not recall
MAX_DF_SHARE = 0.2
MAX_POSTINGS = 5000  # a term in more claims than this says little and would cost O(claims)
MIN_CLAIMS_FOR_DF_SKIP = 50  # in a tiny story every term is "common"; keep them all

Floats = npt.NDArray[np.float64]
Slots = npt.NDArray[np.int64]


def terms_of(text: str) -> Counter[str]:
    """Term frequencies of a text, in the judgment's word normal form."""
    return Counter(
        stem(w) for w in _WORD.findall(text) if len(w) > 1 and w.lower() not in STOPWORDS
    )


class LexicalIndex:
    """BM25 postings for one story; slots are the story index's claim numbers."""

    def __init__(self) -> None:
        self.term_ids: dict[str, int] = {}
        self.post_slots: list[array[int]] = []
        self.post_tfs: list[array[int]] = []
        self.lengths = array("H")
        self.nterms = array("H")  # distinct terms per slot: the postings a removal leaves dead
        self.alive = bytearray()
        self.live = 0
        self.live_length = 0
        self.dead_postings = 0
        self.total_postings = 0

    def add(self, slot: int, text: str) -> None:
        """Index claim ``slot`` (slots arrive in increasing order, one at a time)."""
        assert slot == len(self.lengths), "slots are appended in order"
        tfs = terms_of(text)
        for term, tf in tfs.items():
            tid = self.term_ids.get(term)
            if tid is None:
                tid = self.term_ids[term] = len(self.post_slots)
                self.post_slots.append(array("I"))
                self.post_tfs.append(array("H"))
            self.post_slots[tid].append(slot)
            self.post_tfs[tid].append(min(tf, 65535))
        length = min(sum(tfs.values()), 65535)
        self.lengths.append(length)
        self.nterms.append(min(len(tfs), 65535))
        self.alive.append(1)
        self.live += 1
        self.live_length += length
        self.total_postings += len(tfs)

    def remove(self, slot: int) -> None:
        """Tombstone a slot; its postings are dropped at the next compaction."""
        if slot >= len(self.alive) or not self.alive[slot]:
            return
        self.alive[slot] = 0
        self.live -= 1
        self.live_length -= self.lengths[slot]
        self.dead_postings += self.nterms[slot]
        # Amortised: a compaction costs O(postings) but happens once per 25% of them removed.
        if self.dead_postings * 4 > max(self.total_postings, 1000):
            self.compact()

    def compact(self) -> None:
        alive = np.frombuffer(self.alive, dtype=np.uint8).astype(bool)
        for tid, slots in enumerate(self.post_slots):
            s = np.frombuffer(slots, dtype=np.uint32)
            keep = alive[s] if len(s) else np.zeros(0, dtype=bool)
            self.post_slots[tid] = array("I", s[keep].tobytes())
            t = np.frombuffer(self.post_tfs[tid], dtype=np.uint16)
            self.post_tfs[tid] = array("H", t[keep].tobytes())
        self.total_postings = sum(len(s) for s in self.post_slots)
        self.dead_postings = 0

    def search(self, text: str, limit: int) -> list[int]:
        """Best slots for a document's text by BM25, best first."""
        picked = self._query_terms(terms_of(text))
        if not picked:
            return []
        avgdl = self.live_length / max(self.live, 1)
        slot_parts, score_parts = [], []
        for tid, idf in picked:
            slots = np.frombuffer(self.post_slots[tid], dtype=np.uint32).astype(np.int64)
            tf = np.frombuffer(self.post_tfs[tid], dtype=np.uint16).astype(np.float64)
            dl = np.frombuffer(self.lengths, dtype=np.uint16)[slots].astype(np.float64)
            score_parts.append(idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * dl / avgdl)))
            slot_parts.append(slots)
        return _top(np.concatenate(slot_parts), np.concatenate(score_parts), self.alive, limit)

    def _query_terms(self, query: Counter[str]) -> list[tuple[int, float]]:
        cap = MAX_POSTINGS
        if self.live >= MIN_CLAIMS_FOR_DF_SKIP:
            cap = min(cap, max(1, int(self.live * MAX_DF_SHARE)))
        weighted = []
        for term, qtf in query.items():
            tid = self.term_ids.get(term)
            if tid is None:
                continue
            df = len(self.post_slots[tid])
            if df == 0 or df > cap:
                continue
            idf = math.log(1 + (self.live - df + 0.5) / (df + 0.5))
            weighted.append((math.log1p(qtf) * idf, tid, idf))
        weighted.sort(reverse=True)
        return [(tid, idf) for _, tid, idf in weighted[:MAX_QUERY_TERMS]]

    # -- persistence: plain arrays, no pickled objects ---------------------------------------
    def to_arrays(self) -> dict[str, npt.NDArray[np.generic]]:
        terms = list(self.term_ids)
        sizes = [len(self.post_slots[self.term_ids[t]]) for t in terms]
        return {
            "lex_terms": np.array(terms, dtype=str),
            "lex_offsets": np.concatenate([[0], np.cumsum(sizes, dtype=np.int64)]),
            "lex_slots": _concat(self.post_slots[self.term_ids[t]] for t in terms),
            "lex_tfs": _concat((self.post_tfs[self.term_ids[t]] for t in terms), np.uint16),
            "lex_lengths": np.frombuffer(self.lengths, dtype=np.uint16).copy(),
            "lex_alive": np.frombuffer(self.alive, dtype=np.uint8).copy(),
        }

    @classmethod
    def from_arrays(cls, arrays: dict[str, npt.NDArray[np.generic]]) -> LexicalIndex:
        lex = cls()
        offsets = arrays["lex_offsets"]
        slots = arrays["lex_slots"].astype(np.uint32)
        tfs = arrays["lex_tfs"].astype(np.uint16)
        for tid, term in enumerate(arrays["lex_terms"].tolist()):
            lex.term_ids[str(term)] = tid
            a, b = int(offsets[tid]), int(offsets[tid + 1])
            lex.post_slots.append(array("I", slots[a:b].tobytes()))
            lex.post_tfs.append(array("H", tfs[a:b].tobytes()))
        lex.lengths = array("H", arrays["lex_lengths"].astype(np.uint16).tobytes())
        lex.alive = bytearray(arrays["lex_alive"].astype(np.uint8).tobytes())
        counts = np.bincount(slots, minlength=len(lex.alive)).astype(np.uint16)
        lex.nterms = array("H", counts.tobytes())
        alive = np.frombuffer(lex.alive, dtype=np.uint8).astype(bool)
        lex.live = int(alive.sum())
        lex.live_length = int(np.frombuffer(lex.lengths, dtype=np.uint16)[alive].sum())
        lex.total_postings = len(slots)
        lex.dead_postings = int((~alive[slots]).sum()) if len(slots) else 0
        return lex


def _concat(parts: Iterable[array[int]], dtype: type = np.uint32) -> npt.NDArray[np.generic]:
    chunks: list[npt.NDArray[np.generic]] = [np.frombuffer(p, dtype=dtype) for p in parts]
    return np.concatenate(chunks) if chunks else np.zeros(0, dtype=dtype)


def _top(slots: Slots, scores: Floats, alive: bytearray, limit: int) -> list[int]:
    """Sum per-term scores by slot, drop tombstones, keep the best ``limit``."""
    uniq, inverse = np.unique(slots, return_inverse=True)
    totals = np.bincount(inverse, weights=scores)
    live = np.frombuffer(alive, dtype=np.uint8)[uniq].astype(bool)
    uniq, totals = uniq[live], totals[live]
    if len(uniq) > limit:
        best = np.argpartition(-totals, limit)[:limit]
        uniq, totals = uniq[best], totals[best]
    order = np.lexsort((uniq, -totals))
    return [int(s) for s in uniq[order]]
