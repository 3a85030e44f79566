"""The cross-fitted cross-encoder, on this machine's side of ``crossenc_gpu.py``.

``prepare``: token ids of every related training pair (fit + calib, 10,734; the outer
story-grouped folds of ``calibrate_stance.py``), the negated-headline augmentation pairs of
``train_crossenc.py``, the val and calib pairs, and all-MiniLM-L6-v2 in fp16, written to
``.gpu/`` (git-ignored) for ``crossenc_gpu.py`` to read wherever it runs.

``finish DIR``: reads what ``crossenc_gpu.py`` wrote to DIR, exports the final model to
``artifacts/cross_encoder.onnx`` (int8, as ``train_crossenc.py`` does) and writes
``training/out/ce_logits.npz`` (the int8 model's logits on calib and val) and
``training/out/ce_oof.npz`` (the chosen setting's out-of-fold logits over the training pairs,
for ``train_stacker.py --oof``).
Run:  python training/crossenc_cv.py prepare
      python training/crossenc_gpu.py --data .gpu --out OUT    (an accelerator: ~6 min)
      python training/crossenc_cv.py finish OUT
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
from pathlib import Path

import common
import numpy as np
import torch
from export_onnx import MINILM, export_classifier
from safetensors.torch import load_file, save_file
from select_stance import related_training_pairs
from sklearn.model_selection import GroupKFold
from tokenizers import Tokenizer
from train_crossenc import negated
from transformers import AutoModelForSequenceClassification

from bot.judgment.stance.crossenc import CrossEncoder, encode_pairs, load_pair_tokenizer

GPU_DATA = common.ROOT / ".gpu"


BODY_TOKENS = 256


def flat(rows: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    off = np.cumsum([0] + [len(r) for r in rows])
    if not rows:
        return np.zeros(0, dtype=np.int32), off
    return np.concatenate([np.asarray(r, dtype=np.int32) for r in rows]), off


def prepare_body() -> None:
    """The same pairs, folds and sides with the body's first 256 tokens alone as the input
    (``.gpu/body.npz``): a body-stance transformer, the counterpart of ``train_body.py``'s
    TF-IDF model, for ``crossenc_gpu.py --pairs body.npz``."""
    X, y, texts, groups = related_training_pairs()
    fold = np.zeros(len(y), dtype=np.int64)
    for k, (_, te) in enumerate(GroupKFold(n_splits=5).split(X, y, groups)):
        fold[te] = k
    tok = Tokenizer.from_file(str(MINILM / "tokenizer.json"))
    tok.enable_truncation(BODY_TOKENS)
    tok.no_padding()
    data = common.featurize_all()
    body_map = common.bodies()
    sides = {"pool": texts["body"], "aug": [],
             **{s: [body_map[b] for b in data[s]["body_id"]] for s in ("val", "calib")}}  # type: ignore[attr-defined]
    arrays: dict[str, np.ndarray] = {
        "pool_y": y.astype(np.int64), "pool_fold": fold, "aug_src": np.zeros(0, dtype=np.int64),
        "val_y": np.asarray(data["val"]["y"], dtype=np.int64),
        "calib_y": np.asarray(data["calib"]["y"], dtype=np.int64),
    }
    for side, rows in sides.items():
        encs = tok.encode_batch(rows) if rows else []
        arrays[f"{side}_ids_flat"], arrays[f"{side}_ids_off"] = flat([e.ids for e in encs])
        arrays[f"{side}_types_flat"], arrays[f"{side}_types_off"] = flat(
            [e.type_ids for e in encs])
    GPU_DATA.mkdir(exist_ok=True)
    np.savez_compressed(GPU_DATA / "body.npz", **arrays)
    print(f"bodies of {len(y)} pairs, val {len(arrays['val_y'])}; wrote {GPU_DATA / 'body.npz'}")


def prepare() -> None:
    X, y, texts, groups = related_training_pairs()
    fold = np.zeros(len(y), dtype=np.int64)
    for k, (_, te) in enumerate(GroupKFold(n_splits=5).split(X, y, groups)):
        fold[te] = k
    tok = load_pair_tokenizer(MINILM / "tokenizer.json")
    pairs = list(zip(texts["headline"], texts["evidence"], strict=True))
    aug = [(i, neg, e) for i, ((h, e), label) in enumerate(zip(pairs, y, strict=True))
           if label == 0 and (neg := negated(h))]
    data = common.featurize_all()
    sides = {
        "pool": pairs,
        "aug": [(h, e) for _, h, e in aug],
        **{s: list(zip(data[s]["head"], data[s]["evidence"], strict=True))  # type: ignore[call-overload]
           for s in ("val", "calib")},
    }
    arrays: dict[str, np.ndarray] = {
        "pool_y": y.astype(np.int64),
        "pool_fold": fold,
        "aug_src": np.array([i for i, _, _ in aug], dtype=np.int64),
        "val_y": np.asarray(data["val"]["y"], dtype=np.int64),
        "calib_y": np.asarray(data["calib"]["y"], dtype=np.int64),
    }
    for side, rows in sides.items():
        ids, types = encode_pairs(tok, rows)
        arrays[f"{side}_ids_flat"], arrays[f"{side}_ids_off"] = flat(ids)
        arrays[f"{side}_types_flat"], arrays[f"{side}_types_off"] = flat(types)
    GPU_DATA.mkdir(exist_ok=True)
    np.savez_compressed(GPU_DATA / "pairs.npz", **arrays)
    (GPU_DATA / "minilm").mkdir(exist_ok=True)
    shutil.copy(MINILM / "config.json", GPU_DATA / "minilm" / "config.json")
    weights = {k: v.half() if v.is_floating_point() else v
               for k, v in load_file(MINILM / "model.safetensors").items()}
    save_file(weights, GPU_DATA / "minilm" / "model.safetensors")
    print(f"pool {len(y)} pairs (folds {np.bincount(fold).tolist()}), {len(aug)} augmentation "
          f"pairs, val {len(arrays['val_y'])}, calib {len(arrays['calib_y'])}; wrote {GPU_DATA}")


def finish(src: Path) -> None:
    results = json.loads((src / "results.json").read_text())
    chunks = sorted(src.glob("weights.pt.*"), key=lambda p: int(p.suffix[1:]))
    state = torch.load(io.BytesIO(b"".join(p.read_bytes() for p in chunks)))
    model = AutoModelForSequenceClassification.from_pretrained(str(MINILM), num_labels=3)
    model.load_state_dict({k: v.float() if v.is_floating_point() else v
                           for k, v in state.items()})
    export_classifier(model.eval(), MINILM / "tokenizer.json", common.ART)
    ce = CrossEncoder(common.ART / "cross_encoder.onnx", common.ART / "tokenizer.json")
    data = common.featurize_all()
    out = {k: ce.logits(list(zip(data[k]["head"], data[k]["evidence"], strict=True)))  # type: ignore[call-overload]
           for k in ("calib", "val")}
    np.savez_compressed(common.OUT / "ce_logits.npz", **out)
    logits = np.load(src / "logits.npz")
    chosen = results["final"]["chosen"]
    np.savez_compressed(common.OUT / "ce_oof.npz", oof=logits[f"oof_{chosen}"])
    for side in ("calib", "val"):
        same = float((logits[f"final_{side}"].argmax(1) == out[side].argmax(1)).mean())
        print(f"{side}: int8 ONNX and the trained model agree on {same:.3f} of labels")
    print(f"setting {results['final']['setting']}; wrote {common.ART / 'cross_encoder.onnx'}, "
          f"{common.OUT / 'ce_logits.npz'}, {common.OUT / 'ce_oof.npz'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    prep = sub.add_parser("prepare")
    prep.add_argument("--body", action="store_true",
                      help="the bodies' first 256 tokens alone (.gpu/body.npz)")
    f = sub.add_parser("finish")
    f.add_argument("src", type=Path)
    args = ap.parse_args()
    if args.cmd == "prepare":
        prepare_body() if args.body else prepare()
    else:
        finish(args.src)


if __name__ == "__main__":
    main()
