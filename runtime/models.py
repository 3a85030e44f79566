"""Where the sentence embedder comes from: the shipped one, a local directory, or a model on
the Hugging Face hub (``[judgment] embedder = "sentence-transformers/all-MiniLM-L6-v2"``).

A hub name is fetched with ``huggingface_hub`` (the ``hub`` extra) and only its ONNX weights
and ``tokenizer.json``; with ``HF_HUB_OFFLINE=1`` it comes from the local hub cache. When the
hub, the library or the model's ONNX files are not there, the bot says so in the log and runs
on the all-MiniLM-L6-v2 that ships inside the package rather than failing to start.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from bot.judgment.embedder import SHIPPED_DIR, EmbedderError, SentenceEmbedder, load_embedder
from runtime.config import ConfigError

logger = logging.getLogger(__name__)

_HUB_ID = re.compile(r"[A-Za-z0-9][\w.-]{0,95}/[\w.-]{1,96}")
HUB_FILES = ["onnx/model.onnx", "model.onnx", "tokenizer.json"]


class HubUnavailable(RuntimeError):
    """The hub model could not be had; the message says why, without secrets."""


def fetch_from_hub(repo_id: str) -> Path:
    """The local snapshot directory of ``repo_id``'s ONNX weights and tokenizer."""
    try:
        from huggingface_hub import snapshot_download
    except ImportError as err:
        raise HubUnavailable("huggingface_hub is not installed (the 'hub' extra)") from err
    try:
        return Path(snapshot_download(repo_id, allow_patterns=HUB_FILES))
    except Exception as err:  # offline, unknown model, network or disk trouble
        raise HubUnavailable(f"{type(err).__name__} while fetching it") from err


def open_embedder(name: str = "", threads: int | None = None) -> SentenceEmbedder:
    """The configured embedder: ``""`` is the shipped one, a directory is read as it is, and a
    hub name is fetched, falling back to the shipped model when it cannot be."""
    if not name or Path(name).expanduser().is_dir():
        return load_embedder(name or None, threads)
    if not _HUB_ID.fullmatch(name):
        raise ConfigError(
            f"[judgment] embedder {name!r} is neither a local directory nor a hub model name"
        )
    try:
        return SentenceEmbedder(fetch_from_hub(name), threads=threads)
    except (HubUnavailable, EmbedderError) as err:
        logger.warning("embedder %s is not available (%s); using the shipped all-MiniLM-L6-v2",
                       name, err)
        return load_embedder(None, threads)


def is_shipped(embedder: SentenceEmbedder) -> bool:
    """Whether this is the model the stance model was trained on (and may share)."""
    return embedder.model_dir.resolve() == SHIPPED_DIR.resolve()


def index_subdir(name: str) -> str:
    """Where a non-shipped embedder's claim vectors live, beside (never mixed with) the
    shipped model's: one directory per model name."""
    return "embedder-" + re.sub(r"[^\w.-]+", "_", name).strip("_")[:120]
