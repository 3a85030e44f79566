"""Sentence embedder: all-MiniLM-L6-v2 as int8 ONNX, L2-normalised mean-pooled vectors."""

from bot.judgment.embedder.model import (
    SHIPPED_DIR,
    EmbedderError,
    SentenceEmbedder,
    load_embedder,
)

__all__ = ["SHIPPED_DIR", "EmbedderError", "SentenceEmbedder", "load_embedder"]
