"""The stance cross-encoder at inference time: tokenises (headline, evidence) pairs and runs
the int8 ONNX MiniLM classifier, returning agree/disagree/discuss logits.

Owns the exact input format (``[CLS] headline [SEP] evidence sentences [SEP]``, 128 tokens,
longest-first truncation), which the training script reuses through ``encode_pairs``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

from bot.judgment.embedder.model import make_session

MAX_TOKENS = 128
STANCES = ("agree", "disagree", "discuss")


def load_pair_tokenizer(path: Path) -> Tokenizer:
    tok = Tokenizer.from_file(str(path))
    tok.enable_truncation(MAX_TOKENS, strategy="longest_first")
    tok.no_padding()
    return tok


def encode_pairs(
    tok: Tokenizer, pairs: Sequence[tuple[str, str]]
) -> tuple[list[list[int]], list[list[int]]]:
    """Token ids and token type ids for each (headline, evidence) pair."""
    encs = tok.encode_batch([(h, e) for h, e in pairs])
    return [e.ids for e in encs], [e.type_ids for e in encs]


def pad(rows: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    width = max(len(r) for r in rows)
    out = np.zeros((len(rows), width), dtype=np.int64)
    mask = np.zeros_like(out)
    for i, r in enumerate(rows):
        out[i, : len(r)] = r
        mask[i, : len(r)] = 1
    return out, mask


class CrossEncoder:
    """Runs the ONNX cross-encoder over (headline, evidence) pairs in length-sorted batches."""

    def __init__(self, model: Path, tokenizer: Path, threads: int | None = None) -> None:
        self.tok = load_pair_tokenizer(tokenizer)
        self.session = make_session(model, threads)

    def logits(self, pairs: Sequence[tuple[str, str]], batch_size: int = 8) -> np.ndarray:
        out = np.zeros((len(pairs), len(STANCES)), dtype=np.float32)
        if not pairs:
            return out
        ids, types = encode_pairs(self.tok, pairs)
        order = np.argsort([len(x) for x in ids], kind="stable")
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            input_ids, mask = pad([ids[i] for i in idx])
            type_ids, _ = pad([types[i] for i in idx])
            feeds = {"input_ids": input_ids, "attention_mask": mask, "token_type_ids": type_ids}
            out[idx] = np.asarray(self.session.run(None, feeds)[0], dtype=np.float32)
        return out
