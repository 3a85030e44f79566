#!/usr/bin/env bash
# Needs the training extra: scripts/bootstrap dev train
# Regenerate the split, every stance artefact and the validation figures, in order.
# Seeds: split 1337, calib 2024, LightGBM 11, cross-encoder 7 (see each script); the body model
# and the CV folds are deterministic.
set -euo pipefail
cd "$(dirname "$0")/.."
export ORT_DISABLE_TELEMETRY=1 HF_HUB_OFFLINE=1
python training/split.py                 # training/out/split/{train,val}_{stances,bodies}.csv
python training/export_onnx.py           # bot/judgment/embedder/artifacts/{model.onnx,tokenizer.json}
python training/common.py                # features cache + artifacts/idf.json
python training/train_body.py            # artifacts/body_lr.json + body probabilities
python training/select_stance.py         # story-grouped CV of the stance-stage choices (prints)
python training/train_gbm.py             # artifacts/{relatedness,stance_gbm}.onnx (trees)
python training/train_crossenc.py        # artifacts/{cross_encoder.onnx,tokenizer.json} + logits
python training/train_stacker.py         # artifacts/config.json
python training/calibrate_stance.py      # stance_bias in artifacts/config.json (after the stacker)
python training/eval_cli.py eval fnc1 \
  --stances training/out/split/val_stances.csv --bodies training/out/split/val_bodies.csv \
  --predictions training/out/val_predictions.csv
python training/bench_stance.py --threads 2
