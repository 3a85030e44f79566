"""Reading a document once: each sentence with its words, speaker, modality, progress and
whether it is background (history the story does not track), plus the claims it puts forward.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from bot.domain.model import Document
from bot.domain.vocab import Modality, Progress
from bot.judgment import cues
from bot.judgment.text import Sentence, content_words, split_sentences

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_NOW_MARKERS = re.compile(r"\b(?:will|is|are|has|have|now|today|this week|currently|next)\b", re.I)
_THAT_CLAUSE = re.compile(
    r"\b(?:said|says|say|declared|announced|wrote|claimed|claims|alleged|alleges|confirmed|stated|"
    r"insisted|told)(?:\s+[\w’'-]+){0,6}?\s+that\s+[\"“]?(.+?)[\"”]?(?:,\s*(?:adding|saying)\b.*)?[.!]?$"
)
_SAID_CLAUSE = re.compile(
    r"^[A-Z][^,;:\"“]{2,80}?\s+(?:said|says|(?<!\bto )say|announced|stated|claimed|claims|"
    r"alleged|alleges|insisted|wrote|told reporters|told [A-Z][\w.]+(?: [A-Z][\w.]+)*)"
    # "said on Sunday the ferry would sail", "said late on Monday"
    r"(?:\s+(?:(?:late|early)\s+)?(?:on|last|this|earlier|later)\s+(?:[A-Z][a-z]+|week|month|"
    r"night|morning|evening|year)(?:\s+(?:night|morning|afternoon|evening))?)?\s+(?!that\b)"
    r"((?:the|a|an|it|he|she|they|his|her|their|its|[A-Z][\w’'-]*|\d[\d,.]*|"
    # "said talks on … would begin"; not "said in a statement", "said on Monday"
    r"(?!(?:in|on|at|to|for|with|by|from|after|before|during|this|last|late|early|earlier|"
    r"later|yesterday|today|tomorrow|recently|previously|again|also|however|then|there|"
    r"so|now)\b)[a-z][\w’'-]*)\b.+?)[.!]?$"
)
_TRAILING_ATTRIBUTION = re.compile(
    r",\s*(?:(?:he|she|they|it|(?:a|an|the|[A-Z][\w.’'-]*)(?:\s+[\w.’'-]+){0,5}?|"
    # ", union leaders said"; not ", which he said"
    r"(?!(?:which|who|that|as|and|but|so|he|she|they|it|we|i)\b)[a-z][\w’'-]*"
    r"(?:\s+[\w.’'-]+){0,3}?)\s+"
    rf"(?:said|says|say|added|reported|{cues.REPORTS_AT_END}|told [\w ]{{2,30}})"
    r"(?:\s+(?:on|late|early|last|this|in)\b[\w ]{0,30})?|"
    r"according to [^,.;]+)[.!]?$"
)
_QUOTED = re.compile(r"[\"“]([^\"”]{12,})[\"”]")
# what no one puts forward: an open question, or what someone would not say ("declined to
# say whether the ferry will sail", "it remains to be seen if")
_NO_PROSPECT = re.compile(
    r"\b(?:no guarantee|unclear (?:whether|if)|not clear (?:whether|if)|"
    r"no sign|no indication|remains? to be seen (?:whether|if)|"
    r"(?:declin|refus)(?:ed|es|e|ing)\s+to\s+(?:say|confirm|comment\s+on|disclose|reveal|"
    r"specify|speculate\s+(?:on\s+)?)\s*(?:whether|if|when)|"
    r"(?:would|will|could|did|do|does)(?:\s+not|n[’']t)\s+(?:say|confirm|disclose|reveal|"
    r"specify)\s+(?:whether|if|when))\b",
    re.I,
)
# the outlet's note about its own coverage: "this story will be updated", "will update
# accordingly", "a link will be added if the story is confirmed"
_EDITORIAL = re.compile(
    r"\b(?:will|to)\s+update\b(?!\s+(?:her|his|their|its|the|my|our|your)\b)|"
    r"\b(?:will|would)\s+be\s+updated\b|\bupdat(?:e|es|ed|ing)\s+"
    r"(?:accordingly|as\s+(?:more|new|further)|when\s+(?:more|new|further))\b|"
    r"\blink\s+will\s+be\s+(?:added|posted)\b|\b(?:keep|bring)\s+you\s+(?:updated|posted)\b|"
    r"\bcheck\s+back\b",
    re.I,
)
_COORDINATED = re.compile(
    r"\b(possibility of|discussed|proposed)\s+((?:a|an|the)\s+[^,.;]+?)"
    r"\s+and\s+((?:a|an|the)\s+[^,.;]+)",
    re.I,
)


class Reading:
    """One sentence as the cue reading reads it. Its words and whether it is background are
    read at once; each cue when it is first asked for, then kept: most sentences of a long
    article link to no claim and are never weighed, and the cues are most of the reading's
    time."""

    def __init__(self, sentence: Sentence, background: bool, names: list[str]) -> None:
        self.sentence = sentence
        self.words: set[str] = content_words(sentence.text)
        self.background = background
        self._names = names  # the document's person names, for attribution

    def __repr__(self) -> str:
        return f"Reading({self.sentence!r}, background={self.background})"

    @cached_property
    def speaker(self) -> str | None:
        who = cues.attribution(self.sentence.text, self._names)
        return who.speaker if who else None

    @cached_property
    def modality(self) -> Modality | None:
        return cues.modality(self.sentence.text)

    @cached_property
    def progress(self) -> Progress:
        return cues.progress(self.sentence.text)

    @cached_property
    def corroborated(self) -> bool:
        return cues.corroborated(self.sentence.text)

    @cached_property
    def confirms(self) -> bool:
        """It reports a confirmation ("officials confirmed ...")."""
        return cues.confirms(self.sentence.text)

    @cached_property
    def negated(self) -> tuple[cues.Negation, ...]:
        """What it says did not happen ("wasn't stolen"), with what it was not done to."""
        return cues.negations(self.sentence.text)

    @cached_property
    def question(self) -> bool:
        """It asks whether, rather than says ("Was the audio a hoax?")."""
        return cues.question(self.sentence.text)

    @cached_property
    def hedged(self) -> bool:
        """It does not vouch for it ("probably", "reportedly", "may have")."""
        return cues.hedged(self.sentence.text)

    @cached_property
    def faked(self) -> frozenset[str]:
        """What it calls fake or false ("false Batmobile theft")."""
        return cues.faked_words(self.sentence.text)

    @cached_property
    def denied(self) -> tuple[str, ...] | None:
        """What its denial verbs deny ("denied that any crew had been mistreated"), where that
        can be told: see ``cues.denied_clauses``."""
        return cues.denied_clauses(self.sentence.text)

    @cached_property
    def progress_of(self) -> frozenset[str]:
        """The process a progress word is said of, where it is a process for the thing
        ("preparations for the swap were completed")."""
        return cues.progress_of(self.sentence.text)


@dataclass(frozen=True)
class Proposal:
    """A claim put forward by one sentence."""

    text: str
    modality: Modality
    reading: Reading
    lead: bool = False  # a short report's first sentence, put forward for want of any other
    # who puts it forward, where that is not the sentence's speaker: the that-clause of a later
    # conjunct ("X said …, and Harbor Foods confirmed that its shares would stop trading")
    speaker: str | None = None


def read(document: Document) -> list[Reading]:
    sentences = split_sentences(document.text)
    names = cues.person_names(document.text)
    year = document.published.year
    past_paragraphs: set[int] = set()
    readings = []
    for s in sentences:
        years = [int(y) for y in _YEAR.findall(s.text)]
        mentions_past = any(y < year for y in years)
        background = mentions_past or (
            s.paragraph in past_paragraphs and not _NOW_MARKERS.search(s.text)
        )
        if mentions_past:
            past_paragraphs.add(s.paragraph)
        readings.append(Reading(s, background, names))
    return readings


SHORT_REPORT = 3  # sentences: a headline, or a feed item's title and summary


def proposals(readings: list[Reading]) -> list[Proposal]:
    """The claims the document puts forward: plans, agreements, announcements, possibilities,
    and attributed assertions that something is complete. Background, questions and denials
    (what a denial denies is someone else's claim) are not.
    A short report (a headline, a feed summary) that puts forward none of these makes one claim
    by reporting it: its first sentence, as the outlet's claim ("Rapper Big Bank Hank dies at
    57")."""
    out: list[Proposal] = []
    for r in readings:
        if not _claimable(r) or r.progress is Progress.DENIED:
            continue  # "Comcast denies it will cut off Tor users" is no claim of Comcast's
        mod = r.modality
        if (mod is None and r.progress is Progress.COMPLETE and r.speaker and not r.corroborated
                and not cues.completion_described(r.sentence.text)):
            mod = Modality.COMPLETED
        if mod is None:
            continue
        said = _clause_speaker(r.sentence.text)
        found = _propositions(r.sentence.text, mod)
        # parts of one proposition ("agreed to A and to B") are said by whoever says it
        who = said[0] if said and any(t.strip('"') in said[1] for t in found) else None
        out.extend(Proposal(t, mod, r, speaker=who) for t in found)
    if not out and 0 < len(readings) <= SHORT_REPORT and _reports(readings[0]):
        lead = readings[0]
        (text,) = _propositions(lead.sentence.text, Modality.CLAIMS)
        out.append(Proposal(text, Modality.CLAIMS, lead, True))
    return out


def _claimable(r: Reading) -> bool:
    text = r.sentence.text
    return not (
        r.background
        or text.rstrip('"”’ ').endswith("?")
        or len(text.split()) < 6
        or text.count('"') % 2  # a sentence inside a longer quotation
        or _no_prospect(text)
        or _EDITORIAL.search(text)
    )


def _no_prospect(text: str) -> bool:
    """What the sentence might claim lies in an open question ("The spokesman declined to say
    whether the ferry will sail"); not where a claim comes first ("The ferry will sail on
    Friday, but officials would not say when it will return")."""
    m = _NO_PROSPECT.search(text)
    return m is not None and cues.modality(text[: m.start()]) is None


def _reports(r: Reading) -> bool:
    """A lead that reports something as news: not a question, a denial, a cue-less fragment,
    nor a headline that only talks about the story ("What we know about ...")."""
    return (
        _claimable(r)
        and r.progress not in (Progress.DENIED, Progress.CALLED_OFF, Progress.NOT_COMPLETE)
        and not _ABOUT.match(r.sentence.text)
    )


_ABOUT = re.compile(
    r"\s*(?:what|why|how|who|when|where|here(?:'s| is| are)|watch|video|photos?|live|opinion|"
    r"analysis|explainer|timeline)\b",
    re.I,
)


def _propositions(text: str, mod: Modality) -> list[str]:
    """The proposition(s) of a sentence: a reported that-clause or quote when there is one,
    and coordinated possibilities ("a cease-fire and a meeting") split in two."""
    coordinated = _COORDINATED.search(text)
    if coordinated and mod is Modality.POSSIBLE:
        verb = coordinated.group(1)
        return [f"{verb} {coordinated.group(2)}".strip(), f"{verb} {coordinated.group(3)}".strip()]
    if mod is Modality.COMPLETED:
        quoted = _QUOTED.search(text)
        if quoted:
            return [quoted.group(1).strip(" ,.")]
    that = _THAT_CLAUSE.search(text)
    clause = that.group(1) if that else _said_clause(text)
    if clause and len(clause.split()) >= 5:
        proposition = _balanced(_unattributed(clause))
    else:
        proposition = _unattributed(text)
    return _things_to_do(proposition) if mod in _TO_DO else [proposition]


_TO_DO = (Modality.AGREED, Modality.WILL, Modality.PLANS, Modality.EXPECTED)
# two things to be done under one "will" or "agreed to": "agreed to swap 1,000 prisoners and to
# hold talks in Istanbul", "will close its Gdansk plant and cut 2,000 jobs" (a verb with its
# object after "and"); each is settled on its own
_FIRST_THING = (
    r"^(?P<head>.*?\b(?:will|would|shall|to)\s+)(?P<one>[a-z][^;:]*?),?\s+and\s+"
    r"(?:also\s+|then\s+)?"
)
_AND_TO = re.compile(_FIRST_THING + r"to\s+(?P<two>[a-z][^;:]*)$")
_AND_VERB = re.compile(
    _FIRST_THING + r"(?P<two>(?P<verb>[a-z]+)\s+(?:(?:over|up|out|back|off|down)\s+)?"
    r"(?:(?:the|a|an|its|their|his|her)\b|\d)[^;:]*)$"
)
# not a verb: "and about 300 civilians", "and all the prisoners"
_NOT_A_VERB = frozenset(
    ["about", "around", "nearly", "almost", "over", "under", "some", "more", "less", "at",
     "least", "roughly", "another", "with", "without", "also", "then", "other", "all", "both",
     "each", "every", "any", "many", "several", "most", "half", "up", "down", "out", "in", "on",
     "of", "to", "for", "from", "by", "into", "as", "the", "a", "an", "its", "their", "his",
     "her", "only", "even", "not", "just", "possibly", "perhaps", "later", "after", "before",
     # a clause of its own: "will last 24 hours, and if the robot …", "and because …"
     "if", "because", "when", "while", "since", "so", "though", "although", "like", "whether",
     "where", "which", "who", "that", "what", "how", "why", "but", "or", "unless", "until",
     "once", "than", "this", "these", "those", "there", "it", "they", "he", "she", "we",
     # a past tense of its own: "began presenting evidence … and said a decision …"
     "said", "told", "made", "took", "gave", "went", "came", "got", "met", "held", "left",
     "found", "thought", "brought", "began", "sent", "paid", "sold", "won", "lost", "kept",
     "ran", "saw", "knew", "became", "wrote", "spoke", "stood", "says", "is", "was", "are",
     "were", "has", "had"]
)
# what the first of two things to be done may not hold: a modal, a clause or an aside of its own
# ("will be next if the U.S. doesn't cease and desist"), or a noun where its verb should be ("to
# a grand jury last week and said …": that "to" was no infinitive)
_NOT_ONE_THING = re.compile(
    r",(?!\d)|[;:—–()\"“”]|\b(?:will|would|shall|can|could|may|might|must|that|which|who|if|"
    r"when|because|unless|until|while|whether|although|though|since|as|but|or|and)\b|"
    r"^(?:the|a|an|its|their|his|her|this|that|these|those|\d)\b|"
    # an infinitive of its own, which the "and" may continue: "will require people to appear
    # in court and pay a fine" (the fine is not the summonses' to pay)
    r"\bto\s+(?!(?:the|a|an|its|their|his|her|this|that|these|those)\b)(?-i:[a-z])",
    re.I,
)


def _base_verb(word: str) -> bool:
    """``word`` may be a verb in its base form, as after "will" ("cut", "open", "proceed"):
    not "stepped" (a past tense of its own: "vowed to destroy ISIS and stepped up
    airstrikes"), "calling", nor a word that is no verb ("about", "all")."""
    past = word.endswith("ed") and not word.endswith("eed")
    return not (past or word.endswith("ing") or word in _NOT_A_VERB)


def _done_to(part: str) -> bool:
    """The part names something besides its verb (and the verb's adverbs)."""
    words = [w for w in part.split() if not w.endswith("ly") and w.lower() != "to"]
    return len(words) >= 2 and bool(content_words(" ".join(words[1:])))


def _things_to_do(proposition: str) -> list[str]:
    """One proposition per thing to be done ("Kyiv and Moscow agreed to swap prisoners and to
    hold talks" → "... agreed to swap prisoners", "... agreed to hold talks"), so that doing
    one settles only it; else the proposition as it is."""
    for pattern in (_AND_TO, _AND_VERB):
        m = pattern.match(proposition)
        if m is None or _NOT_ONE_THING.search(m.group("one")):
            continue
        if pattern is _AND_VERB and not _base_verb(m.group("verb")):
            continue
        one, two = m.group("one").rstrip(" ,"), m.group("two")
        # each names what is done besides its verb: not "… and to sign it", nor "will
        # personally fly and lead the airstrikes" (one object for both verbs)
        if all(_done_to(part) for part in (one, two)):
            return [m.group("head") + one, m.group("head") + two]
    return [proposition]


# where a sentence's last conjunct begins: "…, and Harbor Foods confirmed that …"
_CONJUNCT = re.compile(r"(?:,\s*(?:and|but|while|whereas)|;)\s+", re.I)


def _clause_speaker(text: str) -> tuple[str, str] | None:
    """Who says the sentence's that-clause, and the clause, where a later conjunct than the
    first says it ("Northwind said it had completed the deal, and Harbor Foods confirmed that
    its shares would stop trading": Harbor Foods); None where the sentence's own speaker
    does."""
    that = _THAT_CLAUSE.search(text)
    if that is None:
        return None
    cuts = list(_CONJUNCT.finditer(text, 0, that.start(1)))
    if not cuts:
        return None
    who = cues.attribution(text[cuts[-1].end() : that.start(1)], cues.person_names(text))
    return (who.speaker, that.group(1)) if who else None


def reports_own(text: str) -> bool:
    """The sentence reports a statement of its own ("the chief executive said the board backed
    the offer"), as opposed to a quotation or a bare attribution that may speak for the
    sentence before it ('"We are ready," the minister said.')."""
    if text.lstrip().startswith(('"', "“", "‘", "'")):
        return False
    return bool(_THAT_CLAUSE.search(text) or _said_clause(text) or _SAYS_CLAUSE.search(text))


# "…, Marta Lind, said the board backed the offer": a reporting verb with a clause after it
_SAYS_CLAUSE = re.compile(
    r"\b(?:said|says|(?<!\bto )say|told reporters|announced|confirmed|added|insisted|stated)\s+"
    r"(?:(?:on|late on|early on)\s+[A-Z]\w+\s+)?(?:that\s+)?"
    # "confirmed it on Friday" points back at the sentence before; "said it would" does not
    r"(?:the|a|an|it\s+(?=(?:would|will|was|is|had|has|could|can|may|might)\b)|he|she|they|we|"
    r"his|her|their|its|[A-Z][\w’'-]*)\s*[\w’'-]+"
)


def _said_clause(text: str) -> str | None:
    """What "X said …" says, also past an aside between the speaker and the verb ("A port
    official, speaking on condition of anonymity, said …"); always verbatim."""
    m = _SAID_CLAUSE.search(text)
    if m:
        return m.group(1)
    aside = cues.first_aside(text)
    if aside is None:
        return None
    start, end = aside
    m = _SAID_CLAUSE.search(text[:start] + text[end:])
    # the clause lies past the aside, so it reads as it does in the text
    return m.group(1) if m and m.start(1) >= start else None


def _unattributed(text: str) -> str:
    """The proposition without a trailing ", he said" / ", according to X" (who said it is
    kept separately, as the claim's attribution)."""
    bare = _TRAILING_ATTRIBUTION.sub("", text.strip())
    return (bare if len(bare.split()) >= 5 else text).strip(" ,.")


def _balanced(text: str) -> str:
    """Close a quotation the clause opened, or drop a stray closing mark."""
    if text.count('"') % 2:
        return text + '"' if text.rfind('"') > 0 else text.replace('"', "", 1)
    return text
