"""The body's own stance, whatever the headline: a TF-IDF logistic regression over the words of
the whole body (agree / disagree / discuss), trained with scikit-learn on FNC-1 and shipped as
its vocabulary, IDF weights and coefficients (``body_lr.json``).

FNC-1 stance is mostly a body's stance towards its story's claim, and how a body reports
("reportedly", "hoax", "confirmed", "according to") carries across stories. Its three
probabilities are features of the stance trees. Owns the transform, which reproduces
scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` + ``LogisticRegression.predict_proba``
(the training script checks the two agree before it writes the file), so the product needs
neither scikit-learn nor scipy.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

N_BODY = 3  # agree, disagree, discuss
_FLOOR = 1e-4


class BodyStance:
    def __init__(self, vocabulary: list[str], idf: np.ndarray, coef: np.ndarray,
                 intercept: np.ndarray, token_pattern: str) -> None:
        self.index = {w: i for i, w in enumerate(vocabulary)}
        self.idf = idf
        self.coef = coef  # (3, n_words)
        self.intercept = intercept
        self.token = re.compile(token_pattern)

    @classmethod
    def load(cls, path: Path) -> BodyStance:
        cfg = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            cfg["vocabulary"],
            np.asarray(cfg["idf"], dtype=np.float64),
            np.asarray(cfg["coef"], dtype=np.float64),
            np.asarray(cfg["intercept"], dtype=np.float64),
            cfg["token_pattern"],
        )

    def to_json(self) -> str:
        words = sorted(self.index, key=self.index.__getitem__)
        return json.dumps({
            "token_pattern": self.token.pattern,
            "vocabulary": words,
            "idf": [round(float(x), 6) for x in self.idf],
            "coef": [[round(float(x), 6) for x in row] for row in self.coef],
            "intercept": [float(x) for x in self.intercept],
        })

    def vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The body's non-zero TF-IDF entries (indices, values), L2-normalised."""
        counts = Counter(i for w in self.token.findall(text.lower())
                         if (i := self.index.get(w)) is not None)
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        values = (1.0 + np.log(tf)) * self.idf[idx]
        return idx, values / np.linalg.norm(values)

    def probs(self, texts: Sequence[str]) -> np.ndarray:
        """(n, 3) agree/disagree/discuss probabilities, one row per text."""
        out = np.zeros((len(texts), N_BODY))
        for row, text in enumerate(texts):
            idx, values = self.vector(text)
            z = self.coef[:, idx] @ values + self.intercept
            e = np.exp(z - z.max())
            out[row] = e / e.sum()
        return out


def body_features(probs: np.ndarray) -> np.ndarray:
    """The trees' inputs from the body probabilities: their logarithms (floored)."""
    return np.log(np.asarray(probs, dtype=np.float64) + _FLOOR).astype(np.float32)
