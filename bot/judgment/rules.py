"""The first judgment: honest, rule-based, explainable.

It reads a document once (:mod:`bot.judgment.reading`), proposes new claims, folds restatements
of known claims into evidence instead of duplicates, links every sentence to the claims whose
weighted content words it shares, and decides each sentence's stance from cue words: progress
(under way, complete, not complete, called off, denied) read against what the claim asserts.
One document gives each claim at most one bearing: the strongest, quoted verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.domain.model import Claim, Document, Story
from bot.domain.vocab import Modality, Progress, Stance
from bot.judgment.cues import (
    Negation,
    called_false,
    called_off_words,
    calls_off,
    completed_at,
    confirms_negative,
    denied_clauses,
    denied_head,
    denied_verbs,
    negates,
    negations,
    progress,
    share_before,
)
from bot.judgment.events import (
    Change,
    Predicate,
    about_it,
    amounts,
    change,
    dated,
    did_at,
    main_words,
    not_yet,
    opposed_at,
    opposites,
    paused,
    predicate,
    rest_to_come,
    says_any,
    undone,
)
from bot.judgment.reading import Proposal, Reading, proposals, read, reports_own
from bot.judgment.text import WordWeights, content_words
from bot.ports import Bearing, ClaimDraft, Judgment

LINK = 0.25  # weighted share of a claim's words a sentence must have to bear on it
SAME_CLAIM = 0.5  # a proposal this close to a known claim restates it
MIN_SHARED = 2  # content words a sentence must share with a claim: one rare word is no link
MAX_NEW_CLAIMS = 6
_COMPLETION_CLAIMS = (Modality.COMPLETED, Modality.CONFIRMED, Modality.CLAIMS, Modality.SAYS)
# what a sentence puts forward as still to come: confirming it confirms no completion
_FORWARD = (
    Modality.AGREED, Modality.WILL, Modality.PLANS, Modality.EXPECTED, Modality.POSSIBLE,
    Modality.NOT_YET,
)
# what a sentence says is to happen at some time: putting it off is news of it
_TO_HAPPEN = (Modality.AGREED, Modality.WILL, Modality.PLANS, Modality.EXPECTED)
# a negated one of these says the thing has not happened at all ("never took place")
_HAPPENED = frozenset(
    content_words("begun began begin start started take took taken happen happened occur "
                  "occurred go went gone")
)
STANCE_RANK = {Stance.CONTRADICTS: 3, Stance.RESOLVES: 2, Stance.SUPPORTS: 1, Stance.DISCUSSES: 0}


@dataclass(frozen=True)
class Target:
    words: set[str]
    modality: Modality
    attributed_to: str
    origin: int | None  # the sentence that proposed it, in this document
    claim_id: str | None = None
    draft_index: int | None = None
    negative: bool = False  # the claim itself says something did not or will not happen
    called_off: bool = False  # the claim itself says something was called off
    predicate: Predicate | None = None  # what a claim of something to come says will happen
    amounts: frozenset[str] = frozenset()  # the numbers it gives ("1,000 prisoners")
    change: Change | None = None  # an ending or a departure (``events.change``)
    main: frozenset[str] = frozenset()  # its main clause's words (``events.main_words``)
    dated: bool = False  # it says when the thing will happen (``events.dated``)
    negated: frozenset[str] = frozenset()  # what the claim says did not or will not happen
    undo: frozenset[str] = frozenset()  # verbs whose news undoes it (``events.opposites``)


@dataclass(frozen=True)
class _Candidate:
    stance: Stance
    progress: Progress
    reading: Reading
    score: float


class RuleJudge:
    """Implements :class:`bot.ports.Judge` with cue words and weighted word overlap."""

    def judge(self, document: Document, story: Story, claims: Sequence[Claim]) -> Judgment:
        readings = read(document)
        weights = WordWeights([r.sentence.text for r in readings] + [c.text for c in claims])
        live = [c for c in claims if not c.state.closed]
        targets = [_target(c.text, c.modality, c.attributed_to, claim_id=c.id) for c in live]
        drafts: list[ClaimDraft] = []
        for p in _ranked(proposals(readings), story)[: MAX_NEW_CLAIMS * 2]:
            words = content_words(p.text)
            if _restates(words, p.modality, targets, weights) or len(drafts) >= MAX_NEW_CLAIMS:
                continue
            if p.lead and _bears_on_known(readings, targets, weights):
                continue  # a short report about a claim we track is evidence, not a new claim
            speaker = p.speaker or p.reading.speaker or _nearby_speaker(p.reading, readings,
                                                                         document)
            drafts.append(ClaimDraft(p.text, speaker, p.modality, p.reading.sentence.text))
            targets.append(
                _target(p.text, p.modality, speaker, origin=p.reading.sentence.index,
                        draft_index=len(drafts) - 1)
            )
        claims_made = {t.origin for t in targets if t.modality in _COMPLETION_CLAIMS}
        return Judgment(drafts, self.bearings(targets, readings, weights, document, claims_made))

    def bearings(
        self,
        targets: list[Target],
        readings: list[Reading],
        weights: WordWeights,
        document: Document,
        claims_made: set[int | None],
    ) -> list[Bearing]:
        """Each target's strongest bearing in this document, from cue words."""
        return [b for t in targets if (b := _bearing(t, readings, weights, document, claims_made))]


@dataclass(frozen=True)
class _ClaimText:
    """What the cue reading makes of a claim's text, once per text (every open claim is
    weighed against every new document)."""

    words: frozenset[str]
    negative: bool
    called_off: bool
    predicate: Predicate | None
    amounts: frozenset[str]
    change: Change | None
    main: frozenset[str]
    dated: bool
    negated: frozenset[str]
    undo: frozenset[str]


@lru_cache(maxsize=4096)
def _claim_text(text: str) -> _ClaimText:
    pred = predicate(text)
    return _ClaimText(frozenset(content_words(text)), negates(text), calls_off(text),
                      pred, amounts(text), change(text), main_words(text),
                      dated(text), _negated(text), opposites(text, pred))


# "It did not name the hostage, but said the operation took place …": the news is what it said
_BUT_SAID = re.compile(
    r",\s+but\s+(?:also\s+)?(?:said|says|added|confirmed|reported|announced|stated|told)\b", re.I
)


def _negated(claim: str) -> frozenset[str]:
    """What a claim says did not or will not happen, in its own news: after "…, but said"
    ("It did not name the hostage, but said the operation took place" says something
    happened; "he probably isn't dead, but no one is saying" does not)."""
    buts = list(_BUT_SAID.finditer(claim))
    news = claim[buts[-1].end() :] if buts else claim
    # a claim that reports a denial ("Durex squashed rumours that a pumpkin spice condom
    # exists") says that the denied thing did not happen
    denied = (_denied_words(c) for c in denied_clauses(news) or ())
    said = (n.word | n.object if n.word & _BELIEFS else n.word for n in negations(news))
    # "the spice rumour is not right" says the spice rumour is not so
    named = called_false(news) or frozenset()
    return frozenset().union(*said, *denied, named)


# "he didn't think Boko Haram had agreed to a truce" says the truce was not agreed
_BELIEFS = frozenset(content_words("think thinks thought believe believes believed suppose"))


def _denied_words(clause: str) -> set[str]:
    """What a denied clause says did not happen: its verbs, else the thing it names first."""
    return denied_verbs(clause) or denied_head(clause)


def denial_of_negative(t: Target, r: Reading) -> Stance:
    """A denial against a claim that says something did not happen. It agrees where it denies
    the same thing ("Shekau denied having agreed to a ceasefire" against "the government would
    never agree to negotiations"); it contradicts where it denies what the claim says did
    happen ("denied having agreed to a ceasefire" against "both sides agreed there will be no
    more attacks"); a bare "it's a hoax" could be calling either side false."""
    if any(n.word & t.negated for n in r.negated):
        return Stance.SUPPORTS
    denied = set().union(*(_denied_words(c) for c in r.denied or ()))
    if denied & t.negated:
        return Stance.SUPPORTS
    return Stance.CONTRADICTS if denied & (t.words - t.negated) else Stance.DISCUSSES


def _target(
    text: str,
    modality: Modality,
    attributed_to: str,
    origin: int | None = None,
    claim_id: str | None = None,
    draft_index: int | None = None,
) -> Target:
    about = _claim_text(text)
    return Target(
        set(about.words), modality, attributed_to, origin, claim_id, draft_index,
        negative=about.negative, called_off=about.called_off,
        predicate=about.predicate if modality in _FORWARD else None, amounts=about.amounts,
        change=about.change, main=about.main, dated=about.dated, negated=about.negated,
        undo=about.undo if modality in _FORWARD else frozenset(),
    )


def text_target(text: str, document: Document) -> Target:
    """A claim known only by its words (a headline handed to the stance model), read from
    ``document``, which holds just those words: its modality is what the reading makes of its
    first proposal ("will reopen" is still to come), else a plain claim."""
    found = proposals(read(document))
    modality = found[0].modality if found else Modality.CLAIMS
    return _target(text, modality, document.source, claim_id=document.id)


def bearing(t: Target, readings: list[Reading], weights: WordWeights,
            document: Document) -> Bearing | None:
    """The claim's strongest bearing in a document read elsewhere, as :class:`RuleJudge` weighs
    it for a known claim (one the document did not itself propose)."""
    return _bearing(t, readings, weights, document, set())


def _ranked(found: list[Proposal], story: Story) -> list[Proposal]:
    """Earlier sentences, attributed ones and those naming the story's keywords come first."""
    keys = content_words(" ".join((story.name, *story.keywords)))

    def score(p: Proposal) -> float:
        s = -p.reading.sentence.index / 10
        s += 0.2 if p.reading.speaker else 0.0
        return s + 0.5 * len(keys & p.reading.words)

    return sorted(found, key=score, reverse=True)


def _restates(
    words: set[str], modality: Modality, targets: list[Target], weights: WordWeights
) -> bool:
    """A proposal restates a known claim when it says nearly the same of the same kind of
    thing: "X is done" never restates "X will happen"."""
    done = modality in _COMPLETION_CLAIMS
    return any(
        weights.similarity(words, t.words) >= SAME_CLAIM
        and (t.modality in _COMPLETION_CLAIMS) == done
        for t in targets
    )


def _bears_on_known(readings: list[Reading], targets: list[Target], weights: WordWeights) -> bool:
    return any(
        link_score(t, r, weights) for r in readings for t in targets if t.claim_id is not None
    )


def link_score(t: Target, r: Reading, weights: WordWeights) -> float:
    """How much the sentence bears on the claim, 0.0 when it does not link: enough of the
    claim's weighted words, and more than one of them."""
    if len(t.words & r.words) < min(MIN_SHARED, len(t.words)):
        return 0.0
    score = weights.similarity(t.words, r.words)
    return score if score >= LINK else 0.0


def _nearby_speaker(reading: Reading, readings: list[Reading], document: Document) -> str:
    """An unattributed claim takes the speaker of a sentence just after it in the same
    paragraph, where that sentence quotes or attributes rather than reports a statement of its
    own ("Harbor Foods' chief executive said the board backed the offer" speaks for nothing
    before it); failing that, the outlet's own voice."""
    after = readings[reading.sentence.index + 1 : reading.sentence.index + 4]
    for r in after:
        if (r.speaker and r.sentence.paragraph == reading.sentence.paragraph
                and not reports_own(r.sentence.text)):
            return r.speaker
    return document.source or "the report"


def _bearing(
    t: Target,
    readings: list[Reading],
    weights: WordWeights,
    document: Document,
    claims_made: set[int | None],
) -> Bearing | None:
    found = []
    for r in readings:
        if r.sentence.index == t.origin or r.background:
            continue
        score = link_score(t, r, weights)
        if score:
            stance, progress = cue_stance(t, r)
            if stance is Stance.RESOLVES and r.sentence.index in claims_made:
                continue  # a claim that something is done is not a confirmation of it
            found.append(_Candidate(stance, progress, r, score))
    if any(c.progress is Progress.NOT_COMPLETE for c in found):
        # one side saying "done" while another says "not yet" settles nothing
        found = [
            c for c in found if not (c.stance is Stance.RESOLVES and not c.reading.corroborated)
        ]
    if not found:
        return None
    # the strongest stance; then a sentence that says how far along the thing is ("began the
    # swap") over one that only restates it; then an attributed one; then the closest link
    best = max(
        found,
        key=lambda c: (
            STANCE_RANK[c.stance],
            c.progress is not Progress.NONE,
            c.reading.speaker is not None,
            c.score,
        ),
    )
    speaker = best.reading.speaker or document.source or "the report"
    quote, corroborated = best.reading.sentence.text, best.reading.corroborated
    if best.stance is Stance.RESOLVES and not corroborated:
        confirming = _confirming_neighbour(t, best.reading, readings, claims_made)
        if confirming is not None:
            pair = (best.reading.sentence, confirming.sentence)
            first, last = sorted(pair, key=lambda s: s.start)
            quote, corroborated = document.text[first.start : last.end], True
            speaker = confirming.speaker or speaker
    return Bearing(
        best.stance, quote, speaker, t.claim_id, t.draft_index, best.progress, corroborated
    )


def _confirming_neighbour(
    t: Target, resolving: Reading, readings: list[Reading], claims_made: set[int | None]
) -> Reading | None:
    """The sentence right before or after a report that something is done, in the same
    paragraph, in which the parties concerned report it done too ("Both governments confirmed
    that the swap was complete"). News prose names an event once and then refers back to it
    ("the swap"), so the confirmation shares too few words with the claim to link by itself;
    next to the report, in the same paragraph, it is about the same event."""
    i = resolving.sentence.index
    for r in readings[max(0, i - 1) : i + 2]:
        if (
            r is not resolving
            and r.corroborated
            and not r.background
            and r.sentence.paragraph == resolving.sentence.paragraph
            and r.sentence.index not in claims_made
            and cue_stance(t, r, next_to_report=True)[0] is Stance.RESOLVES
        ):
            return r
    return None


def cue_stance(t: Target, r: Reading, *, next_to_report: bool = False) -> tuple[Stance, Progress]:
    """How the sentence bears on the claim, from its cues. ``next_to_report``: the sentence
    sits next to one that reports the claimed thing done, so what it says is done is that
    thing, however it refers back to it ("the handover was complete")."""
    if r.question:  # "Was the audio a hoax?" asks; it neither denies nor confirms
        return Stance.DISCUSSES, Progress.NONE
    stance, p = _cue_stance(t, r, next_to_report)
    agrees = bool(t.negated) and any(n.of(t.words) for n in r.negated)
    if agrees and not r.hedged and confirms_negative(r.sentence.text):
        # "port officials confirmed the ferry did not sail" for "the ferry did not sail"
        return Stance.RESOLVES, Progress.NONE
    if stance is Stance.RESOLVES and t.negated and not agrees:
        # "the hijackers will not release the crew" against "the hijackers released the crew":
        # a report that the thing the claim says did not happen happened denies the claim; a
        # confirmation of something else resolves nothing ("the deaths of three aides were
        # confirmed" against "the leader probably isn't dead")
        if t.negated & r.words:
            return Stance.CONTRADICTS, (Progress.NONE if r.hedged else Progress.DENIED)
        return Stance.DISCUSSES, Progress.NONE
    if stance is Stance.CONTRADICTS and p is Progress.DENIED and t.negated:
        # a denial against a claim that something did not happen may agree with it
        stance = denial_of_negative(t, r)
        if stance is not Stance.CONTRADICTS:
            return stance, Progress.NONE
    if r.hedged and p in (Progress.COMPLETE, Progress.DENIED, Progress.CALLED_OFF):
        # "probably didn't", "reportedly completed": it disputes or supports, and settles nothing
        return (Stance.CONTRADICTS if stance is Stance.CONTRADICTS else Stance.SUPPORTS,
                Progress.NONE)
    return stance, p


# verbs whose news is less of something: "will reduce arrests" is not denied by "will no
# longer arrest people"
_LESSENING = frozenset(
    ["reduce", "cut", "curb", "limit", "end", "stop", "halt", "ban", "prevent", "restrict",
     "lower", "decrease", "eliminate", "abolish", "scrap", "suspend", "cease", "phase"]
)


def _negates(t: Target, n: Negation) -> bool:
    """The negation says that what the claim says did not happen. For a claim of less of
    something, a negation of the thing lessened agrees ("will no longer arrest people" with
    "will reduce arrests"); one of the lessening ("will not reduce arrests"), or of anything
    else of the claim ("no deal had been agreed" against "an agreement to end hostilities had
    been reached"), still denies it."""
    if not n.of(t.words):
        return False
    if t.predicate is not None and t.predicate.verb in _LESSENING:
        return bool(n.word & content_words(t.predicate.verb)) or not n.word & t.predicate.theme
    return True


def denies(t: Target, r: Reading) -> bool:
    """The sentence's denial is a denial of the claim, not of something else said about the
    same thing: "denied the swap had been completed" denies "the swap was completed";
    "denied that any prisoners had been mistreated during the swap" and "denied any
    wrongdoing" do not. A denial that only points back ("denied it", "rejected the reports")
    denies what the sentence is linked to; so does a bare "it was a hoax", but "the video of
    a tanker hitting the pier is a hoax" calls only that false."""
    if r.denied is None:
        named = called_false(r.sentence.text)
        return named is None or bool(named & t.words)
    return any(_denies_claim(t, clause) for clause in r.denied)


def calls_off_claim(t: Target, r: Reading) -> bool:
    """What the sentence calls off is the claim's: its clause names something of the claim
    ("the concert was cancelled" for "the band will play the concert"), or nothing at all
    ("it was called off")."""
    what = called_off_words(r.sentence.text)
    return not what or bool(what & t.words)


def _denies_claim(t: Target, clause: str) -> bool:
    words = content_words(clause)
    if not words:
        return True
    if t.modality in _COMPLETION_CLAIMS and progress(clause) is Progress.COMPLETE:
        return True  # "denied that the exchange took place"
    # "that any crew had been mistreated": the verb is what is denied; else the thing named
    # first: "no evidence of sabotage during the handover" denies sabotage
    return bool((_denied_words(clause) or words) & t.words)


def _cue_stance(t: Target, r: Reading, next_to_report: bool = False) -> tuple[Stance, Progress]:
    p = r.progress
    # "preparations for the swap were completed": done, but not the swap
    elsewhere = bool(r.progress_of) and not r.progress_of & t.words
    if elsewhere and p in (Progress.COMPLETE, Progress.UNDER_WAY):
        p = Progress.NONE
    if p is Progress.DENIED and not denies(t, r):
        p = Progress.NONE  # it denies something else said about the same thing
    if p is Progress.DENIED and t.undo and any(says_any(c, t.undo) for c in r.denied or ()):
        # "denied it would close the plant" against "will keep the plant open": it agrees
        return Stance.SUPPORTS, Progress.NONE
    if p is Progress.CALLED_OFF and not calls_off_claim(t, r):
        p = Progress.NONE  # "talks with DiCaprio fell through" calls off no role of Rogen's
    if p is Progress.CALLED_OFF and t.called_off:
        # "organisers called off the concert" against "the concert was cancelled": it agrees
        return Stance.SUPPORTS, Progress.NONE
    if (
        p is Progress.NONE
        and (any(_negates(t, n) for n in r.negated) or r.faked & t.words)
        and not t.negative
        and not (t.modality in _FORWARD and not_yet(r.sentence.text))
    ):
        # "No, X hasn't been arrested", "a false X arrest", "police confirmed X was not
        # arrested" against "X was arrested": what is confirmed is that it did not happen;
        # "has not been announced yet" against "will be announced" is still to come
        p = Progress.DENIED
    if t.modality in _COMPLETION_CLAIMS:
        if p is Progress.NONE and t.change:
            # "the rail strike continues" against "the rail strike ended"; "Berg remains in
            # his post" against "Berg resigned"
            p = undone(r.sentence.text, t.change, t.words)
        if p is Progress.NONE and rest_to_come(r.sentence.text, t.words):
            p = Progress.NOT_COMPLETE  # "the remaining prisoners are due to be exchanged"
        if p is Progress.NONE and not t.negative and any(
            n.word & _HAPPENED and (not n.object or n.object & t.words) for n in r.negated
        ):
            p = Progress.DENIED  # "it never took place", "it hasn't begun", "has yet to start"
        if p is Progress.NONE and paused(r.sentence.text, t.words):
            p = Progress.NOT_COMPLETE  # "the handover was halted", "has been delayed"
        if p in (Progress.NOT_COMPLETE, Progress.DENIED, Progress.CALLED_OFF):
            return Stance.CONTRADICTS, p
        if p is Progress.COMPLETE:
            return Stance.RESOLVES, p
        if p is Progress.NONE and r.confirms and r.modality not in _FORWARD and not elsewhere:
            # "X confirmed it": a report that it happened; "X confirmed the two sides had
            # agreed to a swap" confirms an agreement, not that the swap is done
            return Stance.RESOLVES, Progress.COMPLETE
        return Stance.DISCUSSES, Progress.NONE
    about = t.main or t.words  # the claim's own news, less its circumstances
    if p is Progress.COMPLETE and t.modality in _FORWARD and not next_to_report:
        # "they have agreed to release the girls": "six months since the kidnapping took place"
        # completes the kidnapping, not the release; nor does "a ceasefire agreement was
        # concluded" complete "the girls will be released after a ceasefire was agreed"
        done = completed_at(r.sentence.text)
        if done is not None and not about_it(r.sentence.text, done, about):
            p = Progress.NONE
    if p is Progress.NONE and t.modality in _TO_HAPPEN and paused(r.sentence.text, about):
        # "the Geneva meeting was postponed until next month": still to come, later than said;
        # it contradicts a claim that says when ("will meet on Monday"), not one that does not
        return (Stance.CONTRADICTS if t.dated else Stance.SUPPORTS), Progress.DELAYED
    at = did_at(r.sentence.text, t.predicate) if p is Progress.NONE and t.predicate else None
    if at is not None:
        # "the venue was announced" for "the venue will be announced"; another amount
        # ("exchanged 390 prisoners" for "agreed to exchange 1,000") or a share ("twelve of
        # the 40 hostages were released") is a part of it
        given = amounts(r.sentence.text)
        part = (bool(t.amounts and given) and not t.amounts & given) or share_before(
            r.sentence.text[:at])
        p = Progress.UNDER_WAY if part else Progress.COMPLETE
    if p is Progress.COMPLETE:
        return Stance.RESOLVES, p
    if p in (Progress.UNDER_WAY, Progress.NOT_COMPLETE):
        return Stance.SUPPORTS, p
    if p is Progress.CALLED_OFF or (p is Progress.DENIED and t.modality is not Modality.POSSIBLE):
        return Stance.CONTRADICTS, p
    if (p is Progress.NONE and t.predicate and not r.hedged
            and opposed_at(r.sentence.text, t.undo, t.predicate.theme)):
        # "plans to close the Gdansk plant" against "will keep the Gdansk plant open"
        return Stance.CONTRADICTS, Progress.NONE
    return (
        Stance.SUPPORTS if t.modality is not Modality.POSSIBLE and r.modality else Stance.DISCUSSES
    ), Progress.NONE
