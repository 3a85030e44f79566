"""Check the stance stage's design choices by story-grouped 5-fold CV over every related pair of
the training side (fit + calib, 10,734 pairs), a larger and steadier ground than calib alone.

For each candidate of ``train_gbm.STANCE_CANDIDATES`` and each variant, stance trees on the pair
features plus the named text models' probabilities: ``plain`` (none), ``body`` (the shipped
body-stance model) and, on request, ``headline`` (a TF-IDF logistic regression over the headline's
words and word pairs) and ``evidence`` (the same over the evidence sentences the features chose).
Inside each outer fold every text model is trained on the outer-training pairs, with
story-grouped out-of-fold probabilities for them, as ``train_body.py`` does on fit. Prints FNC
(related pairs), macro-F1 over the three stances, disagree F1 and ``train_gbm.criterion``.
``--without-cued`` leaves out the cue reading's features (``stance.cued``) to show what they add.
Chooses nothing and writes nothing; val is never read.
Run:  python training/select_stance.py [--variants plain,body,body+headline,...] [--without-cued]
(after common.py; ~2 min for the default two variants, ~6 min for four)
"""

from __future__ import annotations

import argparse
from typing import Any

import common
import numpy as np
from sklearn.model_selection import GroupKFold
from train_body import fit_body
from train_gbm import STANCE_CANDIDATES, criterion, train_stance
from train_stacker import groups_of

from bot.judgment.stance import fnc
from bot.judgment.stance.body import body_features

STANCES = ["agree", "disagree", "discuss"]
# text model -> fit_body settings (body: the shipped ones)
TEXT_MODELS: dict[str, dict[str, Any]] = {
    "body": {},
    "headline": {"ngrams": 2, "min_df": 2, "c": 1.0},
    "evidence": {"ngrams": 2, "min_df": 3, "c": 0.3},
}


def text_probs(texts: list[str], y: np.ndarray, groups: np.ndarray, tr: np.ndarray,
               te: np.ndarray, settings: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """A text model's probabilities: story-grouped out-of-fold on ``tr``, fitted on all of
    ``tr`` for ``te``."""
    inner = np.zeros((len(tr), 3))
    for itr, ite in GroupKFold(n_splits=5).split(tr, y[tr], groups[tr]):
        _, pipe = fit_body([texts[tr[i]] for i in itr], y[tr][itr], **settings)
        inner[ite] = pipe.predict_proba([texts[tr[i]] for i in ite])
    _, pipe = fit_body([texts[i] for i in tr], y[tr], **settings)
    return inner, pipe.predict_proba([texts[i] for i in te])


def related_training_pairs(
    cued: bool = True,
) -> tuple[np.ndarray, np.ndarray, dict[str, list[str]], np.ndarray]:
    """Every related pair of fit + calib: stance-stage features (``common.stage2``), labels,
    the text models' texts and the story (connected component) of each pair."""
    data = common.featurize_all()
    body_map = common.bodies()
    sides = ("fit", "calib")
    X = np.vstack([common.stage2(data[k]) if cued else np.asarray(data[k]["X"]) for k in sides])
    y = np.concatenate([np.asarray(data[k]["y"]) for k in sides])
    heads = [h for k in sides for h in data[k]["head"]]  # type: ignore[attr-defined]
    body_ids = [b for k in sides for b in data[k]["body_id"]]  # type: ignore[attr-defined]
    evidence = [e for k in sides for e in data[k]["evidence"]]  # type: ignore[attr-defined]
    rel = np.flatnonzero(y != 3)
    texts = {
        "body": [body_map[body_ids[i]] for i in rel],
        "headline": [heads[i] for i in rel],
        "evidence": [evidence[i] for i in rel],
    }
    groups = groups_of([heads[i] for i in rel], [body_ids[i] for i in rel], list(y[rel]))
    return X[rel], y[rel], texts, groups


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--variants", default="plain,body",
                    help="comma-separated; each is 'plain' or text models joined by '+' "
                         f"({', '.join(TEXT_MODELS)})")
    ap.add_argument("--without-cued", action="store_true",
                    help="leave out the cue reading's features")
    args = ap.parse_args()
    variants = {v: [] if v == "plain" else v.split("+") for v in args.variants.split(",")}
    needed = {m for models in variants.values() for m in models}
    if unknown := needed - set(TEXT_MODELS):
        ap.error(f"unknown text model(s): {', '.join(sorted(unknown))}")
    X, y, texts, groups = related_training_pairs(cued=not args.without_cued)
    preds: dict[tuple[str, tuple[int, int, float]], np.ndarray] = {}
    for fold, (tr, te) in enumerate(GroupKFold(n_splits=5).split(X, y, groups)):
        probs = {m: text_probs(texts[m], y, groups, tr, te, TEXT_MODELS[m]) for m in needed}
        for name, models in variants.items():
            x_tr = np.hstack([X[tr]] + [body_features(probs[m][0]) for m in models])
            x_te = np.hstack([X[te]] + [body_features(probs[m][1]) for m in models])
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
