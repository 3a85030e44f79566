"""The embedder gives a text the same vector whatever else it is read with."""

from __future__ import annotations

import numpy as np

from bot.judgment.embedder import SentenceEmbedder, load_embedder

SENTENCES = [
    "Russia and Ukraine completed the exchange of 1,000 prisoners of war each on Sunday.",
    "A senior Ukrainian official said the exchange was still under way.",
    "The venue of the next round of talks will be announced later, the Kremlin said.",
    "Both governments confirmed that the swap was complete.",
]
OTHERS = [
    "An unrelated and much longer sentence about the weather in a coastal town, with rain "
    "expected through the weekend and strong winds along the harbour front on Saturday night.",
    "Short one.",
]


def test_a_sentences_vector_does_not_depend_on_the_others_in_the_call() -> None:
    fresh = load_embedder()  # its own cache: nothing below is a cache hit by accident
    alone = np.stack([fresh.encode([s])[0] for s in SENTENCES])
    other = load_embedder()
    together = other.encode(OTHERS + SENTENCES)[len(OTHERS):]
    assert np.array_equal(alone, together)


def test_the_cache_gives_back_the_same_vectors(embedder: SentenceEmbedder) -> None:
    first = embedder.encode(SENTENCES)
    again = embedder.encode(list(reversed(SENTENCES)))[::-1]
    assert np.array_equal(first, again)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)


def test_sentences_embedded_side_by_side_get_the_vectors_they_get_one_by_one() -> None:
    """Several worker threads share one session, longest sentence first: every vector must
    still land in its own row, identical to embedding it alone on one thread."""
    texts = OTHERS + SENTENCES + [s.upper() for s in SENTENCES]
    one = load_embedder(threads=1)
    assert one.workers == 1
    alone = np.stack([one.encode([t])[0] for t in texts])
    side = load_embedder(threads=3)
    assert side.workers == 3
    assert np.array_equal(side.encode(texts), alone)
