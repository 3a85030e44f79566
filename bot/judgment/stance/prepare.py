"""Batch preparation of headline-body pairs: the per-call cache of bodies and headlines.

Owns de-duplicating bodies and headlines within one call, embedding every body sentence and
headline once (one embedder pass), and producing the feature matrix plus evidence sentence
indices for each pair.  Used identically by training and by ``StanceModel.predict``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.judgment.embedder import SentenceEmbedder
from bot.judgment.stance.features import (
    N_FEATURES,
    Body,
    Head,
    Idf,
    pair_features,
    prepare_body,
    prepare_head,
)
from bot.judgment.stance.text import Span, sentence_spans


@dataclass
class Prepared:
    features: np.ndarray  # (n_pairs, N_FEATURES) float32
    evidence: list[list[int]]  # sentence indices per pair, best first
    bodies: list[Body]  # the prepared body of each pair (shared objects)
    heads: list[Head]


def _embed_all(
    embedder: SentenceEmbedder, heads: list[str], bodies: list[str]
) -> tuple[np.ndarray, list[list[Span]], list[np.ndarray]]:
    spans = [sentence_spans(b) for b in bodies]
    texts = list(heads)
    for body, sp in zip(bodies, spans, strict=True):
        texts.extend(body[s:e] for s, e in sp)
    vecs = embedder.encode(texts)
    head_vecs = vecs[: len(heads)]
    body_vecs: list[np.ndarray] = []
    pos = len(heads)
    for sp in spans:
        body_vecs.append(vecs[pos : pos + len(sp)])
        pos += len(sp)
    return head_vecs, spans, body_vecs


def prepare(pairs: Sequence[tuple[str, str]], embedder: SentenceEmbedder, idf: Idf) -> Prepared:
    """Features and evidence for every (headline, body) pair; each body is processed once."""
    head_texts = list(dict.fromkeys(h for h, _ in pairs))
    body_texts = list(dict.fromkeys(b for _, b in pairs))
    head_vecs, spans, body_vecs = _embed_all(embedder, head_texts, body_texts)
    heads = {t: prepare_head(t, v) for t, v in zip(head_texts, head_vecs, strict=True)}
    bodies = {
        t: prepare_body(t, sp, v) for t, sp, v in zip(body_texts, spans, body_vecs, strict=True)
    }
    feats = np.zeros((len(pairs), N_FEATURES), dtype=np.float32)
    evidence: list[list[int]] = []
    for row, (h, b) in enumerate(pairs):
        feats[row], ev = pair_features(heads[h], bodies[b], idf)
        evidence.append(ev)
    return Prepared(
        features=feats,
        evidence=evidence,
        bodies=[bodies[b] for _, b in pairs],
        heads=[heads[h] for h, _ in pairs],
    )
