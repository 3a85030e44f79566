"""What the rules engine's cue reading makes of a (claim/headline, body) pair, as features of the
stance trees.

The headline is read as a claim known only by its words (``rules.text_target``) and every body
sentence is weighed against it as :class:`bot.judgment.rules.RuleJudge` weighs a sentence against
a known claim: whether it links by the claim's own weighted words, and what its cues say (a
denial of the claim, a report that it is done, agreement). Those readings are written by hand
for any story, so they carry to stories the trees never saw, where FNC-1's "disagree" transfers
worst. Owns the feature layout (``CUED``); both training and ``StanceModel`` call
:func:`cue_features`.

The body is read undated (no sentence is set aside as background for naming a past year),
because a pair carries no publication date.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import numpy as np

from bot.domain.model import Document
from bot.domain.vocab import Progress, Stance
from bot.judgment import rules
from bot.judgment.reading import Reading, read
from bot.judgment.text import WordWeights

CUED = (
    "bearing_contradicts",  # the rules engine's one bearing of the body on the claim (one-hot;
    "bearing_resolves",  # all four 0 where it finds none)
    "bearing_supports",
    "bearing_discusses",
    "linked_contradicts",  # sentences linked to the claim by its words that contradict it
    "unlinked_contradicts",  # sentences that contradict it without linking by its words
    "lead_contradicts",  # of the first three sentences, linked or not
    "linked_resolves",
    "unlinked_resolves",
    "linked_supports",
    "linked_denied",  # linked sentences that report it did not happen (progress "denied")
    "unlinked_denied",
    # how the body voices what it says of the claim: FNC-1's "agree" is a body that asserts
    # it, "discuss" one that reports it
    "linked",  # sentences linked to the claim
    "linked_hedged",  # "reportedly", "may have"
    "linked_attributed",  # someone else's words ("police said")
    "linked_own_voice",  # the outlet's own, unhedged statement
    "linked_questions",
    "own_voice_share",  # linked_own_voice / linked (0 with none linked)
)
N_CUED = len(CUED)
_BEARING = {Stance.CONTRADICTS: 0, Stance.RESOLVES: 1, Stance.SUPPORTS: 2, Stance.DISCUSSES: 3}
_LEAD = 3
_UNDATED = datetime(1, 1, 1, tzinfo=UTC)


def _document(text: str, source: str) -> Document:
    return Document(source, "", source, source, "", "", text, _UNDATED, "")


def _features(t: rules.Target, head: str, body: Document, readings: list[Reading]) -> np.ndarray:
    weights = WordWeights([r.sentence.text for r in readings] + [head])
    out = np.zeros(N_CUED, dtype=np.float32)
    for r in readings:
        linked = bool(rules.link_score(t, r, weights))
        if linked:
            out[12] += 1
            out[13] += r.hedged
            out[14] += r.speaker is not None
            out[15] += r.speaker is None and not r.hedged and not r.question
            out[16] += r.question
        stance, progress = rules.cue_stance(t, r)
        if stance is Stance.CONTRADICTS:
            out[4 if linked else 5] += 1
            out[6] += r.sentence.index < _LEAD
        elif stance is Stance.RESOLVES:
            out[7 if linked else 8] += 1
        elif stance is Stance.SUPPORTS and linked:
            out[9] += 1
        if progress is Progress.DENIED:
            out[10 if linked else 11] += 1
    if out[12]:
        out[17] = out[15] / out[12]
    found = rules.bearing(t, readings, weights, body)
    if found is not None:
        out[_BEARING[found.stance]] = 1
    return out


def cue_features(pairs: Sequence[tuple[str, str]]) -> np.ndarray:
    """(n_pairs, N_CUED) float32; each headline and body is read once per call."""
    targets: dict[str, rules.Target] = {}
    read_bodies: dict[str, tuple[Document, list[Reading]]] = {}
    out = np.zeros((len(pairs), N_CUED), dtype=np.float32)
    for row, (head, body) in enumerate(pairs):
        if head not in targets:
            targets[head] = rules.text_target(head, _document(head, "headline"))
        if body not in read_bodies:
            doc = _document(body, "body")
            read_bodies[body] = (doc, read(doc))
        out[row] = _features(targets[head], head, *read_bodies[body])
    return out
