"""Train the LightGBM stages on cached features and report on calib and val.

Stage 1: related vs unrelated (binary).  Stage 2 (feature model): agree/disagree/discuss on
related pairs, with the body-stance probabilities of ``train_body.py`` as three more
features.  Both are trained on ``fit`` only; the relatedness threshold is chosen on ``calib``
(story-disjoint from fit) to maximise the FNC score there.  Writes
``relatedness.onnx`` and ``stance_gbm.onnx`` (the boosters converted by onnxmltools, so the
product runs them with onnxruntime and needs no lightgbm) to the artefacts directory, the
LightGBM text models to ``training/out/`` and
``training/out/gbm_probs.npz`` (calib and val probabilities for the stacker, and the chosen
stance setting for ``calibrate_stance.py``).
Run:  python training/train_gbm.py
"""

from __future__ import annotations

from pathlib import Path

import common
import lightgbm as lgb
import numpy as np
from onnxmltools import convert_lightgbm
from onnxmltools.convert.common.data_types import FloatTensorType

from bot.judgment.stance import fnc
from bot.judgment.stance.body import body_features

SEED = 11
PARAMS = {
    "learning_rate": 0.05,
    "num_leaves": 31,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "verbose": -1,
    "seed": SEED,
    "num_threads": 2,
    "deterministic": True,
}


def train_relatedness(X: np.ndarray, y: np.ndarray) -> lgb.Booster:
    params = {**PARAMS, "objective": "binary"}
    return lgb.train(params, lgb.Dataset(X, (y != 3).astype(int)), num_boost_round=400)


# (num_leaves, rounds, class-weight power): chosen on calib by ``criterion``, never on val
# (training/select_stance.py checks the choice by story-grouped CV over the whole train side)
STANCE_CANDIDATES = [(15, 300, 0.5), (7, 200, 0.5), (7, 200, 1.0), (31, 300, 0.5), (15, 150, 0.0)]


def train_stance(X: np.ndarray, y: np.ndarray, cand: tuple[int, int, float]) -> lgb.Booster:
    rel = y != 3
    counts = np.bincount(y[rel], minlength=3)
    w = ((counts.sum() / counts) ** cand[2])[y[rel]]
    params = {**PARAMS, "objective": "multiclass", "num_class": 3, "num_leaves": cand[0]}
    return lgb.train(params, lgb.Dataset(X[rel], y[rel], weight=w), num_boost_round=cand[1])


def criterion(fnc_score: float, macro3: float, disagree: float) -> float:
    """What the stance stage is chosen by: the FNC score, macro-F1 over agree/disagree/discuss,
    and disagree F1 once more, since a contradiction is what the product acts on and the
    class-weighted settings that find it cost a little FNC score."""
    return fnc_score / 100 + macro3 + disagree


def choose_stance(X: dict[str, np.ndarray], y: dict[str, np.ndarray]
                  ) -> tuple[lgb.Booster, tuple[int, int, float]]:
    rel = y["calib"] != 3
    gold = [fnc.LABELS[i] for i in y["calib"][rel]]
    best, best_score, best_cand = None, -1.0, STANCE_CANDIDATES[0]
    for cand in STANCE_CANDIDATES:
        booster = train_stance(X["fit"], y["fit"], cand)
        pred = [fnc.LABELS[int(i)] for i in booster.predict(X["calib"][rel]).argmax(axis=1)]
        r = fnc.report(gold, pred)
        macro3 = (r.f1["agree"] + r.f1["disagree"] + r.f1["discuss"]) / 3
        print(
            f"stance candidate {cand}: calib FNC(related) {r.score:.2f} macroF1(3) {macro3:.3f}"
            f" disagree {r.f1['disagree']:.3f}"
        )
        score = criterion(r.score, macro3, r.f1["disagree"])
        if score > best_score:
            best, best_score, best_cand = booster, score, cand
    assert best is not None
    return best, best_cand


def combine(p_rel: np.ndarray, p_stance: np.ndarray, threshold: float) -> list[str]:
    labels = [fnc.LABELS[int(i)] for i in p_stance.argmax(axis=1)]
    return [lab if p >= threshold else "unrelated" for p, lab in zip(p_rel, labels, strict=True)]


def best_threshold(p_rel: np.ndarray, p_stance: np.ndarray, gold: list[str]) -> float:
    grid = np.round(np.arange(0.01, 0.95, 0.01), 3)
    scores = [fnc.relative_score(gold, combine(p_rel, p_stance, t)) for t in grid]
    return float(grid[int(np.argmax(scores))])


def show(name: str, gold: list[str], pred: list[str]) -> None:
    r = fnc.report(gold, pred)
    f1 = " ".join(f"{k}={v:.3f}" for k, v in r.f1.items())
    print(f"{name}: FNC {r.score:.2f} macroF1 {r.macro_f1:.3f} {f1}")
    for label, row in zip(fnc.LABELS, r.confusion, strict=True):
        print(f"   {label:>9} {row}")


def export_trees(booster: lgb.Booster, n_features: int, out: Path) -> None:
    """The booster as an ONNX TreeEnsembleClassifier (run by onnxruntime, no lightgbm needed)."""
    onx = convert_lightgbm(
        booster,
        initial_types=[("features", FloatTensorType([None, n_features]))],
        zipmap=False,
        target_opset=15,
    )
    for output in onx.graph.output:  # the converter declares a batch of 1; it is any size
        output.type.tensor_type.shape.dim[0].dim_param = "batch"
    out.write_bytes(onx.SerializeToString())


def main() -> None:
    data = common.featurize_all()
    X = {k: np.asarray(v["X"]) for k, v in data.items()}
    y = {k: np.asarray(v["y"]) for k, v in data.items()}
    gold = {k: [fnc.LABELS[i] for i in y[k]] for k in y}
    body = np.load(common.OUT / "body_probs.npz")  # train_body.py; out of fold on fit
    Xs = {k: np.hstack([common.stage2(data[k]), body_features(body[k])]) for k in X}
    rel = train_relatedness(X["fit"], y["fit"])
    sta, setting = choose_stance(Xs, y)
    p_rel = {k: rel.predict(X[k]) for k in ("calib", "val")}
    p_sta = {k: sta.predict(Xs[k]) for k in ("calib", "val")}
    t = best_threshold(p_rel["calib"], p_sta["calib"], gold["calib"])
    print(f"relatedness threshold (chosen on calib): {t}")
    for k in ("calib", "val"):
        acc = np.mean((p_rel[k] >= t) == (y[k] != 3))
        print(f"{k}: relatedness accuracy {acc:.4f}")
        show(f"{k} gbm-only", gold[k], combine(p_rel[k], p_sta[k], t))
        perfect = np.where(y[k] != 3, 1.0, 0.0)
        show(f"{k} gbm stance behind gold relatedness", gold[k], combine(perfect, p_sta[k], 0.5))
    for name, booster, width in (
        ("relatedness", rel, X["fit"].shape[1]),
        ("stance_gbm", sta, Xs["fit"].shape[1]),
    ):
        booster.save_model(str(common.OUT / f"{name}.lgb"))
        export_trees(booster, width, common.ART / f"{name}.onnx")
    np.savez_compressed(
        common.OUT / "gbm_probs.npz",
        threshold=np.array([t]),
        stance_setting=np.array(setting),  # for calibrate_stance.py
        **{f"rel_{k}": p_rel[k] for k in p_rel},
        **{f"sta_{k}": p_sta[k] for k in p_sta},
    )


if __name__ == "__main__":
    main()
