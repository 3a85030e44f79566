"""FNC-1 scoring as pure functions: weighted (relative) score, per-class F1, macro-F1 and the
confusion matrix, over the labels agree, disagree, discuss, unrelated.

The weighted score follows the official FNC-1 scorer: +0.25 for getting related vs unrelated
right, +0.75 more for the exact label of a related pair; the relative score is the total as a
percentage of the best possible total for the gold labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

LABELS: tuple[str, ...] = ("agree", "disagree", "discuss", "unrelated")
RELATED = frozenset({"agree", "disagree", "discuss"})


@dataclass(frozen=True)
class FncReport:
    score: float  # relative FNC score in percent
    raw_score: float
    max_score: float
    macro_f1: float
    f1: dict[str, float]
    confusion: list[list[int]]  # rows gold, columns predicted, in LABELS order
    n: int


def _check(gold: Sequence[str], pred: Sequence[str]) -> None:
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold labels but {len(pred)} predictions")
    unknown = (set(gold) | set(pred)) - set(LABELS)
    if unknown:
        raise ValueError(f"unknown labels: {sorted(unknown)}")


def weighted_score(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float]:
    """Return (raw FNC score, best possible FNC score) for these gold labels."""
    _check(gold, pred)
    raw = 0.0
    for g, p in zip(gold, pred, strict=True):
        if g == p:
            raw += 0.25
            if g != "unrelated":
                raw += 0.50
        if g in RELATED and p in RELATED:
            raw += 0.25
    best = sum(0.25 if g == "unrelated" else 1.0 for g in gold)
    return raw, best


def relative_score(gold: Sequence[str], pred: Sequence[str]) -> float:
    raw, best = weighted_score(gold, pred)
    return 100.0 * raw / best if best else 0.0


def confusion_matrix(gold: Sequence[str], pred: Sequence[str]) -> list[list[int]]:
    _check(gold, pred)
    matrix = [[0] * len(LABELS) for _ in LABELS]
    for g, p in zip(gold, pred, strict=True):
        matrix[LABELS.index(g)][LABELS.index(p)] += 1
    return matrix


def per_class_f1(matrix: list[list[int]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for i, label in enumerate(LABELS):
        tp = matrix[i][i]
        fp = sum(matrix[r][i] for r in range(len(LABELS))) - tp
        fn = sum(matrix[i]) - tp
        out[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return out


def macro_f1(matrix: list[list[int]]) -> float:
    scores = per_class_f1(matrix)
    return sum(scores.values()) / len(scores)


def report(gold: Sequence[str], pred: Sequence[str]) -> FncReport:
    """Everything the FNC-1 evaluation prints, for one set of predictions."""
    raw, best = weighted_score(gold, pred)
    matrix = confusion_matrix(gold, pred)
    return FncReport(
        score=100.0 * raw / best if best else 0.0,
        raw_score=raw,
        max_score=best,
        macro_f1=macro_f1(matrix),
        f1=per_class_f1(matrix),
        confusion=matrix,
        n=len(gold),
    )
