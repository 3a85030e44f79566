"""The stacker that turns the stance sub-models' outputs into agree/disagree/discuss probabilities.

Owns the stacking input layout (cross-encoder logits and log feature-model probabilities) and
applying the multinomial logistic regression stored in ``config.json``.  With no cross-encoder
outputs it falls back to the feature model's probabilities.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


def stack_inputs(ce_logits: np.ndarray, gbm_probs: np.ndarray) -> np.ndarray:
    """Row-wise [ce logits (3), log gbm probs (3)] as float64."""
    logp = np.log(np.clip(gbm_probs, 1e-6, 1.0))
    return np.hstack([ce_logits, logp]).astype(np.float64)


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True))


@dataclass(frozen=True)
class Stacker:
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # (n_inputs, 3)
    intercept: np.ndarray  # (3,)

    @classmethod
    def from_config(cls, cfg: dict[str, Any]) -> Stacker:
        return cls(
            mean=np.asarray(cfg["mean"], dtype=np.float64),
            scale=np.asarray(cfg["scale"], dtype=np.float64),
            coef=np.asarray(cfg["coef"], dtype=np.float64),
            intercept=np.asarray(cfg["intercept"], dtype=np.float64),
        )

    def to_config(self) -> dict[str, Any]:
        return {
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "coef": self.coef.tolist(),
            "intercept": self.intercept.tolist(),
        }

    def probs(self, inputs: np.ndarray) -> np.ndarray:
        z = ((inputs - self.mean) / self.scale) @ self.coef + self.intercept
        return softmax(z)
