"""Check the stance stage's design choices by story-grouped 5-fold CV over every related pair of
the training side (fit + calib, 10,734 pairs), a larger and steadier ground than calib alone.

For each candidate of ``train_gbm.STANCE_CANDIDATES``, trees on the pair features alone
(``plain``) and with the body-stance probabilities (``body``). Inside each outer fold the body
model is trained on the outer-training pairs, with story-grouped out-of-fold probabilities for
them, as ``train_body.py`` does on fit. Prints FNC (related pairs), macro-F1 over the three
stances, disagree F1 and ``train_gbm.criterion``. Chooses nothing and writes nothing; val is
never read.  Run:  python training/select_stance.py   (after common.py; ~2 min)
"""

from __future__ import annotations

import common
import numpy as np
from sklearn.model_selection import GroupKFold
from train_body import fit_body
from train_gbm import STANCE_CANDIDATES, criterion, train_stance
from train_stacker import groups_of

from bot.judgment.stance import fnc
from bot.judgment.stance.body import body_features

STANCES = ["agree", "disagree", "discuss"]


def main() -> None:
    data = common.featurize_all()
    body_map = common.bodies()
    sides = ("fit", "calib")
    X = np.vstack([np.asarray(data[k]["X"]) for k in sides])
    y = np.concatenate([np.asarray(data[k]["y"]) for k in sides])
    heads = [h for k in sides for h in data[k]["head"]]  # type: ignore[attr-defined]
    body_ids = [b for k in sides for b in data[k]["body_id"]]  # type: ignore[attr-defined]
    rel = np.flatnonzero(y != 3)
    X, y = X[rel], y[rel]
    texts = [body_map[body_ids[i]] for i in rel]
    groups = groups_of([heads[i] for i in rel], [body_ids[i] for i in rel], list(y))
    preds: dict[tuple[str, tuple[int, int, float]], np.ndarray] = {}
    for fold, (tr, te) in enumerate(GroupKFold(n_splits=5).split(X, y, groups)):
        inner = np.zeros((len(tr), 3))
        for itr, ite in GroupKFold(n_splits=5).split(tr, y[tr], groups[tr]):
            model, _ = fit_body([texts[tr[i]] for i in itr], y[tr][itr])
            inner[ite] = model.probs([texts[tr[i]] for i in ite])
        model, _ = fit_body([texts[i] for i in tr], y[tr])
        outer = model.probs([texts[i] for i in te])
        variants = {
            "plain": (X[tr], X[te]),
            "body": (np.hstack([X[tr], body_features(inner)]),
                     np.hstack([X[te], body_features(outer)])),
        }
        for name, (x_tr, x_te) in variants.items():
            for cand in STANCE_CANDIDATES:
                booster = train_stance(x_tr, y[tr], cand)
                out = preds.setdefault((name, cand), np.zeros(len(y), dtype=int))
                out[te] = booster.predict(x_te).argmax(axis=1)
        print(f"fold {fold} done", flush=True)
    gold = [STANCES[i] for i in y]
    for (name, cand), pred in preds.items():
        r = fnc.report(gold, [STANCES[i] for i in pred])
        macro3 = (r.f1["agree"] + r.f1["disagree"] + r.f1["discuss"]) / 3
        d = r.f1["disagree"]
        print(
            f"{name:>5} {cand}: FNC(related) {r.score:.2f} macroF1(3) {macro3:.3f} "
            f"disagree {d:.3f} criterion {criterion(r.score, macro3, d):.3f}"
        )


if __name__ == "__main__":
    main()
