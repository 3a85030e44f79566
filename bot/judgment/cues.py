"""Cue lexicons for the rule-based judgment: who says a sentence (attribution), what it asserts
about progress (under way, complete, not complete, called off, denied), and whether it puts
forward something still to happen (an agreement, a plan, an announcement, a possibility)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from bot.domain.parties import party_key
from bot.domain.vocab import Modality, Progress
from bot.judgment.text import content_words

# the present of a plural subject ("Ukrainian officials say", "Police confirm"); not "report",
# "claim" or "state", more often nouns ("Islamic State Says …")
_BARE = frozenset(
    ["say", "tell", "confirm", "deny", "insist", "maintain", "warn", "argue", "acknowledge",
     "announce", "declare"]
)
_REPORTING = (
    r"said|says|told|tells|declared|announced|wrote|writes|posted|tweeted|confirmed|"
    r"confirms|stated|claimed|claims|denied|denies|insisted|added|maintains|"
    r"maintained|noted|warned|argued|reported|acknowledged|dismissed|rejected|"
    + "|".join(sorted(_BARE))
)
# "declined to say", "would not confirm", "did not deny": no one says it here
_NOT_SAYING = re.compile(
    r"(?:\b(?:to|would|will|could|can|may|might|should|must|did|do|does|not|never)|n[’']t)\s+$",
    re.I,
)
_REPORT_VERB = re.compile(rf"\b(?:{_REPORTING})\b")
# a title-case headline capitalises its verbs too ("Iraq Denies Lebanon Captured ...")
_REPORT_VERB_TITLE = re.compile(rf"\b(?:{_REPORTING})\b", re.I)
_ACCORDING = re.compile(r"\baccording to ([^,.;]+)", re.I)
# what an outlet does at a sentence's end: "…, Variety reports.", "…, CNN has learned.", "…, the
# BBC understands." (also ``reading``'s trailing attribution)
REPORTS_AT_END = r"reports|ha(?:s|ve) learned|understands"
# the outlet, at the end (or before an aside that names its sources: ", Variety reports, citing
# two executives")
_REPORTS_AT_END = re.compile(
    r",\s*((?:the\s+)?[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,4})\s+"
    rf"(?:{REPORTS_AT_END})\b(?:[^,;:]{{0,30}}|,\s*citing [^;:]{{1,80}})$"
)
_INVERTED = re.compile(rf"[\"”’,]\s*(?:{_REPORTING})\s+([A-Z][^,.;\"]{{2,80}})")
_PLATFORM = re.compile(
    r"\bon (?:(?:his|her|their|its|the) )?(Truth Social|X|Twitter|Telegram|Facebook|Instagram|"
    r"Weibo|TikTok)\b(?: (?:platform|account|channel|page))?"
)
_CLAUSE_BREAK = re.compile(
    r"(?:[,;:—–(]|\b(?:though|although|but|while|and|as|because|whereas|however|after|"
    r"before|when|since|despite)\b)",
    re.I,
)
# ", who …,", ", speaking on condition of anonymity,", ", citing …,": an aside about the speaker
_APPOSITIVE = re.compile(
    r",\s*(?:who|which|whose|speaking|citing|talking|writing|in (?:a|an|their|its|his|her) "
    r"(?:joint )?(?:statement|interview|post|briefing|letter|video))\b[^,]*,"
)
_LEADING = re.compile(
    r"^(?:(?:hours|minutes|days|weeks|moments) later|however|but|and|meanwhile|"
    r"also|still|yet|moreover|earlier|later|"
    r"separately|instead|although|though|while|whereas|because|since|if|when|after|before)"
    r"\b[,\s]*",
    re.I,
)
# "Wilson has", "a priest in America has apparently", "He is": the verb's auxiliaries and
# adverbs are not the speaker
_TRAILING = re.compile(
    r"(?:\s+(?:also|later|then|earlier|has|had|have|is|was|are|were|been|previously|again|"
    r"repeatedly|already|reportedly|apparently|allegedly|separately|immediately|both|each|"
    r"jointly|now|since|once|first))+\s*$",
    re.I,
)

_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b")
_NO_SPEAKER = frozenset(["is", "was", "are", "were", "has", "had", "have", "been", "be"])
_PRONOUNS = {"he", "she", "it", "they", "we", "i", "this", "that", "which", "who", "it's",
             "it’s", "that's", "that’s", "there's", "there’s", "here's", "here’s"}
_NOT_SPEAKERS = frozenset(_PRONOUNS) | _NO_SPEAKER  # a pronoun or a bare auxiliary

NOT_COMPLETE = re.compile(
    r"(?:\bnot|n[’']t)\s+(?:(?:yet|been|be|fully|entirely|quite|completely|all)\s+)*"
    r"(?:complete|completed|finished|over|done|concluded)\b|"
    r"\b(?:still (?:underway|under way|ongoing|in progress|continuing|going on)|incomplete|"
    r"(?:is|are) (?:still )?continuing(?! to)|"
    # "could take several more days to complete" ("took three days to complete" is done)
    r"tak(?:e|es|ing)\s+(?:[\w’'-]+\s+){0,3}?(?:hours|days|weeks|months|years|time|longer)\s+"
    r"(?:more\s+)?to\s+(?:complete|finish|conclude)|"
    # "the merger remains subject to approval", "is still pending", "is awaiting clearance"
    r"(?:is|are|was|were|remains?|remained) (?:still )?(?:pending|awaiting|subject to)|"
    r"yet to be (?:completed|finished)|far from (?:complete|completed|finished|over|done)|"
    r"(?:partly|partially|half)[ -](?:complete|completed|finished|done|carried out))\b",
    re.I,
)
COMPLETE = re.compile(
    # "a body was carried out of the flat" is carried, not done; "an island complete with six
    # tees" and "a complete assessment" are whole, not done
    r"\b(?:completed|(?<!\ba )(?<!\bthe )complete(?! with\b)|completes|completion|finished|"
    r"concluded|took place|"
    r"carried out(?! of\b)|"
    # "the summit was held in Geneva"; not "he was held captive"
    r"(?:was|were|has been) held(?!\s+(?:captive|hostage|prisoner|incommunicado|without|"
    r"responsible|accountable|liable|back|up|down))|fully (?:done|over)|all \d[\d,]* "
    r"(?:were|have been|had been) (?:returned|released|freed|exchanged)|wrapped up|finali[sz]ed|"
    r"(?:exchanged|released|freed|returned|handed over|swapped) all (?:\d[\d,]*|of)|"
    # "it took three days to complete the swap"
    r"took\s+(?:[\w’'-]+\s+){0,3}?(?:hours|days|weeks|months|years|time)\s+to\s+"
    r"(?:complete|finish))\b|"
    # "…, completing the swap"; "is completing it" is still at it
    r"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )\bcompleting\b|"
    # "the handover is over", not "over 400 prisoners" or "talks over the weekend"
    r"\b(?:is|are|was|were|has been) (?:now |finally |officially )?over(?=\s*(?:[,.;:!]|$))",
    re.I,
)
# a share of the things it is about: "half of the prisoners", "twelve of the 40 hostages",
# "the first 12 hostages"
_SHARE = (
    r"(?:(?:half|part|parts|some|a (?:portion|fraction|third|quarter)) of|"
    r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|scores|"
    r"hundreds|thousands|several|many|most|a few|a handful|a number) of (?:the|its|their|those)|"
    r"(?:first|initial) (?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|dozen))\b"
    r"(?:(?!\band\b)[^.;:,])*$"
)
_SHARE_BEFORE = re.compile(rf"\b{_SHARE}", re.I)
# a part of it done ("the first stage of the swap was completed", "half of the prisoners were
# freed"): the whole is under way, not complete
_PART_BEFORE = re.compile(
    r"\b(?:(?:first|second|third|initial|opening|earlier|early|next|one)\s+(?:stage|phase|round|"
    rf"part|batch|leg|tranche|wave|step|group)s?\b(?:(?!\band\b)[^.;:,])*$|{_SHARE})",
    re.I,
)
UNDER_WAY = re.compile(
    r"\b(?:began|begun|begins|started|starts|underway|under way|ongoing|in "
    r"progress|kicked off|got under way|first stage|first phase|went ahead)\b",
    re.I,
)
# "abandoned" calls something off only when what is abandoned is a plan or an event ("talks
# were abandoned", "abandoned the bid"); "a dog found abandoned" was left behind
_EVENTS = (
    r"(?:plans?|talks|bid|deal|project|search|attempt|efforts?|proposal|negotiations|swap|"
    r"exchange|visit|trip|strike|operation|idea|mission|mergers?|takeover|launch|match|race|"
    r"game|event|tour|hunt|campaign|agreement|ceasefire|cease-fire|truce|handover|transfer|"
    r"sale|accord|pact|treaty|summit|meeting|contest|competition|auction|concert|festival|"
    r"ceremony|contract|arrangement)"
)
CALLED_OFF = re.compile(
    r"\b(?:called off|cancell?ed|collapsed|scrapped|broke down|"
    r"postponed indefinitely|suspended|will not go ahead|fell through|"
    rf"{_EVENTS}(?:\s+[\w’'-]+){{0,3}}?\s+(?:(?:was|were|has been|have been|had been|is|are|"
    r"being)\s+)?(?:abandoned|blocked|vetoed)|"
    rf"(?:abandon(?:ed|s|ing)?|block(?:ed|s|ing)|veto(?:ed|es|ing)?)\s+(?:(?:the|its|their|his|her|a|an|any|all)\s+)?"
    rf"(?:[\w’'-]+\s+){{0,2}}?{_EVENTS}|"
    r"shelved|axed|nixed|ditched|no longer (?:going ahead|happening|taking place)|"
    # one party leaving it: "pulled out of the deal"; "troops pulled out of the city" left a place
    r"(?:pull(?:ed|s|ing)?\s+out\s+of|back(?:ed|s|ing)?\s+out\s+of|walk(?:ed|s|ing)?\s+away\s+"
    r"from|withdr(?:ew|awn|aws|awing)\s+from|reneg(?:ed|es|ing)\s+on)\s+"
    rf"(?:(?:the|its|their|his|her|a|an|any|all)\s+)?(?:[\w’'-]+\s+){{0,2}}?{_EVENTS})\b|"
    # "the deal is off"
    r"\b(?:is|are|was|were) (?:now |officially )?off(?=\s*(?:[,.;:!]|$))",
    re.I,
)
# "rejected the mayor's claim", "dismissed reports": a denial of what was claimed or reported,
# where "rejected an offer" and "dismissed the coach" deny nothing
_CLAIM_NOUNS = (
    r"(?:claims?|reports?|allegations?|accusations?|suggestions?|assertions?|rumou?rs?|"
    r"accounts?|statements?|stor(?:y|ies)|speculation|announcements?)"
)
_WRONGLY = r"(?:falsely|wrongly|erroneously|mistakenly|incorrectly|prematurely)"
_SAID = (
    r"(?:claimed|claims|claiming|said|says|saying|announced|announces|declared|declares|"
    r"asserted|asserts|reported|reports|stated|states|suggested|suggests|boasted|insisted|"
    r"insists|told)"
)
# "dismissed reports", "squashed the rumours", "laughed off the announcement"
_DISMISSED = (
    r"(?:reject|dismiss|disput|contest|squash)(?:ed|es|s|ing)?|"
    r"(?:shoot|shot|shoots|shooting|shut|shuts|shutting|knock|knocked|knocks|knocking)\s+down|"
    r"laugh(?:ed|s|ing)?\s+(?:off|away)|brush(?:ed|es|ing)?\s+(?:off|aside)"
)
DENIED = re.compile(
    r"\b(?:denied|denies|deny|denying|refuted|false|untrue|not true|no such|fake|"
    r"baseless|fabricated|hoax|debunk(?:s|ed|ing)?|never happened|incorrect|inaccurate|"
    r"erroneous|"
    # "reports that the swap was complete were wrong"; "the weapons drop was wrong" judges it
    rf"{_CLAIM_NOUNS}(?:\s+[\w’'-]+){{0,12}}?\s+(?:is|was|are|were|been)\s+"
    r"(?:simply\s+|completely\s+|entirely\s+)?(?:wrong|mistaken)|"
    rf"(?:{_DISMISSED})\s+(?:[\w’'-]+\s+){{0,3}}?{_CLAIM_NOUNS}|(?:disput|contest)(?:ed|es|s|ing)?\s+that|"
    # the writer says the speaker is wrong: "falsely claimed", "wrongly said"
    rf"{_WRONGLY}\s+{_SAID}|no (?:evidence|proof))\b|"
    r"(?:\bnot|n[’']t) (?:real|true|genuine|authentic)\b",
    re.I,
)
# the writer does not vouch for it: a hedged report neither confirms nor refutes; nor does
# one that calls itself satire or parody ("First death from X confirmed [satire]")
HEDGED = re.compile(
    r"\b(?:probably|likely|possibly|perhaps|apparently|reportedly|allegedly|purportedly|"
    r"supposedly|unconfirmed|appears? to|seems? to|may have|might have|may be|might be|"
    r"could have|could be|may not|might not|satire|satirical|parody|spoof|"
    r"(?:is|are|was|were) (?:reported|said|believed|thought|rumou?red|alleged|understood) to)\b",
    re.I,
)
UNCONFIRMED = re.compile(
    r"\b(?:(?:did not|didn't|has not|hasn't|have not|haven't|could not|"
    r"couldn't|declined to|refused to|would not|wouldn't|not)\s+|"
    r"(?:nobody|no one|no official|none|neither(?:\s+[\w’'-]+){0,2}?)\s+(?:has\s+|have\s+|had\s+)?)"
    r"(?:immediately\s+|yet\s+|independently\s+)?(?:confirm|comment|verify|verified)|"
    r"\bneither\s+confirm(?:ed|s)?\s+nor\s+den(?:y|ied|ies)|\bconfirm\s+or\s+deny|"
    r"\b(?:yet|still)\s+to\s+be\s+(?:confirm|verif)",
    re.I,
)
# "the board admitted it had forced him out", "acknowledged that": the party's own confirmation;
# not "admitted to hospital"
CONFIRMS = re.compile(
    r"\b(?:confirm(?:s|ed)|verified|acknowledg(?:es|ed)|admit(?:s|ted)(?!\s+(?:to|into)\b))\b",
    re.I,
)
CORROBORATED = re.compile(
    r"\b(?:independently (?:confirmed|verified)|[A-Z][a-z]+ and [A-Z][a-z]+ (?:both )?"
    r"confirmed|confirmed by (?:both|each)|(?:sides|governments|countries) confirmed|"
    r"joint statement)\b|"
    # "Russia's defence ministry and Ukraine's headquarters both confirmed", "each said"
    r"\band\b[^,.;:]{1,60}?\s(?:both|each|jointly|separately|independently)\s+(?:have\s+|has\s+)?"
    r"(?:confirm|said|say|report|announc|stat|verif|acknowledg)"
)
# several parties named together: corroboration only when they are the ones reporting it
_PARTIES = re.compile(
    r"\b(?:both (?:the )?[a-z]{2,}(?:s|ies)|jointly|each side)\b",  # both sides, both companies
    re.I,
)
_REPORTS = re.compile(
    r"\b(?:confirm(?:s|ed)?|said|say|says|announced|announce|reported|stated|verified|"
    r"acknowledged|declared)\b",
    re.I,
)

_MODALITY_CUES: list[tuple[Modality, re.Pattern[str]]] = [
    (
        Modality.AGREED,
        re.compile(
            r"\b(?:agreed|agree|agrees)(?:\s+\w+){0,3}?\s+to\b|\breached an agreement\b|"
            r"\bagreement (?:to|on) ",
            re.I,
        ),
    ),
    (
        Modality.WILL,
        re.compile(
            r"\b(?:will (?:be )?\w+|would be (?:announced|held|released|"
            r"signed|decided)|(?:is|are|was|were) (?:set|due|scheduled|slated) to|to be (?:held|"
            r"announced|signed))\b|"
            # reported speech: "announced that the bridge would reopen" is its "will reopen"
            r"\b(?:said|says|say|announced|announces|stated|told [\w ]{1,30}?|promised|insisted|"
            # ("nothing would happen until …" is no announcement)
            # a number's comma ("2,000 prisoners would be freed") is no clause break, nor are
            # the commas around an aside ("the bridge, damaged in the storm, would reopen")
            r"confirmed|confirms)\b(?:(?!\b(?:nothing|nobody|no one|none|no)\b)"
            r"(?:\d,\d|,(?!\s*(?:if|unless|should|were|provided)\b)[^,;:.]{1,40},|[^,;:.]))"
            r"{1,60}?"
            r"\bwould (?!have\b|not\b|never\b)(?:be )?\w+",
            re.I,
        ),
    ),
    (
        Modality.PLANS,
        re.compile(
            r"\b(?:plans? to|planned|intends? to|aims? to|is preparing "
            r"to|pledged|promised|vowed)\b",
            re.I,
        ),
    ),
    (Modality.EXPECTED, re.compile(r"\b(?:expected to|likely to|poised to|on track to)\b", re.I)),
    (
        Modality.POSSIBLE,
        re.compile(
            r"\b(?:possibility of|discussed|proposed|ready for|"
            r"ready to|offered to|open to|considering)\b",
            re.I,
        ),
    ),
]


@dataclass(frozen=True)
class Attribution:
    speaker: str
    start: int  # where the speaker phrase begins in the sentence (-1: the outlet's own voice)


def attribution(sentence: str, names: list[str]) -> Attribution | None:
    """Who the sentence says is speaking, if anyone; bare surnames become full names. In
    "Kyiv said it was completed, but Moscow denied it" that is the one who disputes it."""
    found = (
        _disputer(sentence) or _according(sentence) or _inverted(sentence)
        or _subject_of_verb(sentence) or _reports_at_end(sentence)
    )
    if found is None:
        return None
    speaker = _full_name(found.speaker, names)
    platform = _PLATFORM.search(sentence)
    if platform and platform.group(1) not in speaker:
        speaker = f"{speaker} ({platform.group(1)})"
    return Attribution(speaker, found.start)


def _disputer(sentence: str) -> Attribution | None:
    m = _disputed_completion(sentence)
    return _clean(m.group("who"), m.start("who")) if m else None


def first_aside(sentence: str) -> tuple[int, int] | None:
    """Where the sentence's first aside is (", speaking on condition of anonymity,", ", who
    …,"), if it has one."""
    m = _APPOSITIVE.search(sentence)
    return m.span() if m else None


def _according(sentence: str) -> Attribution | None:
    m = _ACCORDING.search(sentence)
    if not m or m.group(1).strip().lower() in ("reports", "media reports"):
        return None
    return _clean(m.group(1), m.start(1))


def _reports_at_end(sentence: str) -> Attribution | None:
    m = _REPORTS_AT_END.search(sentence)
    return _clean(m.group(1), m.start(1)) if m else None


def _inverted(sentence: str) -> Attribution | None:
    m = _INVERTED.search(sentence)
    return _clean(m.group(1), m.start(1)) if m else None


def _title_case(sentence: str) -> bool:
    """Most words capitalised, as in a headline styled "Iraq Denies Lebanon Captured ..."."""
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", sentence) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


# "Russia and Ukraine each said", "Both Moscow and Kyiv confirmed", ", Russia's defence ministry
# and Ukrainian officials said": two named parties as one subject (an institution that names no
# country or body of its own, "the defence ministry", is nobody's in particular: see
# ``bot.domain.parties``)
# party: "Russia's defence ministry", "Officials in Moscow"; not a clause ("Russia began the swap")
# a lowercase word that is not a verb or a function word ("ports", "officials"; not "began")
_NOUNISH = (
    r"(?!(?:the|a|an|and|or|but|began|took|made|said|says|is|was|are|were|has|had|have|"
    r"continues|remains|begins|starts)\b)(?![a-z]+ed\b)[a-z][\w’'-]*"
)
_PARTY = (
    r"(?:(?:[Tt]he\s+)?(?!The\b)[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|"
    r"(?!(?:the|a|an|and|or|but|began|took|made|said|says|is|was|are|were|has|had|have)\b)"
    r"(?![a-z]+ed\b)[a-z][\w’'-]*)){0,4}?|"
    # "the ports of Calais", "officials in Kyiv"
    rf"(?:[Tt]he\s+)?{_NOUNISH}(?:\s+{_NOUNISH})?\s+(?:of|in|from)\s+(?:the\s+)?"
    r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2})"
)
# "Mr Trump and his aides": the first party with its own people
_OWN_PEOPLE = rf"(?:his|her|their|its)\s+{_NOUNISH}(?:\s+{_NOUNISH})?"
_COORDINATED_SUBJECT = re.compile(
    rf"(?:^|[,;:—–]\s*)(?:[Bb]oth\s+)?({_PARTY}\s+and\s+(?:{_PARTY}|{_OWN_PEOPLE}))\s+"
    r"(?:(?:both|each|jointly|separately|independently|have|has|had)\s+)*$"
)


# a reporting verb in the passive: "was confirmed", "has been denied", "first reported"
_PASSIVE_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|been|being)\s+(?:(?:first|also|later|\w+ly)\s+)?$|"
    r"(?:^|[,(]\s*|\bas\s+)first\s+$",
    re.I,
)
# its agent: "by the ministry", "by Reuters", "by officials" (not "by phone") up to a clause
# break or a time
_AGENT = re.compile(
    r"\s+by\s+((?:(?:the|a|an|both|two|three|several|many|some|its|his|her|their)\s+|"
    r"(?=[A-Z])|(?=[a-z]+s\b))[^,.;:!?\"“”()]{2,60}?)(?=\s+(?:on|at|last|this|earlier|late|"
    r"after|before|during|that|who|which|yesterday|today|and|but|in(?!\s+[A-Z]))\b|"
    r"[,.;:!?\"“”()]|$)"
)


def _subject_of_verb(sentence: str) -> Attribution | None:
    verbs = _REPORT_VERB_TITLE if _title_case(sentence) else _REPORT_VERB
    for verb in verbs.finditer(sentence):
        if verb.group(0).lower() in _BARE and _NOT_SAYING.search(sentence[: verb.start()]):
            continue
        # "was confirmed by the ministry", "first reported by Reuters": the one after "by"
        agent = _AGENT.match(sentence, verb.end())
        if agent is not None:
            found = _clean(agent.group(1), agent.start(1))
            if found is not None:
                return found
        if _PASSIVE_BEFORE.search(sentence[: verb.start()]):
            continue  # "the swap was confirmed on Monday": what is reported, not who reports it
        before = _APPOSITIVE.sub(",", sentence[: verb.start()])
        both = _COORDINATED_SUBJECT.search(before)
        if both is not None:
            found = _clean(both.group(1), max(sentence.find(both.group(1)), 0))
            if found is not None:
                return found
        parts = [p for p in _CLAUSE_BREAK.split(before) if p and p.strip()]
        if not parts:
            continue
        candidate = parts[-1]
        if (
            not _NAME.search(candidate)
            and not candidate.strip()[:1].isupper()  # "John Smith, 45, said"; not "…, Trump"
            and len(parts) > 1
            and _NAME.search(parts[-2])
            and (len(candidate.split()) <= 1)
        ):
            candidate = parts[-2]
        found = _clean(candidate, max(sentence.find(candidate.strip()), 0))
        if found is not None:
            return found
    return None


def _clean(phrase: str, start: int) -> Attribution | None:
    text = _TRAILING.sub("", _LEADING.sub("", phrase.strip())).strip(" ,\"'“”")
    words = text.split()
    if not words or len(words) > 10 or text.lower() in _NOT_SPEAKERS:
        return None
    if words[0].lower() in ("the", "a", "an") and len(words) == 1:
        return None
    if len(words) > 1 and words[0].lower() in _DETERMINERS and words[1][:1].islower():
        # "Both governments confirmed ...": not a name, so not capitalised mid-sentence
        text = words[0].lower() + text[len(words[0]) :]
    return Attribution(text, start)


_DETERMINERS = frozenset(
    ["the", "a", "an", "both", "several", "two", "three", "all", "some", "many", "most", "other"]
)


def _full_name(speaker: str, names: list[str]) -> str:
    if " " in speaker or not speaker[:1].isupper():
        return speaker
    for name in names:
        if name.split()[-1] == speaker:
            return name
    return speaker


_NOT_NAME = frozenset(
    [
        "But",
        "And",
        "The",
        "However",
        "In",
        "On",
        "When",
        "While",
        "After",
        "Before",
        "For",
        "As",
        "If",
        "Since",
        "Although",
        "Though",
        "Whereas",
        "Because",
        "Despite",
        "Even",
        "Indeed",
        "Many",
        "Past",
        "Final",
        "Previous",
        "Tens",
        "A",
        "An",
        "President",
        "Minister",
        "Secretary",
        "Foreign",
        "Defense",
        "Defence",
        "Prime",
        "Spokesperson",
        "Spokesman",
        "Chancellor",
        "General",
        "Chief",
        "Head",
        "Senator",
        "Governor",
        "Mayor",
        "King",
        "Queen",
        "Pope",
        "Ambassador",
        "Deputy",
        "Vice",
        "Former",
        "Kremlin",
        "Ukrainian",
        "Russian",
        "American",
        "U.S.",
        "Read",
    ]
)


def person_names(text: str) -> list[str]:
    """Capitalised multi-word names in a document, longest first (for surname resolution);
    leading titles and function words are dropped ("U.S. President Donald Trump" → "Donald
    Trump")."""
    names = set()
    for m in _NAME.finditer(text):
        words = m.group(0).split()
        while words and words[0] in _NOT_NAME:
            words = words[1:]
        if len(words) in (2, 3):
            names.add(" ".join(words))
    return sorted(names, key=len, reverse=True)


def modality(sentence: str) -> Modality | None:
    for mod, pattern in _MODALITY_CUES:
        if pattern.search(sentence):
            return mod
    return None


def progress(sentence: str) -> Progress:
    """What the sentence reports about how far the thing has got."""
    if UNCONFIRMED.search(sentence) and not NOT_COMPLETE.search(sentence):
        return Progress.NONE
    if NOT_COMPLETE.search(sentence):
        return Progress.NOT_COMPLETE
    # only a progress word the sentence asserts reports progress (see ``_asserted``)
    if _asserted(CALLED_OFF, sentence) is not None:
        return Progress.CALLED_OFF
    done = _asserted(COMPLETE, sentence)
    if done is not None:
        if _CONTRAST_DENIAL.search(sentence, done.end()):
            return Progress.DENIED  # "Kyiv said it was completed, but Moscow disputed that"
        part = _PART_BEFORE.search(sentence[: done.start()])
        if part is None:
            return Progress.COMPLETE
        # "only half of the prisoners were freed" says it is not complete
        only = re.search(r"\bonly\s+(?:the\s+)?$", sentence[: part.start()], re.I)
        return Progress.NOT_COMPLETE if only else Progress.UNDER_WAY
    if _asserted(UNDER_WAY, sentence) is not None:
        return Progress.UNDER_WAY
    if any(
        not _attributive(sentence, m) and _said_outright(sentence, m.start())
        for m in DENIED.finditer(sentence)
    ):
        return Progress.DENIED
    return Progress.NONE


# "…, but Moscow denied it", "however, Russia disputed that"
_CONTRAST_DENIAL = re.compile(
    r"\b(?:[Bb]ut|[Hh]owever|[Tt]hough|[Aa]lthough|[Yy]et),?\s+(?P<who>[^,.;]{2,60}?)\s+"
    r"(?:den(?:ied|ies)|disput(?:ed|es)|reject(?:ed|s)|contest(?:ed|s)|dismiss(?:ed|es))\b"
)


def _disputed_completion(sentence: str) -> re.Match[str] | None:
    """The dispute that follows a completion in the same sentence, if any."""
    done = _asserted(COMPLETE, sentence)
    return _CONTRAST_DENIAL.search(sentence, done.end()) if done is not None else None


# "preparations for the swap were completed", "talks on the swap concluded", "the list of
# prisoners for the swap was finalised": the process is done, not the thing it is for
_PROCESS_BEFORE = re.compile(
    r"\b(preparations?|talks|negotiations?|discussions?|consultations?|arrangements?|paperwork|"
    r"formalities|checks?|vetting|verification|lists?|documents?|details|terms|planning|"
    r"procedures?|agreements?|deals?|accords?|framework|review|investigation|inquiry|"
    r"groundwork)\s+(?:for|on|over|about|of|regarding|ahead\s+of|towards?|to)\b"
    r"(?:(?!\band\b)[^.;:,])*$",
    re.I,
)


def progress_of(sentence: str) -> frozenset[str]:
    """The process whose completion or start the sentence reports, where that is a process
    for the thing rather than the thing ("preparations for the swap were completed" →
    prepar), as content words; empty otherwise."""
    for pattern in (COMPLETE, UNDER_WAY):
        m = _asserted(pattern, sentence)
        if m is not None:
            proc = _PROCESS_BEFORE.search(sentence[: m.start()])
            return frozenset(content_words(proc.group(1))) if proc else frozenset()
    return frozenset()


# "insists it was NOT a hoax", "there was no fake": a denial word that is itself negated
_NEGATED_CUE = re.compile(
    r"(?:\bnot|n[’']t|\bno|\bnever)\s+(?:(?:a|an|the|been|be|really|actually|at all)\s+)*$",
    re.I,
)

# "was not called off", "hasn't yet begun", "was never carried out"
_NEGATED_PROGRESS = re.compile(
    r"(?:\bnot|n[’']t|\bnever)\s+(?:(?:yet|been|be|even|ever|actually|really|fully|formally|"
    r"officially|already|quite|[a-z]+ly)\s+)*$",
    re.I,
)


def unnegated(pattern: re.Pattern[str], sentence: str) -> bool:
    """``pattern`` occurs in the sentence other than right after a negation ("NOT a hoax") or
    inside a condition, a question or a hope ("I hope that it isn't true")."""
    return any(_said_outright(sentence, m.start()) for m in pattern.finditer(sentence))


def _said_outright(sentence: str, start: int) -> bool:
    before = sentence[:start]
    return not _NEGATED_CUE.search(before) and not _OPEN_BEFORE.search(before)


# "is expected to be completed", "will be completed", "agreed to complete", "should have been
# completed": still to come, or not at all
_FUTURE_BEFORE = re.compile(
    r"\b(?:will|would|should|shall|must|could|might|may|can|to)\s+"
    r"(?:(?:not|be|have|been|fully|finally|soon|eventually|officially|only|now|then|also|"
    r"still|probably|likely)\s+){0,3}$",
    re.I,
)
# "unclear whether the swap has been completed", "if the swap is completed", "once it is over"
# "has done nothing to ensure the girls are released": a purpose, not a report
_OPEN_BEFORE = re.compile(
    r"\b(?:whether|if|once|unless|until|ensure|ensuring|make sure|making sure|"
    # what someone fears or hopes: "raises fears that the girls will not be released"
    r"(?:fears?|feared|fearing|worr(?:y|ies|ied)|hopes?|hoped|hoping)\s+that)\b[^.;:,]*$|"
    # a condition put first by inversion: "Should the swap be completed, …", "Were it
    # completed, …", "Had the swap been completed, the talks would have …"
    r"^\W*(?:should|were|had)\s[^.;:,]*$|"
    # a time still to come: "after the swap is completed, the talks will …", "when the
    # prisoners are released"; not "after the swap was completed"
    r"\b(?:after|when|whenever|as soon as|by the time|the moment|before)\s[^.;:,]*?"
    r"\b(?:is|are|has|have|gets?)\s+(?:(?:been|being|fully|finally|formally|officially)\s+)*$",
    re.I,
)
# "denied that the swap had been completed", "the claim that the swap was completed is false":
# somebody's claim, reported or denied, not the sentence's own assertion
_CLAIMED_BEFORE = re.compile(
    r"(?:\bden(?:ied|ies|y|ying)\b|\b(?:disput|contest|question|doubt)(?:ed|es|s|ing)?\s+"
    r"(?:that|whether)\b|"
    r"\b(?:claims?|reports?|rumou?rs?|allegations?|suggestions?|speculation|assertions?)\s+"
    r"that\b|\bno (?:knowledge|evidence|proof|sign|indication|confirmation)\b|"
    rf"\b{_WRONGLY}\s+{_SAID}\b|\bwithout (?:offering |providing |giving )?(?:any )?"
    r"evidence\b)[^.;:,]*$",
    re.I,
)
# "the masked man who carried out the killing": a relative clause that says which person is
# meant by what they did takes the deed for granted and reports nothing of it ("Berg, who
# remains in his post, said" still says he remains; "the swap that took place on Sunday" is the
# swap's own)
_DESCRIBES_BEFORE = re.compile(r"(?<![,;:])\swho\s+(?:(?:had|has|have)\s+)?$", re.I)
# "could delay its completion", "pending completion", "ahead of the handover's completion": the
# thing is still to be done
_AHEAD_BEFORE = re.compile(
    r"\b(?:delay(?:s|ed|ing)?|postpon(?:e|es|ed|ing)|hold(?:s|ing)? up|held up|"
    r"await(?:s|ed|ing)?|pending|ahead of|prior to|nearing|near|towards?)\s+"
    r"(?:(?:the|its|their|his|her|a|final|full|eventual|formal|planned|expected|"
    r"[\w-]+[’']s)\s+)*$",
    re.I,
)
_NOT_ASSERTED = (
    _NEGATED_PROGRESS, _FUTURE_BEFORE, _OPEN_BEFORE, _CLAIMED_BEFORE, _DESCRIBES_BEFORE,
    _AHEAD_BEFORE,
)


def asserted_at(sentence: str, start: int) -> bool:
    """What begins at ``start`` is asserted by the sentence (see ``_asserted``)."""
    return not any(r.search(sentence[:start]) for r in _NOT_ASSERTED)


def stated_at(sentence: str, start: int) -> bool:
    """What begins at ``start`` is said to be so or to be coming ("will stay on"): not negated,
    asked or supposed, nor somebody's claim (``asserted_at`` less the test for the future)."""
    return not any(
        r.search(sentence[:start]) for r in _NOT_ASSERTED if r is not _FUTURE_BEFORE
    )


# ", which has carried out airstrikes,": a relative clause that says what someone has done
_RELATIVE_BEFORE = re.compile(r"(?:,\s*|\s)(?:who|which)\s+(?:(?:has|have|had)\s+)?$", re.I)


def completion_described(sentence: str) -> bool:
    """The sentence's completion word is in a relative clause that describes someone ("the
    United States, which has carried out airstrikes, said it is prepared to extend them"): it
    is background to what the sentence puts forward, not a claim that something is done."""
    m = _asserted(COMPLETE, sentence)
    return m is not None and _RELATIVE_BEFORE.search(sentence[: m.start()]) is not None


def completed_at(sentence: str) -> int | None:
    """Where the sentence's asserted completion word is ("took place", "was completed"), if
    it has one."""
    m = _asserted(COMPLETE, sentence)
    return m.start() if m else None


def share_before(text: str) -> bool:
    """``text`` ends in a share of the things ("twelve of the 40", "half of the"): what
    follows was done to some of them."""
    return _SHARE_BEFORE.search(text) is not None


@lru_cache(maxsize=32768)  # a sentence's progress, speaker and process each look for them,
# once per open claim
def _asserted(pattern: re.Pattern[str], sentence: str) -> re.Match[str] | None:
    """The first place ``pattern`` occurs where the sentence asserts it: not negated ("was not
    called off", "hasn't begun", "was never carried out"; whether that denies the claim is the
    negated word's business), not still to come ("is expected to be completed"), not asked or
    supposed ("unclear whether it was completed", "if it is completed") and not somebody's
    claim that it is ("denied reports that it was completed", "the claim that it was
    completed is false")."""
    return next(
        (
            m
            for m in pattern.finditer(sentence)
            if asserted_at(sentence, m.start())
        ),
        None,
    )


# a denial verb, as opposed to a word that calls something false ("a hoax", "not true")
_DENIAL_VERB = re.compile(
    rf"(?:den(?:ied|ies|y|ying)|refut|{_DISMISSED}|{_WRONGLY}|no evidence|no proof)",
    re.I,
)
# "the claims were denied", "has been dismissed as": what is denied comes before the verb
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", re.I)
# what a denial points back at rather than states: "denied it", "denied the reports", "denied
# Peskov's account", "denied that"
_POINTS_BACK = re.compile(
    r"^\s*(?:(?:the|these|those|such|any|all|this|that|his|her|their|its|[A-Z][\w’'-]*[’']s)\s+)*"
    rf"(?:(?:{_CLAIM_NOUNS}|involvement|role|part|responsibility|participation|plans?)\b\s*"
    r"(?:(?:that|of|about|on|in|for|to)\b)?|(?:it|this|that|them|everything|of|about)\b)",
    re.I,
)


def denied_clauses(sentence: str) -> tuple[str, ...] | None:
    """What each denial verb in the sentence denies: the words after it to the end of their
    clause, less what only points back at the claim ("denied reports that the swap had been
    completed" → "the swap had been completed"; "denied it" → ""). None where that cannot be
    told: the sentence also calls something false ("a hoax", "not true") or denies in the
    passive ("the reports were denied by Kyiv")."""
    out = []
    for m in DENIED.finditer(sentence):
        if _attributive(sentence, m) or _NEGATED_CUE.search(sentence[: m.start()]):
            continue
        if not _DENIAL_VERB.match(m.group(0)) or _PASSIVE_BEFORE.search(sentence[: m.start()]):
            return None
        rest = _clause(sentence[m.end() :])
        back = _POINTS_BACK.match(rest)
        out.append(rest[back.end() :] if back else rest)
    return tuple(out) or None


# "the video of a tanker hitting the pier is a hoax": what is called false is named before it
_CALLED_FALSE = re.compile(
    r"\b(?:is|was|are|were)\s+[\"“']?(?:(?:a|an|all|just|simply|completely|entirely|totally|"
    r"clearly|also)\s+)*(?:hoax|fake|false|untrue|fabricated|baseless|fabrication|"
    r"not (?:true|right|real|correct|accurate|genuine|authentic))\b",
    re.I,
)
# where that name starts: after a clause break or a verb of saying ("officials said the …")
_SUBJECT_START = re.compile(
    rf"[,;:—–(\"“]|\b(?:{_SAID}|say|that|but)\b",
    re.I,
)
_POINTING = frozenset(
    content_words("it this that these those they he she the whole entire thing news rumours "
                  "rumors rumour rumor reports report story stories claims claim allegations "
                  "allegation accounts account")
)


def called_false(sentence: str) -> frozenset[str] | None:
    """What the sentence calls false by name: the content words before "is a hoax", "was
    fake" ("the video of a tanker hitting the pier is a hoax" → video, tanker, …). None where
    it names nothing of its own ("it was all a hoax", "the reports are false") or calls
    nothing false that way."""
    m = _CALLED_FALSE.search(sentence)
    if m is None:
        return None
    before = sentence[: m.start()]
    starts = list(_SUBJECT_START.finditer(before))
    named = before[starts[-1].end() if starts else 0 :]
    if starts and starts[-1].group(0).lower() == "that":
        # "rumours that its robots are roaming the campus are not true": what did not happen
        # is the clause's verb, as with a denial ("denied that any crew had been mistreated")
        verbs = denied_verbs(named)
        if verbs:
            return frozenset(verbs)
    words = content_words(named) - _POINTING
    return frozenset(words) or None


# an aside between a subject and its verb ("that the King, a trained pilot, is flying")
_SUBJECT_ASIDE = re.compile(
    r",[^,;:.()—–]{1,40},\s+(?:[a-z]+ly\s+)?(?:is|are|was|were|has|have|had|will|would|did|does|"
    r"do|could|can|may|might|must|should)\b"
)


def _clause(rest: str) -> str:
    """``rest`` up to the end of its clause, across an aside between a subject and its verb."""
    start = 0
    while (brk := _CLAUSE_BREAK.search(rest, start)) is not None:
        aside = _SUBJECT_ASIDE.match(rest, brk.start())
        if aside is None:
            return rest[: brk.start()]
        start = aside.end()
    return rest


# the verbs of a denied clause: a participle after an auxiliary ("any crew had been
# mistreated", "he was killed") or a gerund that opens it ("denied mistreating crews") or says
# by what means ("denied causing floods by opening dams"); an
# "-ed" word elsewhere is as likely an adjective ("a pumpkin spice flavored condom")
_VERBISH = re.compile(
    r"(?:\b(?:is|are|was|were|be|been|being|has|have|had|having)\s+(?:(?:not|never|also|"
    r"already|just|allegedly|been|[a-z]+ly)\s+)*|\bby\s+|^\s*)"
    r"((?<![\w-])[a-z][a-z’']{2,}(?:ed|ing)(?![\w-])|taken|given|stolen|broken|shot|hit|hurt|"
    r"held|made|sent|left|lost|paid|sold|told|built|met|won|beaten|fallen|seen|shown|spoken|"
    r"written|thrown|struck|fought|caught|bought|brought|sunk|bitten|eaten|flown|frozen|"
    r"hidden|ridden|sworn|torn|woken|chosen|driven|gone|come|done|found|kept|put|set|shut|"
    r"split|spent|stuck|taught|begun)\b"
)


_PREPOSITION = re.compile(
    r"\b(?:during|in|at|on|of|for|with|by|from|after|before|over|about|against|between|into|"
    r"amid|since|under|near|inside|outside|following)\b",
    re.I,
)


def denied_head(clause: str) -> set[str]:
    """The content words of a denied clause's first noun phrase, up to its first preposition
    ("sabotage during the handover" → sabotag; "a prisoner swap" → prison, swap)."""
    cut = _PREPOSITION.search(clause)
    return content_words(clause[: cut.start()] if cut else clause)


def denied_verbs(clause: str) -> set[str]:
    """The verbs of a denied clause, as content words ("any crew had been mistreated" →
    mistre)."""
    verbs: set[str] = set()
    for m in _VERBISH.finditer(clause):
        verb = content_words(m.group(1))
        if verb & _DOING_VERBS:  # "conducting airstrikes": what is done is the airstrikes
            rest = clause[m.end() :]
            cut = _PREPOSITION.search(rest)
            verb |= content_words(" ".join((rest[: cut.start()] if cut else rest).split()[:3]))
        verbs |= verb
    return verbs - _LIGHT_VERBS


# verbs whose object says what was done ("conducting airstrikes", "carried out a raid")
_DOING_VERBS = frozenset(
    content_words("conducting conducted carrying carried launching launched staging staged "
                  "performing performed mounting mounted undertaking undertaken")
)
# verbs that carry little of their own: in "denied any deal had been reached" the deal is denied
_LIGHT_VERBS = frozenset(
    content_words("reached made held given taken done put set gone come found kept having being "
                  "planning intending preparing going trying seeking considering")
)


# "fake passports", "false documents": the adjective describes something else, unless that is
# what was reported ("fake news", "a false report", "the video is fake") or the claim's own
# subject ("a false Batmobile theft": see ``faked_words``)
_ADJECTIVES = frozenset(["false", "fake", "fabricated", "incorrect", "inaccurate", "erroneous"])
_REPORTED_THINGS = re.compile(
    r"(?:news|reports?|story|stories|claims?|videos?|photos?|images?|pictures?|rumou?rs?|"
    r"accounts?|tweets?|posts?|footage|clip|letter|quotes?|article|headlines?)\b",
    re.I,
)


def faked_words(sentence: str) -> frozenset[str]:
    """The content word that "fake"/"false" describes, where it describes something ("false
    Batmobile theft" → batmobile): a denial of a claim about that, and of nothing else."""
    out: set[str] = set()
    for m in DENIED.finditer(sentence):
        if _attributive(sentence, m):
            after = sentence[m.end() :].split()[:1]
            out.update(content_words(after[0]) if after else ())
    return frozenset(out)


def _attributive(sentence: str, m: re.Match[str]) -> bool:
    if m.group(0).lower() not in _ADJECTIVES:
        return False
    after = re.match(r"\s+([A-Za-z][\w’'-]*)", sentence[m.end() :])
    if after is None:
        return False
    word = after.group(1)
    return word.lower() not in ("and", "or", "but") and not _REPORTED_THINGS.match(word)


_PARTICIPLE = (
    r"(?:[a-z]{3,}(?:ed|en)|found|held|made|caught|shot|hit|built|sold|paid|told|kept|brought|"
    r"bought|lost|sent|hurt|born|done|gone|left)\b"
)
_NEGATED = re.compile(
    r"(?:(?:^|[:—–]\s*)No\b[,:!.]|"
    r"\b(?:is|are|was|were|has|have|had|does|do|did|will|would|can|could|should)(?:\s+not|n[’']t)\b|"
    r"\b(?:won|can)[’']t\b|\bcannot\b|\bnever\b|\bisn[’']t\b|"
    # "will no longer arrest", "will stop arresting": from then on it does not happen
    r"\bno\s+longer\b|\b(?:stop|stops|stopped|stopping|cease|ceases|ceased)\s+(?=[a-z]+ing\b)|"
    # headlinese drops the auxiliary: "Rosenberg Not Captured", "students not found"; "whether
    # or not", "if not" ask or concede
    rf"(?<!\bor )(?<!\bif )\bnot(?=\s+(?:{_PARTICIPLE}|among))|"
    # "a ticket, not an arrest": the one and not the other
    r"(?<=,\s)not\b(?!\s+(?:only|just|least|yet|even|to|so|that|necessarily)\b)|"
    # "has refused to resign", "declined to sign", "has yet to begin", "rejected calls to quit"
    r"\b(?:refus|declin)(?:ed|es|e|ing)\s+to\b|"
    r"\b(?:reject|resist|rebuff|dismiss|defi)(?:ed|s|es|ing)?\s+(?:growing\s+|mounting\s+)?"
    r"(?:calls|demands|pressure)\s+(?:to|for\s+(?:him|her|them|it)\s+to)\b|\b(?:has|have|had|is|are)\s+yet\s+to\b|"
    # "there was no swap"; "no swap had been agreed" negates the agreeing, "no prisoners were
    # hurt" the hurting, not the prisoners
    r"\bthere\s+(?:was|were|is|are|has been|have been|had been|will be)\s+no\b|"
    r"\bno\s+(?:[\w’'-]+\s+){1,3}?(?:has|had|have|was|were|is|are)\s+(?:yet\s+)?been\b|"
    # "no hostages were released" (not "no fewer than 40 were released"); "has no intention
    # of resigning", "no plans to resign"
    r"\bno\s+(?!(?:fewer|less|more|longer|sooner|doubt|matter)\b)(?:[\w’'-]+\s+){1,3}?"
    rf"(?:was|were|is|are)\s+(?={_PARTICIPLE})|\bno\s+(?:intention|plans?)\s+(?:of|to)\b)",
    re.I,
)
# "did not say", "has not commented", "could not be reached": a silence, not a denial
_SILENT = re.compile(
    r"(?:\bnot|n[’']t|\bnever|\b(?:refus|declin)(?:ed|es|e|ing)\s+to|\byet\s+to)\s+"
    r"(?:yet\s+|immediately\s+|publicly\s+)?(?:(?:going|able|prepared|willing)\s+to\s+)?"
    r"(?:be\s+|been\s+)?(?:say|said|comment|commented|respond|responded|reply|replied|confirm|confirmed|verify|"
    r"verified|disclose|disclosed|reveal|revealed|know|known|specify|specified|elaborate|"
    r"return|returned|reached|available|clear|only)\b|"
    # "there was no immediate comment", "no details were given"
    r"\bno\s+(?:immediate\s+|further\s+|official\s+|public\s+)?(?:details?|comment|word|"
    r"information|response|reply)\b",
    re.I,
)


def negates(sentence: str) -> bool:
    """The sentence says something did not (or will not) happen ("No, Banksy hasn't been
    arrested", "the car wasn't stolen"), as opposed to a silence ("did not comment") or
    advice ("Don't reset your phone")."""
    return next(_negations(sentence), None) is not None and not _SILENT.search(sentence)


# the words of a calling-off cue itself, which say nothing of what was called off
_CALLING_OFF = frozenset(
    content_words("called calls calling off cancelled canceled cancels collapsed scrapped broke "
                  "down postponed indefinitely suspended will not go ahead fell through "
                  "abandoned blocked vetoed shelved axed nixed ditched no longer going happening "
                  "taking place pulled backed walked away withdrew withdrawn reneged now "
                  "officially")
)


def called_off_words(sentence: str) -> frozenset[str]:
    """What the sentence says was called off, as the content words of the clause around its
    calling-off cue ("Bale is back in the mix after talks with DiCaprio fell through" → talk,
    leonardo, dicaprio); empty where it calls nothing off."""
    m = _asserted(CALLED_OFF, sentence)
    if m is None:
        return frozenset()
    starts = [b.end() for b in _CLAUSE_BREAK.finditer(sentence, 0, m.start())]
    start = max(starts[-1] if starts else 0, sentence.rfind("\n", 0, m.start()) + 1)
    line_end = sentence.find("\n", m.end())  # a line ends the clause too
    end = len(sentence) if line_end < 0 else line_end
    brk = _CLAUSE_BREAK.search(sentence, m.end(), end)
    return frozenset(content_words(sentence[start : brk.start() if brk else end]) - _CALLING_OFF)


def calls_off(sentence: str) -> bool:
    """The sentence says something was called off ("the concert was cancelled")."""
    return progress(sentence) is Progress.CALLED_OFF


# a sentence that starts "Don't" / "Do not" tells the reader what to do
_IMPERATIVE = re.compile(r"^\W*do(?:\s+not|n[’']t)\b", re.I)


def _negations(sentence: str) -> Iterator[re.Match[str]]:
    imperative = _IMPERATIVE.match(sentence)
    for m in _NEGATED.finditer(sentence):
        if imperative is None or m.start() >= imperative.end():
            yield m


@dataclass(frozen=True)
class Negation:
    """What one negation says did not happen: the negated word, and what it was not done to
    where the sentence says ("has not released a public statement" → released, {public,
    statement}); no object for a passive, a noun or a verb that takes none ("wasn't stolen",
    "there was no swap")."""

    word: frozenset[str]
    object: frozenset[str] = frozenset()

    def of(self, about: set[str] | frozenset[str]) -> bool:
        """It negates something ``about`` names: its word, and its object if it has one
        ("has not released a statement" does not deny a release of prisoners)."""
        return bool(self.word & about) and (not self.object or bool(self.object & about))


_ORDINALS = frozenset(["first", "last", "only", "second", "third", "latest", "same", "next"])
_BE = frozenset(["be", "been", "being", "is", "are", "was", "were"])
_BE_NEGATION = re.compile(r"\b(?:is|are|was|were|be|been|isn|wasn|aren|weren|there)\b", re.I)
# what ends a verb's object: a preposition, a conjunction, a relative or a clause ("place":
# "never took place" takes none)
_OBJECT_END = frozenset(
    ["place", "about", "to", "by", "in", "at", "on", "from", "with", "for", "of", "over", "into",
     "after", "before", "during", "since", "until", "and", "or", "but", "that", "which", "who",
     "because", "as", "while", "if", "when", "despite", "amid", "than", "like"]
)


# the name just before a negation ("Christian Bale will not be …")
_NAMED_SUBJECT = re.compile(
    r"((?:[A-Z][\w’'.-]*\s+){1,4})(?:(?:will|would|could|can|may|might|is|was|are|were|has|"
    r"have|had)\s+)?$"
)


def negations(sentence: str) -> tuple[Negation, ...]:
    """What each negation negates, past auxiliaries, articles and prepositions, if it is a
    content word: what the sentence says did not happen ("wasn't stolen" → stolen; "is not by
    Banksy" → banksy; "isn't going to be selling" → sell), with its object. "Did not tell the
    swimmer" negates telling, not the swimmer, and gives nothing. None for a silence, nor for a
    negation in a condition or a question ("threatened to kill him if the US did not meet the
    demands")."""
    if _SILENT.search(sentence):
        return ()
    out = []
    for m in _negations(sentence):
        if _OPEN_BEFORE.search(sentence[: m.start()]):
            continue
        rest = sentence[m.end() :].split()[:10]
        at = next((i for i, w in enumerate(rest[:6])
                   if w.lower().strip(",.;:!?\"'“”") not in _NEGATION_FILLER), None)
        # "armed(Knightscope)": a bracket glued to the word is not part of it
        word = content_words(re.split(r"[(\[]", rest[at])[0]) if at is not None else set()
        if at is None or not word:
            continue
        passive = _BE_NEGATION.search(m.group(0)) is not None or any(
            w.lower() in _BE for w in rest[:at])
        if (passive and at and rest[at - 1].lower() in ("a", "an", "the")
                and rest[at].lower() not in _ORDINALS):
            # "it wasn't the right move": the noun, not its adjective ("it would not be the
            # first time", "isn't the first member of Congress to" deny no time or member)
            word = (_phrase(rest[at : at + 4]) or [word])[-1]
        obj: set[str] = set()
        if not passive and not m.group(0).startswith(("No", "no")) and rest[at][-1:] not in (
                ",.;:!?"):
            # "No, Saudi TV didn't …": what follows "No," is who, not what
            obj = set().union(*_phrase(rest[at + 1 : at + 5]))
        elif passive and not _title_case(sentence) and (
                who := _NAMED_SUBJECT.search(sentence[: m.start()])):
            # "Christian Bale will not be playing Steve Jobs", "… will not be Steve Jobs": it is
            # that person who does not, which denies nothing of another actor's role
            if rest[at][:1].isupper():
                word = set().union(*_phrase(rest[at : at + 4]))
            obj = content_words(who.group(1))
        out.append(Negation(frozenset(word), frozenset(obj)))
    return tuple(out)


def _phrase(words: list[str]) -> list[set[str]]:
    """The content words of a noun phrase's first words, up to a preposition, a conjunction
    or a punctuation mark."""
    out: list[set[str]] = []
    for w in words:
        bare = w.lower().strip(",.;:!?\"'“”()")
        if bare in _OBJECT_END:
            break
        if words_of := content_words(bare):
            out.append(words_of)
        if w[-1:] in ",.;:!?":
            break
    return out


# between a negation and what it negates ("isn't going to be selling", "is not by Banksy")
_NEGATION_FILLER = frozenset(
    ["going", "gonna", "able", "be", "been", "being", "get", "getting", "got", "ever", "even",
     "actually", "really", "just", "yet", "likely", "necessarily", "about", "to", "the", "a",
     "an", "by", "in", "at", "on", "from", "with", "for", "of", "all", "any", "quite", "so",
     "not", "it's", "it’s", "this", "that", "there", "is", "was", "are", "were", "have", "has",
     "had", "among", "those", "who", "planning", "intending", "preparing", "seeking",
     "trying", "much", "very", "too", "entirely", "exactly", "always"]
)


_WH = re.compile(r"^\W*(?:how|why|what|who|whom|whose|when|where|which)\b", re.I)


def question(sentence: str) -> bool:
    """The sentence asks whether, rather than says ("Was the audio a hoax?", "Russian Yeti or
    hoax?"). A wh-question presupposes what it asks about ("How did a fake site dupe the
    Post?" says the site is fake), so it is not one of these."""
    return sentence.rstrip('"”’\' )').endswith("?") and not _WH.match(sentence)


def hedged(sentence: str) -> bool:
    return bool(HEDGED.search(sentence))


# what is confirmed is that something is not so: "were confirmed not to be the missing
# students", "confirmed that she had not been arrested"
_CONFIRMED_NOT = re.compile(
    r"(?:(?!\b(?:but|and|while|although)\b)[^,.;:]){0,80}?(?:\bnot\b|n[’']t\b|\bnever\b)", re.I
)


def _confirmation(sentence: str) -> bool | None:
    """Whether the sentence's reported confirmation is that something is not so ("were
    confirmed not to be the missing students"); None where it reports none, or only a failure
    to confirm or one still to come or supposed ("has yet to be confirmed", "if confirmed")."""
    m = _asserted(CONFIRMS, sentence)
    if m is None or UNCONFIRMED.search(sentence):
        return None
    return _CONFIRMED_NOT.match(sentence, m.end()) is not None


def confirms(sentence: str) -> bool:
    """The sentence reports a confirmation ("X confirmed ..."), not a failure to confirm, nor
    one still to come or supposed, nor one that something is not so ("confirmed not to be";
    whether that denies the claim is the negation's business)."""
    return _confirmation(sentence) is False


def confirms_negative(sentence: str) -> bool:
    """The sentence reports a confirmation that something is not so ("port officials confirmed
    the ferry did not sail")."""
    return _confirmation(sentence) is True


def corroborated(sentence: str) -> bool:
    """The parties concerned, or independent sources, report it together ("both governments
    confirmed ...", "Russia's defence ministry and Ukrainian officials said"); "prisoners on each
    side were freed, officials said" is not a report by either side."""
    if CORROBORATED.search(sentence):
        return True
    plain = _APPOSITIVE.sub(" ", sentence)  # "Both sides, in a statement, confirmed"
    if any(_REPORTS.search(plain[m.end() :].split(",")[0]) for m in _PARTIES.finditer(plain)):
        return True
    return _distinct_coordinated_speakers(sentence)


def _distinct_coordinated_speakers(sentence: str) -> bool:
    """The subject of a reporting verb names two different parties ("Reuters and the
    Associated Press reported"); "Trump and his aides said" is one."""
    for verb in _REPORT_VERB.finditer(sentence):
        both = _COORDINATED_SUBJECT.search(_APPOSITIVE.sub(",", sentence[: verb.start()]))
        if both is not None:
            first, _, second = both.group(1).rpartition(" and ")
            if re.match(_OWN_PEOPLE, second):
                return False
            a, b = party_key(first), party_key(second)
            return bool(a) and bool(b) and not a & b  # "Trump and his aides" is one
    return False
