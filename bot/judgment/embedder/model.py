"""The sentence embedder used for stance features and claim linking.

Owns loading an ONNX transformer plus its ``tokenizer.json`` from a directory and turning
texts into L2-normalised mean-pooled vectors, exactly as sentence-transformers does for
all-MiniLM-L6-v2.  Only numpy, onnxruntime and tokenizers are used at run time.  The shipped
artefact (int8-quantised all-MiniLM-L6-v2) lives in ``artifacts/``; ``load_embedder`` takes an
optional local directory or ``STORYWATCH_EMBEDDER`` override.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

SHIPPED_DIR = Path(__file__).resolve().parent / "artifacts"
MODEL_FILES = ("model.onnx", "model_quantized.onnx", "onnx/model.onnx")
ENV_VAR = "STORYWATCH_EMBEDDER"
CACHE_SIZE = 4096  # texts whose vectors are kept: a document read again soon costs nothing


class EmbedderError(RuntimeError):
    """The embedder directory is missing a model or tokenizer file."""


def configured_threads(threads: int | None = None) -> int | None:
    """``threads``, else ``STORYWATCH_THREADS``, else None (the library's default)."""
    env_threads = os.environ.get("STORYWATCH_THREADS")
    return threads if threads is not None else int(env_threads) if env_threads else None


def make_session(path: Path, threads: int | None = None) -> ort.InferenceSession:
    """An onnxruntime CPU session; ``threads`` defaults to ``STORYWATCH_THREADS`` or ORT's."""
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = configured_threads(threads) or 0
    opts.inter_op_num_threads = 1
    opts.enable_cpu_mem_arena = True  # reuses its blocks: lower peak RSS than malloc churn here
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])


def worker_threads(threads: int | None = None) -> int:
    """Threads for work run side by side: ``threads``, else ``STORYWATCH_THREADS``, else the
    CPUs this process may run on."""
    if n := configured_threads(threads):
        return max(1, n)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class SentenceEmbedder:
    """Embeds sentences with an ONNX BERT-style encoder and mean pooling.

    ``threads`` (else ``STORYWATCH_THREADS``, else the CPUs this process may use) is the number
    of sentences embedded side by side, each on one thread of the same session (onnxruntime's
    ``run`` is thread-safe). One sentence is too small a job to split across cores: on 2 cores
    two single-threaded runs side by side embed 1.1-1.5x as many sentences per second as one
    run on two threads (``python training/bench_embedder.py``), with identical vectors."""

    def __init__(self, model_dir: Path, max_length: int = 256, threads: int | None = None):
        model = next((model_dir / f for f in MODEL_FILES if (model_dir / f).is_file()), None)
        tok = model_dir / "tokenizer.json"
        if model is None or not tok.is_file():
            raise EmbedderError(f"{model_dir} needs model.onnx and tokenizer.json")
        self.model_dir = model_dir
        self.model_path = model
        self.tokenizer = Tokenizer.from_file(str(tok))
        self.tokenizer.enable_truncation(max_length)
        self.tokenizer.no_padding()
        self.workers = worker_threads(threads)
        self.session = make_session(model, 1)
        self._pool = ThreadPoolExecutor(self.workers) if self.workers > 1 else None
        self.input_names = {i.name for i in self.session.get_inputs()}
        self.dim = int(self.session.get_outputs()[0].shape[-1])
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return a float32 array (len(texts), dim) of unit-length embeddings.

        Each text is embedded on its own: the int8 model scales its activations per run, so in
        a batch a text's vector would depend on the other texts in it. The same text therefore
        always gets the same vector, which makes the bounded cache of recent texts exact (the
        claim index and the stance model embed the same sentences; a new claim's look-back
        reads documents again)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        with self._lock:
            todo = []
            for i, t in enumerate(texts):
                hit = self._cache.get(t)
                if hit is None:
                    todo.append(i)
                else:
                    out[i] = hit
                    self._cache.move_to_end(t)
        if not todo:
            return out
        ids = [enc.ids for enc in self.tokenizer.encode_batch([texts[i] for i in todo])]
        if self._pool is None or len(ids) == 1:
            for i, x in zip(todo, ids, strict=True):
                out[i] = self._embed(x)
        else:  # longest first, so that no worker is left with a long one at the end
            order = sorted(range(len(ids)), key=lambda k: -len(ids[k]))
            done = self._pool.map(self._embed, [ids[k] for k in order])
            for k, vec in zip(order, done, strict=True):
                out[todo[k]] = vec
        with self._lock:
            for i in todo:
                self._cache[texts[i]] = out[i].copy()
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return out

    def _embed(self, ids: list[int]) -> np.ndarray:
        """One text's mean-pooled, L2-normalised vector (a single row: no padding, no mask)."""
        input_ids = np.asarray([ids], dtype=np.int64)
        feeds = {"input_ids": input_ids, "attention_mask": np.ones_like(input_ids)}
        if "token_type_ids" in self.input_names:
            feeds["token_type_ids"] = np.zeros_like(input_ids)
        hidden = np.asarray(self.session.run(None, feeds)[0], dtype=np.float32)[0]
        pooled = hidden.sum(axis=0) / np.float32(len(ids))
        return np.asarray(pooled / max(float(np.linalg.norm(pooled)), 1e-12), dtype=np.float32)


def load_embedder(name: str | None = None, threads: int | None = None) -> SentenceEmbedder:
    """Load the embedder from ``name`` (a local ONNX model directory), else the shipped one.

    ``name`` falls back to the ``STORYWATCH_EMBEDDER`` environment variable.  A hub name is
    accepted only if it is already a local directory (this loader never downloads).
    """
    chosen = name or os.environ.get(ENV_VAR)
    if not chosen:
        return SentenceEmbedder(SHIPPED_DIR, threads=threads)
    path = Path(chosen).expanduser()
    if not path.is_dir():
        raise EmbedderError(f"embedder {chosen!r} is not a local ONNX model directory")
    return SentenceEmbedder(path, threads=threads)
