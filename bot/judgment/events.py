"""What a claim says happens, and whether a later sentence says, in words of its own, that it
did, did not or was stopped: for a claim of something to come, the claim's verb and what that
verb is about, the amounts it names, and the same verb asserted in the past about the same thing
("the venue will be announced" → "the venue was announced"); for a claim of an ending or a
departure, what meets or undoes it ("the strike ended" → "the strike continues"; "the minister
resigned" → "remains in his post"). Built on the cue reading's test of what a sentence asserts
(:mod:`cues`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from bot.domain.vocab import Progress
from bot.judgment.cues import asserted_at, stated_at
from bot.judgment.text import content_words, stem

# what a claim says is still to happen: the verb after "will", "would", "to" ("the venue will be
# announced" → announced; "agreed to exchange 1,000 prisoners" → exchange)
_FORWARD_VERB = re.compile(
    r"\b(?:will|would|shall|to)\s+(?:(?:not|soon|also|finally|then|now|be|formally|officially|"
    r"jointly|again)\s+)*([a-z][a-z’'-]+)\b"
)
# too light to say what happened ("will have to", "to take place": see COMPLETE for that)
_NO_PREDICATE = frozenset(
    ["be", "been", "have", "do", "get", "go", "come", "take", "make", "the", "a", "an", "and",
     "or", "its", "their", "his", "her", "this", "that"]
)
# one deed in other words: "will resign" is done by "stepped down"; "will step down" is read as
# "will resign" (``predicate``)
_SAME_DEED = {
    "resign": ("quit", "stepped down", "stood down"),
    "quit": ("resigned", "stepped down", "stood down"),
}
_PUNCT = ",.;:!?\"“”()"  # stripped from a word's ends
_STEP_DOWN = re.compile(r"^(?:step|stand)\s+down\b", re.I)
_IRREGULAR = {
    "meet": ("met",), "hold": ("held",), "sell": ("sold",), "win": ("won",), "leave": ("left",),
    "begin": ("began", "begun"), "pay": ("paid",), "send": ("sent",), "build": ("built",),
    "buy": ("bought",), "bring": ("brought",), "give": ("gave", "given"),
    "fight": ("fought",), "speak": ("spoke", "spoken"), "choose": ("chose", "chosen"),
    "write": ("wrote", "written"), "lose": ("lost",), "find": ("found",), "tell": ("told",),
    "see": ("saw", "seen"), "rise": ("rose", "risen"), "fall": ("fell", "fallen"),
    "strike": ("struck",), "withdraw": ("withdrew", "withdrawn"), "fly": ("flew", "flown"),
    "draw": ("drew", "drawn"), "run": ("ran",), "swear": ("swore", "sworn"),
    "undertake": ("undertook", "undertaken"), "forgive": ("forgave", "forgiven"),
}


@dataclass(frozen=True)
class Predicate:
    """What a claim of something to come says will happen: its verb, and what the verb is
    about (its object, or its subject where there is none or the verb is passive)."""

    verb: str
    theme: frozenset[str]


_WINDOW = 4  # words either side of a verb that say what it is about
_STOP_WINDOW = re.compile(
    r"^(?:and|but|or|while|as|because|after|before|when|since|though|although|which|who|that|"
    r"said|says|saying)$",
    re.I,
)
_PREPOSITIONS = frozenset(
    ["in", "on", "at", "to", "from", "for", "with", "by", "after", "before", "since", "during",
     "until", "into", "over", "under", "across", "near", "amid", "again", "later", "soon",
     "today", "yesterday", "tomorrow", "this", "next", "last", "early", "late",
     # "resigned as transport minister": the role, not what the verb is done to
     "as"]
)
_PASSIVE_AUX = frozenset(["be", "is", "are", "was", "were", "been", "being", "get", "got"])
# "are being managed", "is still being released": under way, not done
_ONGOING_BEFORE = re.compile(r"\b(?:being|still)\s+$", re.I)
# what someone wants done: "a prisoner exchange to get the girls released", "a bid to have
# them freed", "hopes to see him released"
_WANTED_BEFORE = re.compile(r"\bto\s+(?:get|have|see|help)\s+(?:[\w’'-]+\s+){0,5}$", re.I)
# a participle that describes a thing of a sentence about what is still to come: "will take
# the lead in the film Jobs, directed by Danny Boyle" says nothing of the film being made
_DESCRIBED_AHEAD = re.compile(
    r"\b(?:will|would|shall|(?:is|are)\s+(?:set|due|expected|scheduled)\s+to)\b[^.;:!?]*,\s*$",
    re.I,
)


def _window(words: list[str], i: int, step: int) -> list[str]:
    out: list[str] = []
    j = i + step
    while 0 <= j < len(words) and len(out) < _WINDOW:
        w = words[j]
        if _STOP_WINDOW.match(w.strip(",.;:")) or (step > 0 and w[:1] in ",.;:"):
            break
        out.append(w.strip(",.;:\"“”"))
        if w[-1:] in ",.;:" and step > 0:
            break
        if j > 0 and words[j - 1][-1:] in ",.;:" and step < 0:
            break
        j += step
    return out


def _theme(words: list[str], i: int) -> frozenset[str]:
    """What the verb at ``words[i]`` is about: the words after it when it takes an object,
    the words before it when it is passive ("the venue was announced") or takes none ("the
    bridge reopened on Monday")."""
    passive = i > 0 and words[i - 1].lower() in _PASSIVE_AUX
    after = words[i + 1].lower().strip(",.;:") if i + 1 < len(words) else ""
    intransitive = not after or after in _PREPOSITIONS or words[i][-1:] in ",.;:"
    if passive or intransitive:
        return frozenset(content_words(" ".join(_window(words, i, -1))))
    return frozenset(content_words(" ".join(_window(words, i, 1))))


def predicate(claim: str) -> Predicate | None:
    """The verb a claim says is still to happen, with what it is about, if it has one."""
    m = _FORWARD_VERB.search(claim)
    if m is None or m.group(1).lower() in _NO_PREDICATE:
        return None
    words = claim[: m.start(1)].split()
    # "the venue will be announced": passive; the subject precedes the modal
    passive = " be " in f" {claim[m.start() : m.start(1)].lower()}"
    before = [w for w in words if w.lower() not in ("will", "would", "shall", "to", "be")]
    step_down = _STEP_DOWN.match(claim[m.start(1) :]) is not None
    if passive:
        theme = frozenset(content_words(" ".join(_window([*before, "_"], len(before), -1))))
    else:
        allw = before + claim[m.start(1) :].split()
        # "will step down as coach": what it is about is read past the particle
        theme = _theme(allw, len(before) + step_down)
    return Predicate("resign" if step_down else m.group(1).lower(), theme)


_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?![\w.]|,\d)")
_DATE_BEFORE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+$", re.I
)


def amounts(text: str) -> frozenset[str]:
    """The numbers a text gives, less years and days of a month ("1,000 prisoners" → 1000)."""
    out = set()
    for m in _NUMBER.finditer(text):
        n = m.group(1).replace(",", "")
        if (len(n) == 4 and n[:2] in ("19", "20")) or _DATE_BEFORE.search(text[: m.start()]):
            continue
        out.add(n)
    return frozenset(out)


def did_at(sentence: str, pred: Predicate) -> int | None:
    """The sentence asserts, in the past, what a claim put in the future, about the same thing
    ("the venue was announced" for "the venue will be announced", "the two leaders met in
    Geneva" for "are set to meet in Geneva"): in the claim's own verb, about what the claim's
    verb is about, and not negated, still to come, asked about or somebody's claim (see
    ``cues.asserted_at``). "A video released on Friday" releases no prisoners. Where in the
    sentence the verb is, or None."""
    base = stem(pred.verb)
    past = _IRREGULAR.get(pred.verb, ())
    alike = _SAME_DEED.get(pred.verb, ())
    starts = {p.split()[0] for p in alike if " " in p}  # "stepped" of "stepped down"
    words = sentence.split()
    offset = 0
    for i, raw in enumerate(words):
        at = sentence.find(raw, offset)
        offset = at + len(raw)
        w = raw.lower().strip(_PUNCT)
        regular = w.endswith("ed") and stem(w) == base and (
            w != pred.verb or pred.verb.endswith("ed"))
        phrase = (
            w in starts and i + 1 < len(words) and raw[-1:] not in ",.;:"
            and f"{w} {words[i + 1].lower().strip(_PUNCT)}" in alike
        )
        if not (regular or w in past or w in alike or phrase):
            continue
        before = sentence[:at]
        if _ONGOING_BEFORE.search(before) or _WANTED_BEFORE.search(before):
            continue
        if not asserted_at(sentence, at) or _DESCRIBED_AHEAD.search(before):
            continue
        # "stepped down on Monday": what it is about is read past the particle
        if _theme(words, i + 1 if phrase else i) & pred.theme:
            return at
    return None


# verbs that undo each other's news: "will raise rates" against "cut rates", "will keep the
# plant open" against "plans to close the plant", "will approve the merger" against "blocked it"
_OPPOSITES = {
    "raise": "cut lower reduce", "increase": "cut lower reduce decrease",
    "cut": "raise increase hike", "lower": "raise increase hike", "reduce": "raise increase",
    "open": "close shut", "reopen": "close shut", "close": "open reopen keep",
    "approve": "block reject veto", "accept": "reject refuse decline",
    "sign": "veto reject", "win": "lose", "lose": "win",
}
# "will keep the plant open", "is to remain open": open, as the news
_KEPT_OPEN = re.compile(r"\b(?:keep|keeps|remain|remains|stay|stays)\b[^.;,]{0,40}?\bopen\b", re.I)
# a form of a verb: "close", "closes", "closed", "closing", "closure"
_FORMS = ("", "s", "es", "d", "ed", "ing", "ure", "ures")


def opposites(claim: str, pred: Predicate | None) -> frozenset[str]:
    """The verbs whose news undoes what a claim of something to come says will happen (see
    ``_OPPOSITES``), lower case; none where its verb has no opposite."""
    verb = "open" if _KEPT_OPEN.search(claim) else (pred.verb if pred else "")
    return frozenset(_OPPOSITES.get(verb, "").split())


def _form_of(word: str, verbs: frozenset[str]) -> str | None:
    w = word.lower().strip(",.;:!?\"“”()")
    return next((v for v in verbs for f in _FORMS if w in (v + f, v[:-1] + f)), None)


def says_any(text: str, verbs: frozenset[str]) -> bool:
    """The text has a form of one of ``verbs`` ("closed", "closing", "closure" for close)."""
    return any(_form_of(w, verbs) for w in text.split())


def opposed_at(sentence: str, undo: frozenset[str], theme: frozenset[str]) -> bool:
    """The sentence says, as done or to be done, what undoes the claim (one of ``undo``, in
    any form) to what the claim's verb is about, and does not negate, ask, hope for or report
    someone's claim of it ("plans to close the Gdansk plant" against "will keep the Gdansk
    plant open"; not "denied it would close the plant")."""
    if not undo or not theme:
        return False
    words = sentence.split()
    offset = 0
    for i, raw in enumerate(words):
        at = sentence.find(raw, offset)
        offset = at + len(raw)
        verb = _form_of(raw, undo)
        if verb is None or (verb == "keep" and not _KEPT_OPEN.match(sentence, at)):
            continue
        if not stated_at(sentence, at) or _NOT_MEANT_BEFORE.search(sentence[:at]):
            continue
        if _theme(words, i) & theme:
            return True
    return False


# "have no plans to close", "refused to close", "is not going to close"
_NOT_MEANT_BEFORE = re.compile(
    r"\b(?:no\s+(?:plans?|intentions?)\s+to|(?:refus|declin|reject)\w*\s+(?:calls\s+)?to|"
    r"not\s+(?:\w+\s+){0,2}to)\s+$",
    re.I,
)


_NOT_YET = re.compile(r"(?:\bnot|n[’']t)\b[^.;,]{0,30}?\byet\b|\byet\s+to\b", re.I)


def not_yet(sentence: str) -> bool:
    """The sentence says something has not happened yet ("has not been announced yet", "has
    yet to sign"): no denial of what is still to come."""
    return bool(_NOT_YET.search(sentence))


# "the handover was halted", "has been put on hold": stopped for now, not complete
_PAUSED = re.compile(
    r"\b(?:halted|paused|put on hold|on hold|delayed|postponed|stalled|held up|deferred|"
    r"rescheduled|(?:pushed|put) (?:back|off) (?:to|until|till)|put off)\b",
    re.I,
)
# when a claim says the thing will happen: "on Monday", "by March 3", "next week", "tomorrow"
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|"
          r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?")
_WHEN = re.compile(
    rf"\b(?:(?:on|by|before|until|from|this|next)\s+(?:{_WEEKDAY}|the\s+\d{{1,2}}(?:st|nd|rd|th))|"
    rf"{_WEEKDAY}|(?:on|by|before|in|from|until|early|late|mid-?)\s*{_MONTH}(?:\s+\d{{1,2}})?\b|"
    rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|today|tonight|tomorrow|"
    r"(?:this|next)\s+(?:week|weekend|month|year|spring|summer|autumn|fall|winter)|"
    r"(?:within|in)\s+(?:the\s+next\s+)?(?:\d+|a|one|two|three|four|five|six|seven|ten|"
    r"a few|several)\s+(?:hours?|days?|weeks?|months?)|"
    r"at\s+\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?|gmt|utc)?(?=[\s,.;:]|$))",
    re.I,
)


def dated(claim: str) -> bool:
    """The claim says when the thing will happen ("will meet in Geneva on Monday", "by
    March 3", "next week", "within 48 hours")."""
    return _WHEN.search(claim) is not None


def paused(sentence: str, about: set[str] | frozenset[str]) -> bool:
    """The sentence says the thing was stopped or put off: asserted ("was not delayed" is
    not), and said of the thing: the word of the subject nearest the verb is one of the
    claim's (``about``): "the handover was halted"; "ferry flights were delayed during the
    handover" delays flights."""
    return any(_said_of(sentence, at, about) for at in _paused_at(sentence))


@lru_cache(maxsize=16384)  # every open claim is weighed against the same sentences
def _paused_at(sentence: str) -> tuple[int, ...]:
    """Where the sentence asserts a stop or a delay, whatever it is said of."""
    return tuple(m.start() for m in _PAUSED.finditer(sentence) if asserted_at(sentence, m.start()))


_OF_PHRASE = frozenset(["of", "in", "on", "at", "to", "from", "for", "with", "by", "between",
                        "near", "over", "into", "across", "during", "after", "before", "amid"])


def _said_of(sentence: str, start: int, about: set[str] | frozenset[str]) -> bool:
    """The head noun of the subject of the verb at ``start`` is one of ``about``: the word
    before its first preposition ("flights to Geneva were delayed" are flights), or, where
    that preposition is "of", the thing it is of too ("the resumption of the ferry service");
    with no preposition, the word nearest the verb ("the rail strike continues")."""
    words = sentence[:start].split()
    if words and words[-1].lower() in ("who", "which", "that"):
        # "Lopes, who remains in her post": the relative pronoun stands for the noun before it
        words = [*words[:-2], words[-2].rstrip(",")] if len(words) > 1 else []
    subject: list[str] = []
    window = words[-8:]
    for i in range(len(window) - 1, -1, -1):
        w = window[i]
        bare = w.strip(",.;:\"“”()")
        if _names_joined(window, i, subject):
            subject.insert(0, bare)  # "talks between Russia and Ukraine" are talks
            continue
        if _STOP_WINDOW.match(bare) or (subject and w[-1:] in ",.;:"):
            break
        subject.insert(0, bare)
    first = next((i for i, w in enumerate(subject) if w.lower() in _OF_PHRASE), None)
    if first is None:
        near = [w for w in reversed(subject) if content_words(w)]
        return bool(near and content_words(near[0]) & about)
    head = [w for w in subject[:first] if content_words(w)]
    if head and content_words(head[-1]) & about:
        return True
    if subject[first].lower() == "of" or not head:
        rest = subject[first + 1 :]
        stop = next((i for i, w in enumerate(rest) if w.lower() in _OF_PHRASE), len(rest))
        return bool(content_words(" ".join(rest[:stop])) & about)
    return False


def _names_joined(words: list[str], i: int, subject: list[str]) -> bool:
    """``words[i]`` is an "and" that joins two parties and ends no clause: two names ("Russia
    and Ukraine", read back from the second: all of ``subject`` so far is names) or the two
    sides of a "between" ("talks between the owners and the union")."""
    if words[i].lower() != "and" or i == 0 or not subject or words[i - 1][-1:] in ",.;:":
        return False
    if all(w[:1].isupper() for w in subject) and words[i - 1][:1].isupper():
        return True
    before = words[max(0, i - 4) : i]
    return any(w.lower() == "between" for w in before) and not any(
        w[-1:] in ",.;:" for w in before
    )


# where a claim's own news ends and its circumstances begin: "the girls will be released after
# the government agreed a ceasefire" is news of a release, not of an agreement
_CIRCUMSTANCE = re.compile(
    r"(?:,\s*|\s+)(?:after|before|because|following|since|amid|once|when|while|despite|"
    r"although|though|unless|until|if|whereas)\s",
    re.I,
)


def main_words(claim: str) -> frozenset[str]:
    """The content words of a claim's main clause, less the circumstances it gives ("after the
    government agreed a ceasefire"); all its words where the main clause has none."""
    m = _CIRCUMSTANCE.search(claim)
    words = content_words(claim[: m.start()]) if m else set()
    return frozenset(words or content_words(claim))


def about_it(sentence: str, start: int, about: set[str] | frozenset[str]) -> bool:
    """The word at ``start`` is said of the thing: its subject's head noun or what follows it
    (its object, or where it happened) is one of ``about``: "the ceasefire agreement has been
    concluded"; not "six months since the kidnapping took place" for a release."""
    if _said_of(sentence, start, about):
        return True
    words = sentence[start:].split()
    after = _window(words, 1, 1) if len(words) > 1 else []
    return bool(content_words(" ".join(after)) & about)


class Change(StrEnum):
    """What kind of change a claim reports, where a later sentence can meet or undo it in
    words of its own: an ending ("the rail strike ended": met by "came to an end", undone by
    "the strike continues") or a departure ("the minister resigned": undone by "remains in
    his post")."""

    END = "end"
    LEAVE = "leave"


_ENDS = re.compile(
    r"\b(?:ended|ends|(?:came|come|comes|coming) to an end|(?:is|are|was|were) (?:now )?over)\b",
    re.I,
)
_LEAVES = re.compile(
    r"\b(?:resign(?:ed|s)?|quit(?:s)?|(?:step(?:ped|s)?|stood|stands?) down|(?:was|were|been|is|"
    r"has been|had been) (?:fired|sacked|ousted|dismissed|removed from office))\b",
    re.I,
)


def change(claim: str) -> Change | None:
    """The kind of change the claim reports (see ``Change``), if one of these."""
    if _ENDS.search(claim):
        return Change.END
    if _LEAVES.search(claim):
        return Change.LEAVE
    return None


# "ended without agreement", "ended in deadlock": talks that failed, not a thing completed
_ENDED = re.compile(
    r"\b(?:ended|(?:came|has come|have come) to an end)\b"
    r"(?!\s+(?:without|in (?:failure|deadlock|stalemate|acrimony)|inconclusively))",
    re.I,
)
_NOT_ENDED = re.compile(
    r"(?:\bnot|n[’']t|\bnever)\s+(?:yet\s+|been\s+)*(?:ended|end|come to an end)\b", re.I
)
# "the strike continues", "would go on until Friday", "dragged on": not ended
_GOES_ON = re.compile(
    r"\b(?:continu(?:es|ed|ing|e)|go(?:es)? on|went on|drag(?:s|ged)? on|(?:is|are) still on)\b",
    re.I,
)
# "remains in his post", "will stay on as minister", "is still in office"
_TITLE = (r"(?:minister|president|premier|chancellor|leader|head|chair(?:man|woman)?|director|"
          r"governor|mayor|coach|manager|secretary|speaker|ceo|chief executive|commissioner|"
          r"captain|editor)")
_STAYS = re.compile(
    r"\b(?:(?:remain(?:s|ed|ing)?|stay(?:s|ed|ing)?)\s+(?:on\b|at the helm\b|in\s+"
    r"(?:(?:his|her|their|the)\s+)?(?:post|job|role|position|office|seat|charge|power)\b)|"
    r"(?:is|are|was|were)\s+still\s+in\s+(?:(?:his|her|their|the)\s+)?"
    r"(?:post|job|role|position|office|charge|power)\b|"
    # "is still minister", "remains the club's head coach"
    r"(?:(?:is|are|was|were)\s+still|remain(?:s|ed)?)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}?"
    rf"{_TITLE}\b)",
    re.I,
)


# "the remaining prisoners are due to be exchanged", "more are expected to be freed", "the rest
# of the prisoners will be exchanged": some of it is still to come
_REST_TO_COME = re.compile(
    r"\b(?:remaining|rest\s+of\s+the|more|further)\s+((?:[\w’'-]+\s+){0,3}?)"
    r"(?:are|is|will|would)\s+(?:still\s+)?(?:due|expected|set|scheduled|to\s+be|be|yet)\b",
    re.I,
)


def rest_to_come(sentence: str, about: set[str] | frozenset[str]) -> bool:
    """The sentence says more of the things the claim is about (``about``) are still to
    come ("the remaining prisoners are due to be exchanged"; "more details are expected"
    is about something else)."""
    return any(words & about for words in _rest_to_come(sentence))


@lru_cache(maxsize=16384)
def _rest_to_come(sentence: str) -> tuple[frozenset[str], ...]:
    """The words of each "the remaining …" / "more …" the sentence states is still to come."""
    return tuple(
        frozenset(content_words(m.group(1)))
        for m in _REST_TO_COME.finditer(sentence)
        if stated_at(sentence, m.start())
    )


def undone(sentence: str, kind: Change | None, about: set[str] | frozenset[str]) -> Progress:
    """What the sentence says, in words of its own, of the change a claim reports (``kind``,
    see ``change``) to the thing the claim is about (``about``: the subject's head noun must
    be one of its words): an ending it met is complete, one it says goes on or did not come
    is not complete; a departure from a post the person stays in is denied."""
    if kind is Change.END:
        for m in _NOT_ENDED.finditer(sentence):
            if _said_of(sentence, m.start(), about):
                return Progress.NOT_COMPLETE
        for m in _ENDED.finditer(sentence):
            if asserted_at(sentence, m.start()) and _said_of(sentence, m.start(), about):
                return Progress.COMPLETE
        for m in _GOES_ON.finditer(sentence):
            if stated_at(sentence, m.start()) and _said_of(sentence, m.start(), about):
                return Progress.NOT_COMPLETE
    elif kind is Change.LEAVE:
        for m in _STAYS.finditer(sentence):
            if stated_at(sentence, m.start()) and _said_of(sentence, m.start(), about):
                return Progress.DENIED
    return Progress.NONE
