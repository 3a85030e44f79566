"""The measured judgment: the rule judge's reading of a document (claims, attribution, progress
cues) with the trained stance model deciding which known claims a document bears on and whether
it disagrees with them.

Division of labour. The model (trained on FNC-1, see ``training/``) answers "related?" and
"agree / disagree / discuss?" for each (claim, document) pair and points at its evidence
sentence. The cue words answer what the model was never trained for: how far along a thing is
(under way, not complete, complete, called off) and who says so. A disagreement from the model
is a contradiction; an explicit progress cue on a related sentence decides between supporting,
resolving and contradicting; otherwise the document discusses the claim. Claims first made in
this same document are weighed by the cue words alone (the model would see the claim's own
sentence in the body). Every quote stays a verbatim span of the document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.domain.model import Claim, Document, Story
from bot.domain.vocab import Progress, Stance
from bot.judgment.cues import DENIED, unnegated
from bot.judgment.reading import Reading
from bot.judgment.rules import (
    STANCE_RANK,
    RuleJudge,
    Target,
    calls_off_claim,
    cue_stance,
    denial_of_negative,
    denies,
    link_score,
)
from bot.judgment.stance.model import StanceModel, StancePrediction
from bot.judgment.text import WordWeights
from bot.ports import Bearing, Judgment

_DECISIVE = (Stance.RESOLVES, Stance.CONTRADICTS)


class ModelJudge(RuleJudge):
    """Implements :class:`bot.ports.Judge` with the stance model for known claims."""

    def __init__(self, model: StanceModel | None = None) -> None:
        self.model = model or StanceModel.load()
        self._texts: dict[str, str] = {}

    def judge(self, document: Document, story: Story, claims: Sequence[Claim]) -> Judgment:
        self._texts = {c.id: c.text for c in claims}
        return super().judge(document, story, claims)

    def bearings(
        self,
        targets: list[Target],
        readings: list[Reading],
        weights: WordWeights,
        document: Document,
        claims_made: set[int | None],
    ) -> list[Bearing]:
        drafts = [t for t in targets if t.claim_id is None]
        known = [t for t in targets if t.claim_id is not None]
        out = super().bearings(drafts, readings, weights, document, claims_made)
        if not known:
            return out
        preds = self.model.predict([(self._texts[t.claim_id or ""], document.text) for t in known])
        by_cues = {
            b.claim_id: b for b in super().bearings(known, readings, weights, document, claims_made)
        }
        for t, pred in zip(known, preds, strict=True):
            bearing = _bearing(t, pred, readings, document, claims_made, weights)
            if bearing is None:  # the model's "unrelated" outranks word overlap
                continue
            cued = by_cues.get(t.claim_id)
            if cued is not None and _outranks(cued, bearing):
                bearing = cued  # a stronger sentence elsewhere in the document
            out.append(bearing)
        return out


def _bearing(
    t: Target,
    pred: StancePrediction,
    readings: list[Reading],
    document: Document,
    claims_made: set[int | None],
    weights: WordWeights,
) -> Bearing | None:
    if pred.label == "unrelated" or not pred.evidence:
        return None
    reading = _reading_of(pred.evidence, readings, document.text)
    stance, progress = cue_stance(t, reading) if reading else (Stance.DISCUSSES, Progress.NONE)
    if stance is Stance.RESOLVES and reading is not None and reading.sentence.index in claims_made:
        stance, progress = Stance.DISCUSSES, Progress.NONE  # a claim of completion confirms nothing
    # what the sentence settles is about this claim: in a longer document it must link to the
    # claim by its own words (the model's evidence is only its most similar sentence, and "in
    # response to the fake article" denies no claim of the story); a headline ("Willie Nelson
    # Dead? Viral Hoax Fools Internet") the model judged whole
    about = reading is not None and (_headline(readings) or link_score(t, reading, weights) > 0)
    if stance in _DECISIVE and not about:
        stance, progress = Stance.DISCUSSES, Progress.NONE
    if (
        pred.label == "disagree"
        and stance is not Stance.RESOLVES
        and about
        and _refutes(t, reading)
    ):
        stance = Stance.CONTRADICTS
    elif stance not in _DECISIVE:
        agrees = pred.label == "agree" and not (reading and reading.question)
        stance = Stance.SUPPORTS if agrees else Stance.DISCUSSES  # a question only asks
    quote = reading.sentence.text if reading else pred.evidence
    speaker = (reading.speaker if reading else None) or document.source or "the report"
    corroborated = bool(reading and reading.corroborated)
    return Bearing(stance, quote, speaker, t.claim_id, None, progress, corroborated)


def _headline(readings: list[Reading]) -> bool:
    """The document is headline-short: one paragraph of at most two sentences."""
    return len(readings) <= 2 and len({r.sentence.paragraph for r in readings}) == 1


def _outranks(a: Bearing, b: Bearing) -> bool:
    """Contradiction over resolution over support over discussion; then a report by the
    parties concerned over one that is not; then a sentence that says how far along the thing
    is ("began a swap") over one that does not (the model's most similar sentence may say
    nothing of it)."""
    return _rank(a) > _rank(b)


def _rank(b: Bearing) -> tuple[int, bool, bool]:
    return STANCE_RANK[b.stance], b.corroborated, b.progress is not Progress.NONE


# the cue words' denials, and "contrary to" ("contrary to reports, …"); a bare "rejected" or
# "dismissed" ("rejected an offer", "dismissed the coach") refutes nothing
_NEGATION = re.compile(rf"{DENIED.pattern}|\bcontrary to\b", re.I)


def _refutes(t: Target, reading: Reading | None) -> bool:
    """The model's disagreement counts only where the sentence itself negates or refutes:
    FNC-1's "disagree" transfers poorly to unseen stories without such a cue. A denial of
    something else said about the same thing ("denied that any prisoners had been mistreated
    during the swap") does not refute the claim; nor does a denial refute a claim that
    something did not happen."""
    if reading is None or reading.question:
        return False
    if t.negated:
        # the claim itself says something did not happen: a denial may agree with it
        return denial_of_negative(t, reading) is Stance.CONTRADICTS
    if reading.progress is Progress.CALLED_OFF:
        return calls_off_claim(t, reading)
    if reading.progress is Progress.NOT_COMPLETE:
        return True
    if not denies(t, reading):
        return False
    if reading.progress is Progress.DENIED:
        return True
    return unnegated(_NEGATION, reading.sentence.text)  # "insists it was NOT a hoax" does not


def _reading_of(evidence: str, readings: list[Reading], text: str) -> Reading | None:
    """The sentence (as the rule reader split it) where the model's evidence starts."""
    start = text.find(evidence)
    if start < 0:
        return None
    for r in readings:
        if r.sentence.start <= start < r.sentence.end or start <= r.sentence.start < start + len(
            evidence
        ):
            return r
    return None
