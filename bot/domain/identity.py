"""Deterministic identities derived from content.

Ids are hashes of what makes a thing itself (a story's document text, a claim's proposition,
one document's bearing on one claim), so replaying the same documents finds the same rows and
adds nothing, and an update's id doubles as its exactly-once key.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalize_text(text).lower().encode("utf-8")).hexdigest()


def make_id(prefix: str, *parts: str, length: int = 8) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:length]}"


def story_id(workspace: str, name: str) -> str:
    return make_id("s", workspace, name.casefold(), length=12)


def document_id(story_id: str, text_hash: str) -> str:
    return make_id("d", story_id, text_hash, length=12)


def claim_id(story_id: str, text: str) -> str:
    return make_id("c", story_id, normalize_text(text).casefold(), length=9)


def evidence_id(claim_id: str, document_id: str) -> str:
    return make_id("e", claim_id, document_id, length=12)


def update_id(claim_id: str, document_id: str, kind: str) -> str:
    return make_id("u", claim_id, document_id, kind, length=12)
