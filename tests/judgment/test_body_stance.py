"""The body-stance model: TF-IDF + logistic regression, applied without scikit-learn."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import numpy as np
import pytest

from bot.judgment.stance import ARTIFACTS_DIR, StanceModel, StanceModelError
from bot.judgment.stance.body import BodyStance


def test_the_transform_is_sublinear_tf_idf_then_a_softmax() -> None:
    model = BodyStance(
        ["hoax", "confirmed", "the"],
        idf=np.array([2.0, 1.5, 1.0]),
        coef=np.array([[0.0, 3.0, 0.0], [4.0, 0.0, 0.0], [0.0, 0.0, 1.0]]),
        intercept=np.array([0.1, -0.2, 0.0]),
        token_pattern=r"(?u)\b\w\w+\b",
    )
    (probs,) = model.probs(["The hoax, the HOAX and the hoax? A."])  # "and", "a": not in vocab
    hoax = the = 1 + math.log(3)
    x = np.array([hoax * 2.0, 0.0, the * 1.0])
    x = x / np.linalg.norm(x)
    z = np.array([0.1, 4.0 * x[0] - 0.2, x[2]])
    expected = np.exp(z) / np.exp(z).sum()
    assert probs == pytest.approx(expected)


def test_a_body_with_no_known_word_gets_the_prior() -> None:
    model = BodyStance(["hoax"], np.array([1.0]), np.zeros((3, 1)), np.array([1.0, 0.0, 0.0]),
                       r"(?u)\b\w\w+\b")
    (probs,) = model.probs(["zzz qqq"])
    assert probs == pytest.approx(np.exp([1, 0, 0]) / np.exp([1, 0, 0]).sum())


def test_the_shipped_model_reads_a_debunking_body_as_disagreeing() -> None:
    model = BodyStance.load(ARTIFACTS_DIR / "body_lr.json")
    debunk, report = model.probs([
        "The photo is a hoax. Fact-checkers said the claim is false and the image was doctored.",
        "Officials confirmed on Monday that the bridge had reopened to traffic after repairs.",
    ])
    assert debunk.sum() == pytest.approx(1.0)
    assert debunk[1] > report[1]  # disagree


def test_a_missing_body_model_is_reported(tmp_path: Path) -> None:
    art = tmp_path / "artifacts"
    shutil.copytree(ARTIFACTS_DIR, art)
    (art / "body_lr.json").unlink()
    with pytest.raises(StanceModelError, match=r"body_lr\.json"):
        StanceModel.load(art)
