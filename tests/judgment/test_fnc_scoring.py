"""FNC-1 scoring functions on tiny hand-made examples."""

from __future__ import annotations

import pytest

from bot.judgment.stance import fnc


def test_perfect_predictions_score_100_and_macro_f1_1() -> None:
    gold = ["agree", "disagree", "discuss", "unrelated"]
    rep = fnc.report(gold, gold)
    assert rep.score == pytest.approx(100.0)
    assert rep.macro_f1 == pytest.approx(1.0)


def test_weighted_score_gives_quarter_for_relatedness_and_three_quarters_for_label() -> None:
    gold = ["agree", "disagree", "discuss", "unrelated"]
    pred = ["agree", "discuss", "unrelated", "agree"]
    raw, best = fnc.weighted_score(gold, pred)
    assert raw == pytest.approx(1.0 + 0.25)  # exact agree; disagree->discuss still related
    assert best == pytest.approx(3.25)
    assert fnc.relative_score(gold, pred) == pytest.approx(100 * 1.25 / 3.25)


def test_unrelated_correct_earns_only_a_quarter() -> None:
    assert fnc.weighted_score(["unrelated"] * 2, ["unrelated", "discuss"]) == (0.25, 0.5)


def test_confusion_matrix_rows_are_gold_and_columns_predicted() -> None:
    m = fnc.confusion_matrix(["agree", "agree", "disagree"], ["agree", "discuss", "agree"])
    assert m[0] == [1, 0, 1, 0]
    assert m[1] == [1, 0, 0, 0]
    assert sum(map(sum, m)) == 3


def test_per_class_f1_and_macro_f1_by_hand() -> None:
    gold = ["agree", "agree", "disagree", "unrelated"]
    pred = ["agree", "disagree", "disagree", "unrelated"]
    f1 = fnc.per_class_f1(fnc.confusion_matrix(gold, pred))
    assert f1["agree"] == pytest.approx(2 / 3)  # tp 1, fn 1
    assert f1["disagree"] == pytest.approx(2 / 3)  # tp 1, fp 1
    assert f1["discuss"] == 0.0
    assert f1["unrelated"] == 1.0
    assert fnc.report(gold, pred).macro_f1 == pytest.approx((2 / 3 + 2 / 3 + 0 + 1) / 4)


def test_scoring_rejects_unknown_labels_and_length_mismatch() -> None:
    with pytest.raises(ValueError, match="unknown labels"):
        fnc.report(["agree"], ["maybe"])
    with pytest.raises(ValueError, match="gold labels"):
        fnc.report(["agree", "discuss"], ["agree"])
