"""``StanceModel``: the two-stage stance judgment of a (claim/headline, body) pair.

Stage 1 (gradient-boosted trees on lexical + embedding-similarity features, trained with
LightGBM and shipped as ONNX tree ensembles) decides related vs unrelated.
Stage 2 runs on related pairs only: a boosted-tree feature model (the pair features, the rules
engine's cue reading of the pair, ``cued.py``, and the body's own stance from a TF-IDF logistic
regression, ``body.py``) and, opt-in, an int8 ONNX MiniLM
cross-encoder over the headline and the body's evidence sentences, combined by a logistic
stacker.  Owns loading the artefacts and assembling ``StancePrediction`` objects, whose
``evidence`` is always a verbatim slice of the body.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort

from bot.judgment.embedder import SHIPPED_DIR, SentenceEmbedder
from bot.judgment.embedder.model import make_session
from bot.judgment.stance.body import N_BODY, BodyStance, body_features
from bot.judgment.stance.crossenc import STANCES, CrossEncoder
from bot.judgment.stance.cued import N_CUED, cue_features
from bot.judgment.stance.features import N_FEATURES, Body, Idf
from bot.judgment.stance.prepare import prepare
from bot.judgment.stance.stack import Stacker, stack_inputs

ARTIFACTS_DIR = Path(__file__).resolve().parent / "artifacts"
LABELS = ("agree", "disagree", "discuss", "unrelated")


@dataclass(frozen=True)
class StancePrediction:
    label: str  # "agree" | "disagree" | "discuss" | "unrelated"
    probs: dict[str, float]
    evidence: str  # verbatim substring of the body; "" for unrelated


class StanceModelError(RuntimeError):
    """The artefacts directory is incomplete or inconsistent."""


def _evidence_text(body: Body, evidence: list[int], label: str) -> str:
    if label == "unrelated" or not evidence:
        return ""
    pick = evidence[0]
    if label == "disagree":
        cued = [i for i in evidence if body.sent_cues[i, 0] + body.sent_cues[i, 2] > 0]
        pick = cued[0] if cued else pick
    start, end = body.spans[pick]
    return body.text[start:end]


class StanceModel:
    """Load once with ``StanceModel.load()``; ``predict`` is safe to call repeatedly."""

    def __init__(
        self,
        artifacts: Path,
        embedder: SentenceEmbedder,
        threads: int | None,
        cross_encoder: bool = False,
    ) -> None:
        cfg: dict[str, Any] = json.loads((artifacts / "config.json").read_text())
        idf_json: dict[str, Any] = json.loads((artifacts / "idf.json").read_text())
        self.threshold = float(cfg["relatedness_threshold"])
        # class priors of the trees, calibrated by training/calibrate_stance.py (log space)
        self.bias = np.exp(np.asarray(cfg.get("stance_bias", [0.0, 0.0, 0.0]), dtype=np.float64))
        self.idf = Idf(idf_json["table"], int(idf_json["n_docs"]))
        self.embedder = embedder
        self.relatedness = make_session(artifacts / "relatedness.onnx", 1)
        self.stance_gbm = make_session(artifacts / "stance_gbm.onnx", 1)
        width = self.stance_gbm.get_inputs()[0].shape[1]
        if width != N_FEATURES + N_CUED + N_BODY:
            raise StanceModelError(
                f"{artifacts}/stance_gbm.onnx takes {width} features, not the "
                f"{N_FEATURES} + {N_CUED} + {N_BODY} this code gives it (retrain it)"
            )
        self.body = BodyStance.load(artifacts / "body_lr.json")
        stacker = cfg.get("stacker")
        self.stacker = Stacker.from_config(stacker) if stacker else None
        ce_path = artifacts / "cross_encoder.onnx"
        if cross_encoder and (self.stacker is None or not ce_path.is_file()):
            raise StanceModelError(f"{artifacts} has no cross-encoder and stacker to stack")
        self.cross_encoder = (
            CrossEncoder(ce_path, artifacts / "tokenizer.json", threads) if cross_encoder else None
        )

    @classmethod
    def load(
        cls,
        artifacts_dir: Path | None = None,
        threads: int | None = None,
        embedder_dir: Path | None = None,
        embedder: SentenceEmbedder | None = None,
        cross_encoder: bool = False,
    ) -> StanceModel:
        """Load the shipped artefacts (or ``artifacts_dir``) and the embedder they were built on.

        ``cross_encoder=True`` stacks the shipped MiniLM cross-encoder on the boosted trees, as
        ``config.json``'s stacker says; since the trees' class priors were calibrated it scores
        lower than the trees alone on all three measures, at under half the pairs/s (figures in
        training/README.md), and is kept for comparison."""
        art = artifacts_dir or ARTIFACTS_DIR
        missing = [
            f
            for f in (
                "config.json",
                "idf.json",
                "relatedness.onnx",
                "stance_gbm.onnx",
                "body_lr.json",
            )
            if not (art / f).is_file()
        ]
        if missing:
            raise StanceModelError(f"{art} is missing {', '.join(missing)}")
        if embedder is None:  # pass one in to share it (the claim index uses the same model)
            embedder = SentenceEmbedder(embedder_dir or SHIPPED_DIR, threads=threads)
        return cls(art, embedder, threads, cross_encoder)

    @staticmethod
    def _trees(session: ort.InferenceSession, x: np.ndarray) -> np.ndarray:
        """Class probabilities, (n, classes); for the binary model, P(related) as (n,)."""
        feeds = {"features": np.asarray(x, dtype=np.float32)}  # no copy when already float32
        probs = np.asarray(session.run(["probabilities"], feeds)[0])
        return probs[:, 1] if probs.shape[1] == 2 else probs

    def stance_probs(
        self,
        x: np.ndarray,
        heads: list[str],
        evidence: list[str],
        bodies: list[str],
        batch_size: int,
    ) -> np.ndarray:
        """Agree/disagree/discuss probabilities for pairs already judged related; ``x`` holds
        their pair features and then their cue features."""
        if x.shape[0] == 0:
            return np.zeros((0, len(STANCES)))
        unique = list(dict.fromkeys(bodies))
        by_body = dict(zip(unique, body_features(self.body.probs(unique)), strict=True))
        x = np.hstack([x, np.stack([by_body[b] for b in bodies])])
        gbm = self._trees(self.stance_gbm, x).reshape(-1, len(STANCES))
        if self.cross_encoder is None or self.stacker is None:
            biased = gbm * self.bias
            return np.asarray(biased / biased.sum(axis=1, keepdims=True))
        logits = self.cross_encoder.logits(list(zip(heads, evidence, strict=True)), batch_size)
        return self.stacker.probs(stack_inputs(logits, gbm))

    def predict(
        self, pairs: Sequence[tuple[str, str]], batch_size: int = 8
    ) -> list[StancePrediction]:
        """Judge each (headline/claim, body) pair; per-body work is shared within the call."""
        if not pairs:
            return []
        prep = prepare(pairs, self.embedder, self.idf)
        p_rel = self._trees(self.relatedness, prep.features)
        related = [int(i) for i in np.flatnonzero(p_rel >= self.threshold)]
        ev_text = [
            " ".join(
                prep.bodies[i].text[s:e]
                for s, e in (prep.bodies[i].spans[j] for j in prep.evidence[i])
            )
            for i in related
        ]
        stance = np.zeros((len(pairs), len(STANCES)))
        stance[related] = self.stance_probs(
            np.hstack([prep.features[related], cue_features([pairs[i] for i in related])]),
            [pairs[i][0] for i in related],
            ev_text,
            [pairs[i][1] for i in related],
            batch_size,
        )
        out: list[StancePrediction] = []
        for i in range(len(pairs)):
            is_rel = bool(p_rel[i] >= self.threshold)
            label = STANCES[int(np.argmax(stance[i]))] if is_rel else "unrelated"
            probs = {s: float(p_rel[i] * stance[i, k]) for k, s in enumerate(STANCES)}
            probs["unrelated"] = float(1.0 - p_rel[i])
            out.append(
                StancePrediction(
                    label, probs, _evidence_text(prep.bodies[i], prep.evidence[i], label)
                )
            )
        return out
