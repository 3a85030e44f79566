"""Train the body-stance model: TF-IDF (sublinear tf, words seen in >= 3 bodies) + logistic
regression (C 0.3, square-root class weights) on the whole body text of the ``fit`` related
pairs, agree / disagree / discuss, with no headline.

Writes ``bot/judgment/stance/artifacts/body_lr.json`` (vocabulary, IDF, coefficients; run by
``bot.judgment.stance.body`` without scikit-learn, after checking both give the same
probabilities) and ``training/out/body_probs.npz``: its probabilities for every pair of each
side. On ``fit`` they are out-of-fold (story-grouped 5-fold), so the stance trees, which take
them as features, learn from predictions made without the pair's own story.
Run:  python training/train_body.py   (after common.py; before train_gbm.py)
"""

from __future__ import annotations

import common
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import Pipeline
from train_stacker import groups_of

from bot.judgment.stance.body import BodyStance

C = 0.3
MIN_DF = 3


def fit_body(texts: list[str], y: np.ndarray, *, ngrams: int = 1, min_df: int = MIN_DF,
             c: float = C) -> tuple[BodyStance, Pipeline]:
    """The text model; the other settings serve ``select_stance.py``'s headline and evidence
    models (the ``BodyStance`` half reads single words only, so it is the body's alone)."""
    counts = np.bincount(y, minlength=3)
    weights = ((counts.sum() / counts) ** 0.5)[y]
    vec = TfidfVectorizer(min_df=min_df, sublinear_tf=True, ngram_range=(1, ngrams))
    lr = LogisticRegression(C=c, max_iter=3000)
    lr.fit(vec.fit_transform(texts), y, sample_weight=weights)
    words = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
    model = BodyStance(words, vec.idf_, lr.coef_, lr.intercept_, vec.token_pattern)
    return model, Pipeline([("tfidf", vec), ("lr", lr)])


def main() -> None:
    data = common.featurize_all()
    body_map = common.bodies()
    fit = data["fit"]
    y = np.asarray(fit["y"])
    rel = np.flatnonzero(y != 3)
    texts = [body_map[fit["body_id"][i]] for i in rel]  # type: ignore[index]
    groups = groups_of(
        [fit["head"][i] for i in rel],  # type: ignore[index]
        [fit["body_id"][i] for i in rel],  # type: ignore[index]
        list(y[rel]),
    )
    out = {k: np.zeros((len(v["y"]), 3)) for k, v in data.items()}  # type: ignore[arg-type]
    for tr, te in GroupKFold(n_splits=5).split(rel, y[rel], groups):
        fold, _ = fit_body([texts[i] for i in tr], y[rel][tr])
        out["fit"][rel[te]] = fold.probs([texts[i] for i in te])
    trained, reference = fit_body(texts, y[rel])
    path = common.ART / "body_lr.json"
    path.write_text(trained.to_json(), encoding="utf-8")
    model = BodyStance.load(path)  # as the product reads it (six decimals)
    sides = {k: [body_map[b] for b in data[k]["body_id"]] for k in ("calib", "val")}  # type: ignore[attr-defined]
    for side, side_texts in sides.items():
        out[side] = model.probs(side_texts)
        diff = float(np.abs(out[side] - reference.predict_proba(side_texts)).max())
        print(f"{side}: largest difference to scikit-learn {diff:.1e}")
        assert diff < 1e-4, "the shipped body model does not reproduce scikit-learn"
    np.savez_compressed(common.OUT / "body_probs.npz", **out)
    print(f"body model: {len(model.index)} words; wrote {common.ART / 'body_lr.json'}")
    for side in ("fit", "calib", "val"):
        ys = np.asarray(data[side]["y"])
        r = ys != 3
        acc = float((out[side][r].argmax(axis=1) == ys[r]).mean())
        print(f"{side}: body-only stance accuracy on related pairs {acc:.3f}"
              + (" (out of fold)" if side == "fit" else ""))


if __name__ == "__main__":
    main()
