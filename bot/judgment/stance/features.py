"""Per-pair features for the stance model, shared verbatim by training and inference.

Owns the per-body and per-headline preparation (sentence spans, stems, sentence embeddings),
the lexical, embedding-similarity and cue-lexicon feature vector of a headline-body pair, and
the choice of evidence sentences fed to the cross-encoder.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from bot.judgment.stance.text import (
    NEGATION,
    REFUTE,
    Span,
    capitalised,
    content_stems,
    cue_counts,
    numbers,
    sentence_spans,
    tokens,
)

EVIDENCE_SENTENCES = 3


@dataclass
class Body:
    text: str
    spans: list[Span]
    sent_stems: list[set[str]]
    sent_cues: np.ndarray  # (n_sent, 3) refute/hedge/negation counts
    stems: Counter[str]
    lead: set[str]
    bigrams: set[tuple[str, str]]
    lowered: str
    emb: np.ndarray  # (n_sent, dim) unit vectors
    style: list[float]  # body-level reporting style, see ``style``


@dataclass
class Head:
    text: str
    stems: list[str]
    words: list[str]
    caps: set[str]
    nums: set[str]
    emb: np.ndarray  # (dim,)


def body_sentences(text: str) -> tuple[list[Span], list[str]]:
    spans = sentence_spans(text)
    return spans, [text[s:e] for s, e in spans]


def prepare_body(text: str, spans: list[Span], emb: np.ndarray) -> Body:
    sents = [text[s:e] for s, e in spans]
    sent_stems = [set(content_stems(s)) for s in sents]
    sent_tokens = [tokens(s) for s in sents]
    cues = np.array([cue_counts(t) for t in sent_tokens], dtype=np.float32).reshape(-1, 3)
    all_stems = content_stems(text)
    lead: set[str] = set().union(*sent_stems[:3]) if sent_stems else set()
    return Body(
        text=text,
        spans=spans,
        sent_stems=sent_stems,
        sent_cues=cues,
        stems=Counter(all_stems),
        lead=lead,
        bigrams=set(pairwise(all_stems)),
        lowered=text.lower(),
        emb=emb,
        style=style(text, sents, sent_tokens, cues),
    )


_TURN = re.compile(r"\s*(?:But|However|Yet)\b")


def style(
    text: str, sents: list[str], sent_tokens: list[list[str]], cues: np.ndarray
) -> list[float]:
    """How the body itself reports, whatever the headline: refutation, hedging and negation in
    its lede (first three sentences), an early turn ("But it's almost certainly not true"),
    how much it quotes, and the share of hedged and refuting sentences. FNC-1 stance is mostly
    the body's stance towards its story's claim, and these words carry across stories."""
    if not sents:
        return [0.0] * N_STYLE
    lede_words = max(1, sum(len(t) for t in sent_tokens[:3]))
    lede = cues[:3].sum(axis=0) / lede_words
    turn = sum(
        1
        for s, c in zip(sents[:4], cues[:4], strict=False)
        if _TURN.match(s) and c[0] + c[2] > 0
    )
    n = len(sents)
    return [
        float(lede[0]),
        float(lede[1]),
        float(lede[2]),
        float(turn),
        (text.count('"') + text.count("\u201c")) / n,
        float((cues[:, 1] > 0).mean()),
        float((cues[:, 0] > 0).mean()),
        float("?" in sents[0]),
        float(n),
    ]


def prepare_head(text: str, emb: np.ndarray) -> Head:
    return Head(
        text=text,
        stems=content_stems(text),
        words=tokens(text),
        caps=capitalised(text),
        nums=numbers(text),
        emb=emb,
    )


class Idf:
    """Inverse document frequencies of stems; unseen stems get the maximum value."""

    def __init__(self, table: dict[str, float], n_docs: int) -> None:
        self.table = table
        self.default = math.log((n_docs + 1) / 1.0) + 1.0

    def __call__(self, stem: str) -> float:
        return self.table.get(stem, self.default)


def _frac(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def lexical(head: Head, body: Body, idf: Idf) -> list[float]:
    hs = head.stems
    hset = set(hs)
    w = {s: idf(s) for s in hset}
    wsum = sum(w.values()) or 1.0
    in_body = {s for s in hset if s in body.stems}
    bigr = set(pairwise(hs))
    sent_best = max((sum(w[s] for s in hset & ss) for ss in body.sent_stems), default=0.0)
    k1, b_len = 1.2, sum(body.stems.values())
    bm25 = sum(
        w[s] * (body.stems[s] * (k1 + 1)) / (body.stems[s] + k1 * (0.25 + 0.75 * b_len / 350.0))
        for s in in_body
    )
    hv = np.array([w[s] for s in hset])
    bv = np.array([body.stems[s] * w[s] for s in hset])
    bnorm = math.sqrt(sum((c * idf(s)) ** 2 for s, c in body.stems.items())) or 1.0
    tfidf = float(hv @ bv) / ((float(np.linalg.norm(hv)) or 1.0) * bnorm)
    return [
        float(len(hset)),
        math.log1p(b_len),
        _frac(len(in_body), len(hset)),
        sum(w[s] for s in in_body) / wsum,
        _frac(len(hset & body.lead), len(hset)),
        _frac(len(in_body), len(hset | set(body.stems))),
        _frac(len(bigr & body.bigrams), len(bigr)),
        tfidf,
        bm25 / wsum,
        sent_best / wsum,
        _frac(sum(c in body.lowered for c in head.caps), len(head.caps)),
        float(len(head.caps)),
        _frac(sum(n in body.text for n in head.nums), len(head.nums)),
    ]


def similarities(head: Head, body: Body) -> np.ndarray:
    if body.emb.shape[0] == 0:
        return np.zeros(0, dtype=np.float32)
    return np.asarray(body.emb @ head.emb, dtype=np.float32)


def embedding(sims: np.ndarray, body: Body) -> list[float]:
    if sims.size == 0:
        return [0.0] * 7
    top = np.sort(sims)[::-1]
    centroid = body.emb.mean(axis=0)
    to_centroid = float(sims.mean()) / (float(np.linalg.norm(centroid)) or 1.0)
    return [
        float(top[0]),
        float(sims.mean()),
        float(top[:3].mean()),
        float(sims[0]),
        float(top[1]) if top.size > 1 else float(top[0]),
        to_centroid,
        float(np.argmax(sims)) / max(1, sims.size - 1),
    ]


def select_evidence(sims: np.ndarray, body: Body, k: int = EVIDENCE_SENTENCES) -> list[int]:
    """Top-(k-1) sentences by similarity plus the best-ranked refutation/negation sentence."""
    order = [int(i) for i in np.argsort(-sims, kind="stable")]
    chosen = order[: k - 1]
    cue = [i for i in order[k - 1 : 10] if body.sent_cues[i, 0] + body.sent_cues[i, 2] > 0]
    rest = cue[:1] or order[k - 1 : k]
    return chosen + rest


def cues(head: Head, body: Body, evidence: list[int]) -> list[float]:
    h_ref, h_hedge, h_neg = cue_counts(head.words)
    n = max(1, len(body.spans))
    b = body.sent_cues.sum(axis=0) / n if body.spans else np.zeros(3)
    ev = body.sent_cues[evidence].sum(axis=0) if evidence else np.zeros(3)
    top = body.sent_cues[evidence[0]] if evidence else np.zeros(3)
    hset = set(head.words)
    return [
        float(h_ref),
        float(h_hedge),
        float(h_neg),
        float("?" in head.text),
        float(b[0]),
        float(b[1]),
        float(b[2]),
        float(ev[0]),
        float(ev[1]),
        float(ev[2]),
        float(top[0]),
        float(top[2]),
        float(len(hset & (REFUTE | NEGATION)) > 0),
        float((h_neg + int(ev[2])) % 2),
    ]


def focus(sims: np.ndarray, body: Body) -> list[float]:
    """Cue rates weighted towards the sentences most similar to the headline."""
    if sims.size == 0:
        return [0.0] * 5
    w = np.clip(sims, 0.0, None) ** 2
    w = w / (w.sum() or 1.0)
    weighted = w @ body.sent_cues
    cued = sims[(body.sent_cues[:, 0] + body.sent_cues[:, 2]) > 0]
    return [
        float(weighted[0]),
        float(weighted[1]),
        float(weighted[2]),
        float(cued.max()) if cued.size else 0.0,
        float((sims > 0.5).mean()),
    ]


def pair_features(head: Head, body: Body, idf: Idf) -> tuple[np.ndarray, list[int]]:
    """The full feature vector of a pair and its evidence sentence indices."""
    sims = similarities(head, body)
    evidence = select_evidence(sims, body) if sims.size else []
    vec = lexical(head, body, idf) + embedding(sims, body) + cues(head, body, evidence)
    vec += focus(sims, body) + body.style
    return np.asarray(vec, dtype=np.float32), evidence


N_STYLE = 9
N_FEATURES = 13 + 7 + 14 + 5 + N_STYLE
