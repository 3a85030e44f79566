"""Deduplication of documents: one canonical form per URL (tracking parameters, fragments and
AMP variants removed), and a MinHash signature per text, so the same wire story republished
by many outlets is recognised as a near-duplicate and kept as one document with several
sources. Standard library and numpy only."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
    "mc_cid", "mc_eid", "_ga", "_gl", "ref_src", "ref_url", "cmpid", "ocid", "smid", "soc_src",
    "soc_trk", "ito", "cid", "icid", "at_medium", "at_campaign", "__twitter_impression",
})
TRACKING_PREFIXES = ("utm_", "pk_", "hsa_", "oly_", "vero_")
AMP_PARAMS = {"amp": {"1", "true", ""}, "outputtype": {"amp"}, "output": {"amp"}}
DEFAULT_PORTS = {"http": 80, "https": 443}

SHINGLE_WORDS = 3
PERMUTATIONS = 64
MIN_SHINGLES = 12  # shorter texts (a bare headline) are too short to call near-duplicates
NEAR_DUPLICATE = 0.7  # estimated Jaccard similarity of word 3-shingles

_WORD = re.compile(r"\w+", re.UNICODE)


def canonical_url(url: str) -> str:
    """The URL without what only tracks or re-renders the same article."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("amp."):
        host = host[4:]
    netloc = host if parts.port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{parts.port}"
    path = _strip_amp_path(parts.path or "/")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _is_tracking(k) and not _is_amp(k, v)]
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


def _is_tracking(key: str) -> bool:
    k = key.lower()
    return k in TRACKING_PARAMS or k.startswith(TRACKING_PREFIXES)


def _is_amp(key: str, value: str) -> bool:
    return value.lower() in AMP_PARAMS.get(key.lower(), set())


def _strip_amp_path(path: str) -> str:
    for suffix in ("/amp/", "/amp", ".amp.html", ".amp"):
        if path.lower().endswith(suffix):
            path = path[: -len(suffix)] + (".html" if suffix == ".amp.html" else "")
            break
    if path.lower().startswith("/amp/"):
        path = path[4:]
    return path or "/"


def _shingles(text: str) -> set[str]:
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def _coefficients() -> tuple[np.ndarray, np.ndarray]:
    # fixed, derived from a constant: signatures must compare across processes and releases
    seed = hashlib.sha256(b"storywatch-minhash-v1").digest()
    rng = np.random.default_rng(int.from_bytes(seed[:8], "big"))
    a = rng.integers(1, 2**63, PERMUTATIONS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2**63, PERMUTATIONS, dtype=np.uint64)
    return a, b


_A, _B = _coefficients()


def signature(text: str) -> str:
    """The MinHash signature of a text as hex, or "" when the text is too short."""
    shingles = _shingles(text)
    if len(shingles) < MIN_SHINGLES:
        return ""
    base = np.fromiter(
        (int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big")
         for s in shingles), dtype=np.uint64, count=len(shingles))
    # multiply-shift hashing: (a*x + b) mod 2^64, high 32 bits
    hashed = (base[:, None] * _A[None, :] + _B[None, :]) >> np.uint64(32)
    return str(hashed.min(axis=0).astype(">u4").tobytes().hex())


def similarity(a: str, b: str) -> float:
    """Estimated Jaccard similarity of two signatures (0 when either is empty)."""
    if not a or not b or len(a) != len(b):
        return 0.0
    x = np.frombuffer(bytes.fromhex(a), dtype=">u4")
    y = np.frombuffer(bytes.fromhex(b), dtype=">u4")
    return float(np.mean(x == y))


def near_duplicate(sig: str, candidates: Iterable[tuple[str, str]],
                   threshold: float = NEAR_DUPLICATE) -> str | None:
    """The id of the most similar candidate at or above the threshold, if any."""
    best_id, best = None, threshold
    for doc_id, other in candidates:
        score = similarity(sig, other)
        if score >= best:
            best_id, best = doc_id, score
    return best_id
