"""Where the embedder comes from: shipped, a local directory, or the hub (offline here)."""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

import pytest

from bot.judgment.embedder import SHIPPED_DIR
from runtime.config import ConfigError
from runtime.models import index_subdir, is_shipped, open_embedder

REPO = "sentence-transformers/all-MiniLM-L6-v2"


@pytest.fixture
def hub_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty Hugging Face cache, with the hub switched off (nothing leaves this machine)."""
    cache = tmp_path / "hub"
    cache.mkdir()
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    # huggingface_hub reads its settings when it is imported; make it read these
    for name in [m for m in sys.modules if m.startswith("huggingface_hub")]:
        monkeypatch.delitem(sys.modules, name)
    return cache


def _cache_model(cache: Path, repo: str) -> Path:
    """Lay the shipped files out as huggingface_hub caches a download of ``repo``."""
    root = cache / ("models--" + repo.replace("/", "--"))
    commit = "0" * 40
    (root / "refs").mkdir(parents=True)
    (root / "refs" / "main").write_text(commit)
    snap = root / "snapshots" / commit
    (snap / "onnx").mkdir(parents=True)
    shutil.copy(SHIPPED_DIR / "model.onnx", snap / "onnx" / "model.onnx")
    shutil.copy(SHIPPED_DIR / "tokenizer.json", snap / "tokenizer.json")
    return snap


def test_default_is_the_shipped_model() -> None:
    assert is_shipped(open_embedder("", threads=1))


def test_a_local_directory_is_used_as_it_is(tmp_path: Path) -> None:
    shutil.copytree(SHIPPED_DIR, tmp_path / "mine")
    embedder = open_embedder(str(tmp_path / "mine"), threads=1)
    assert embedder.model_dir == tmp_path / "mine"
    assert not is_shipped(embedder)


def test_a_hub_model_in_the_local_cache_is_loaded_offline(hub_cache: Path) -> None:
    snap = _cache_model(hub_cache, REPO)
    embedder = open_embedder(REPO, threads=1)
    assert embedder.model_dir.resolve() == snap.resolve()
    assert embedder.encode(["a prisoner swap"]).shape == (1, embedder.dim)


def test_an_unreachable_hub_model_falls_back_to_the_shipped_one(
    hub_cache: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="runtime.models"):
        embedder = open_embedder("someone/not-cached-here", threads=1)
    assert is_shipped(embedder)
    assert "someone/not-cached-here is not available" in caplog.text


def test_a_name_that_is_neither_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="neither a local directory nor a hub model name"):
        open_embedder("no such thing", threads=1)


def test_each_named_model_gets_its_own_index_directory() -> None:
    assert index_subdir(REPO) == "embedder-sentence-transformers_all-MiniLM-L6-v2"
    assert index_subdir(REPO) != index_subdir("other/model")
