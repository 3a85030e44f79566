"""Stance judgment: does a document agree with, disagree with, discuss, or not relate to a claim.

Public surface: ``StanceModel`` / ``StancePrediction`` (inference on int8 ONNX + LightGBM, no
torch) and the FNC-1 scoring functions in :mod:`bot.judgment.stance.fnc`.
"""

from bot.judgment.stance.model import (
    ARTIFACTS_DIR,
    LABELS,
    StanceModel,
    StanceModelError,
    StancePrediction,
)

__all__ = ["ARTIFACTS_DIR", "LABELS", "StanceModel", "StanceModelError", "StancePrediction"]
