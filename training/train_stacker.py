"""Choose and fit the stance stacker and write the model's ``config.json``.

Candidates (compared by story-grouped 5-fold CV; val is never used to choose): feature model
only, cross-encoder only, logistic stack, with three class weightings. By default they are
compared and fitted on ``calib`` (the cross-encoder of ``train_crossenc.py``, trained on fit).
With ``--oof`` (the cross-fitted cross-encoder of ``crossenc_cv.py``, trained on fit + calib)
on the out-of-fold outputs of both models over every related training pair (10,734:
``training/out/trees_oof.npz`` from ``calibrate_stance.py``, ``training/out/ce_oof.npz``).
The winner is refit on all of them. A ``stance_bias`` already in ``config.json`` (the trees-only
path's, from ``calibrate_stance.py``) is kept. Prints the val figures of the cached sub-model
outputs for information (the CLI ``eval fnc1`` reproduces them end to end).
``--keep-stacker`` writes the new relatedness threshold and keeps the stacker already in
``config.json`` (and the shipped cross-encoder): for retrained trees when the cross-encoder's
out-of-fold logits (a GPU run) are not at hand; that stacker was fitted on the earlier trees'
outputs.
Run:  python training/train_stacker.py [--gbm-only | --oof | --keep-stacker]
"""

from __future__ import annotations

import argparse
import json
import shutil

import common
import numpy as np
import split
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from train_gbm import criterion, show

from bot.judgment.stance import fnc
from bot.judgment.stance.stack import Stacker, stack_inputs

STANCES = ["agree", "disagree", "discuss"]


def fit_lr(x: np.ndarray, y: np.ndarray, name: str) -> Stacker:
    """``lr``: plain; ``lr_balanced``: inverse class frequency; ``lr_sqrt``: its square root."""
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    counts = np.bincount(y, minlength=3)
    power = {"lr": 0.0, "lr_sqrt": 0.5, "lr_balanced": 1.0}[name]
    weights = {k: float((len(y) / (3 * counts[k])) ** power) for k in range(3)}
    lr = LogisticRegression(C=1.0, max_iter=2000, class_weight=weights)
    lr.fit((x - mean) / scale, y)
    return Stacker(mean=mean, scale=scale, coef=lr.coef_.T.copy(), intercept=lr.intercept_.copy())


def predict(
    name: str, x: np.ndarray, gbm: np.ndarray, ce: np.ndarray, st: Stacker | None
) -> np.ndarray:
    if name == "gbm":
        return gbm
    if name == "ce":
        return ce
    assert st is not None
    return st.probs(x)


def groups_of(heads: list[str], body_ids: list[str], ys: list[int]) -> np.ndarray:
    rows = [(h, b, common.LABELS[y]) for h, b, y in zip(heads, body_ids, ys, strict=True)]
    node_comp = {n: i for i, comp in enumerate(split.components(rows)) for n in comp}
    return np.array([node_comp["b:" + b] for b in body_ids])


def cv_scores(
    x: np.ndarray, gbm: np.ndarray, ce: np.ndarray, y: np.ndarray, groups: np.ndarray
) -> dict[str, tuple[float, float, float]]:
    out = {}
    for name in ("gbm", "ce", "lr", "lr_sqrt", "lr_balanced"):
        pred = np.zeros(len(y), dtype=int)
        for tr, te in GroupKFold(n_splits=5).split(x, y, groups):
            st = fit_lr(x[tr], y[tr], name) if name.startswith("lr") else None
            pred[te] = predict(name, x[te], gbm[te], ce[te], st).argmax(axis=1)
        gold = [STANCES[i] for i in y]
        r = fnc.report(gold, [STANCES[i] for i in pred])
        out[name] = (
            r.score,
            (r.f1["agree"] + r.f1["disagree"] + r.f1["discuss"]) / 3,
            r.f1["disagree"],
        )
        print(
            f"CV {name:>12}: FNC(related only) {r.score:.2f} "
            f"stance macroF1 {out[name][1]:.3f} disagree F1 {out[name][2]:.3f}"
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gbm-only", action="store_true", help="write a config without the stacker")
    ap.add_argument("--oof", action="store_true",
                    help="fit on out-of-fold outputs over all related training pairs")
    ap.add_argument("--keep-stacker", action="store_true",
                    help="keep config.json's stacker; write the new threshold")
    args = ap.parse_args()
    data = common.featurize_all()
    g = np.load(common.OUT / "gbm_probs.npz")
    path = common.ART / "config.json"
    cfg: dict[str, object] = {
        "relatedness_threshold": float(g["threshold"][0]),
        "labels": common.LABELS,
        "stacker": None,
    }
    old = json.loads(path.read_text()) if path.exists() else {}
    if "stance_bias" in old:
        cfg["stance_bias"] = old["stance_bias"]
    if args.keep_stacker:
        cfg["stacker"] = old.get("stacker")
        path.write_text(json.dumps(cfg, indent=1))
        print("wrote", path, "(stacker kept)")
        return
    if not args.gbm_only:
        ce = np.load(common.OUT / "ce_logits.npz")
        if args.oof:
            trees = np.load(common.OUT / "trees_oof.npz")
            logits, gbm = np.load(common.OUT / "ce_oof.npz")["oof"], trees["oof"]
            y, groups, where = trees["y"], trees["groups"], "by out-of-fold CV"
        else:
            cal = data["calib"]
            rel = np.asarray(cal["y"]) != 3
            logits, gbm, y = ce["calib"][rel], g["sta_calib"][rel], np.asarray(cal["y"])[rel]
            groups = groups_of(
                [h for h, r in zip(cal["head"], rel, strict=True) if r],  # type: ignore[call-overload]
                [b for b, r in zip(cal["body_id"], rel, strict=True) if r],  # type: ignore[call-overload]
                list(y),
            )
            where = "on calib CV"
        x = stack_inputs(logits, gbm)
        ce_probs = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
        scores = cv_scores(x, gbm, ce_probs, y, groups)
        best = max(scores, key=lambda k: criterion(*scores[k]))
        print(f"chosen {where}: {best}")
        if best.startswith("lr"):
            cfg["stacker"] = fit_lr(x, y, best).to_config()
        report_val(data, g, ce, cfg)
    place_cross_encoder(uses_ce=cfg["stacker"] is not None)
    path.write_text(json.dumps(cfg, indent=1))
    print("wrote", path)


def place_cross_encoder(uses_ce: bool) -> None:
    """Ship the cross-encoder only if the chosen stacker uses it; else park it in out/."""
    parked = common.OUT / "cross_encoder"
    src, dst = (parked, common.ART) if uses_ce else (common.ART, parked)
    dst.mkdir(parents=True, exist_ok=True)
    for name in ("cross_encoder.onnx", "tokenizer.json"):
        if uses_ce and (dst / name).exists():
            continue  # a freshly trained one is already in place: never bring an old one back
        if (src / name).exists():
            shutil.move(str(src / name), str(dst / name))


def report_val(
    data: dict[str, dict[str, object]],
    g: np.lib.npyio.NpzFile,
    ce: np.lib.npyio.NpzFile,
    cfg: dict[str, object],
) -> None:
    y = np.asarray(data["val"]["y"])
    related = g["rel_val"] >= cfg["relatedness_threshold"]  # type: ignore[operator]
    st = Stacker.from_config(cfg["stacker"]) if cfg["stacker"] else None  # type: ignore[arg-type]
    probs = st.probs(stack_inputs(ce["val"], g["sta_val"])) if st else g["sta_val"]
    pred = [
        STANCES[int(p.argmax())] if r else "unrelated" for p, r in zip(probs, related, strict=True)
    ]
    show("val (cached sub-model outputs)", [common.LABELS[i] for i in y], pred)


if __name__ == "__main__":
    main()
