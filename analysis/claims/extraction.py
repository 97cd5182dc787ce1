"""Factual claims in article text: dates, ordinals and numbers, each tied to what it is about.

A claim is an expression ("January 13", "second", "61%") plus the subject that groups it
across outlets (the summit, the meeting, the workers) and the basis that qualifies it
("their", "with a Japanese prime minister since taking office"). Dates are attached to
the event noun or verb of their clause; ordinals to the noun they count; numbers to their
unit or noun. The rules are deliberately small and inspectable: every claim carries the
exact offsets of its expression so a reader can check it in context.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median_low
from typing import Literal

from analysis.claims.cjk import cjk_claim_parts, cjk_date_mentions, is_cjk_text
from analysis.claims.dates import DateMention, date_mentions
from analysis.text.records import Corpus, Document, Passage

__all__ = [
    "Claim",
    "ReferenceDate",
    "all_claims",
    "reference_dates",
]


ClaimKind = Literal["date", "ordinal", "number"]


@dataclass(frozen=True, slots=True)
class Claim:
    """One dated event, ordinal or number stated by one document, with its offsets."""

    claim_id: str
    doc_id: str
    passage_id: str
    kind: ClaimKind
    subject: str
    value: str
    text: str
    start: int
    end: int
    basis: str
    granularity: str
    confidence: float
    reference: str


@dataclass(frozen=True, slots=True)
class ReferenceDate:
    """The date a document's relative expressions are resolved against, and where it came from."""

    doc_id: str
    date: date | None
    label: str
    confidence: float


# Event words and the subject they stand for. Summit, meeting and talks name the same kind
# of event (and outlets use them interchangeably for one summit), so they share a subject.
_EVENT_NOUNS: dict[str, str] = {
    "summit": "summit", "summits": "summit", "meeting": "summit", "meetings": "summit",
    "talks": "summit", "encounter": "encounter", "visit": "visit", "visits": "visit",
    "trip": "visit", "interview": "interview", "statement": "statement", "remarks": "statement",
    "announcement": "announcement", "conference": "conference", "election": "election",
    "elections": "election", "anniversary": "anniversary", "treaty": "treaty",
    "agreement": "agreement", "accident": "accident", "attack": "attack", "crash": "crash",
    "rule": "rule", "war": "war", "ceremony": "ceremony", "inauguration": "took office",
    "launch": "launch", "vote": "vote", "referendum": "referendum", "deadline": "deadline",
    "speech": "speech", "report": "report",
}


_EVENT_VERBS: dict[str, str] = {
    "met": "summit", "meet": "summit", "meets": "summit", "host": "summit", "hosts": "summit",
    "hosted": "summit", "hosting": "summit", "kicked": "summit", "visited": "visit",
    "visiting": "visit", "arrived": "visit", "arrives": "visit", "arrive": "visit",
    "travelled": "visit", "traveled": "visit", "said": "statement", "says": "statement",
    "stated": "statement", "told": "statement", "emphasized": "statement",
    "emphasised": "statement", "stressed": "statement", "noted": "statement",
    "announced": "announcement", "posted": "statement", "declared": "statement",
    "launched": "launch", "signed": "agreement", "elected": "election",
}


_STATEMENT_LIKE = frozenset({"statement", "announcement", "interview", "speech"})


# Events that recur and are told apart by their number and what they mark.
_SERIES_NOUNS = frozenset({"anniversary"})


_VISIT_LIKE = frozenset({"visit"})


_TOKEN = re.compile(r"[A-Za-z][\w'’\-]*|\d(?:[\d,.]*\d)?(?:st|nd|rd|th|s|%)?|[,;:()]|[—–]")


_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")


_STOP = frozenset(
    "a an the and or but of in on at to for with by from between since under over into onto "
    "during after before than as is are was were be been being has have had will would "
    "this that these those which who whom whose where when while including such its it "
    "their his her our my your not no nor so yet then there here about among against "
    "within without through toward towards per via".split()
)


_POSSESSIVES = frozenset("their his her its our my your".split())


_DEFINITE = frozenset("the both their our these those all his her its my your".split())


_QUALIFIERS = frozenset(
    "full official formal informal bilateral trilateral direct face-to-face in-person "
    "standalone separate major state working virtual".split()
)


_SCOPE_STOP = frozenset("and or but which that who where while as because".split())


_MEASURE_NOUNS = frozenset("instance instances round rounds edition case example".split())


_ORDINAL_SKIP_NOUNS = frozenset(
    "time times place half lady hand step glance sight look quarter day week month year "
    "person class rate world".split()
)


_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20,
}


_ORDINAL = re.compile(
    r"\b(?:(?P<word>" + "|".join(_ORDINAL_WORDS) + r")|(?P<num>\d{1,4})(?:st|nd|rd|th))\b",
    re.IGNORECASE,
)


_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "dozen": 12,
}


_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
           "bn": 10**9, "m": 10**6}


_NUMBER = re.compile(
    r"(?<![\w.,$€£¥-])"
    r"(?P<cur>US\$|\$|€|£|¥|₩)?\s?"
    r"(?:(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)|(?P<word>"
    + "|".join(_NUMBER_WORDS)
    + r"))"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn)\b)?"
    r"(?P<pct>\s?%|\s(?:percent|per cent)\b)?"
    r"(?![\w-]|[.,:/]\d)",
    re.IGNORECASE,
)


_METRIC_NOUNS = (
    "approval rating", "rating", "rate", "share", "stake", "growth", "inflation",
    "unemployment", "turnout", "support", "tariffs", "tariff", "tax", "interest", "margin",
    "profit", "revenue", "sales", "aid", "fee", "fine", "investment", "loan", "budget",
    "price", "cost", "deal", "contract", "funding", "spending",
)


# Every metric noun as a whole word; at one position the longest wins ("approval rating").
_METRIC = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, _METRIC_NOUNS), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


_METRIC_REACH = 200  # characters before a bare percentage or amount searched for its metric


_MAX_STEPS = 40  # tokens walked either way from a date to find its event word


_MAX_NAME_WORDS = 6  # capitalised words taken as a visit's destination


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        return self.text.lower().removesuffix("'s").removesuffix("’s")

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


@dataclass(frozen=True, slots=True)
class _Sentence:
    """A passage's text with its tokens, and their start offsets for bisection.

    Claims are found per passage, and a passage can be a whole unpunctuated article: every
    look-up of a token by offset bisects instead of scanning, so the cost stays linear.
    """

    text: str
    tokens: list[_Tok]
    starts: list[int]

    @classmethod
    def of(cls, text: str) -> _Sentence:
        tokens = _tokens(text)
        return cls(text, tokens, [t.start for t in tokens])

    def first_from(self, offset: int) -> int:
        """Return the index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def at(self, offset: int) -> int | None:
        """Return the index of the token starting exactly at ``offset``, if any."""
        i = bisect.bisect_left(self.starts, offset)
        return i if i < len(self.starts) and self.starts[i] == offset else None


def _covered(length: int, spans: Sequence[tuple[int, int]]) -> bytearray:
    """Return a mask of the characters inside any of ``spans``."""
    mask = bytearray(length + 1)
    for a, b in spans:
        if b > a:
            mask[a:b] = b"\x01" * (b - a)
    return mask


def reference_dates(corpus: Corpus) -> dict[str, ReferenceDate]:
    """Return, per document, the date its relative and year-less dates are resolved against.

    The publication date when known; otherwise the latest full date (day, month and year)
    written in the document's own article text; otherwise the median reference of the rest
    of the corpus. Inferred references lower the confidence of what they resolve.
    """
    refs: dict[str, ReferenceDate] = {}
    for doc in corpus.documents:
        if doc.published is not None:
            refs[doc.doc_id] = ReferenceDate(doc.doc_id, doc.published, "published", 1.0)
            continue
        full = [
            m.first
            for p in corpus.passages_of(doc.doc_id)
            if p.is_article and _MAY_HOLD_FULL_DATE.search(doc.text, p.start, p.end)
            for m in (cjk_date_mentions(_passage_text(doc, p), doc.language, reference=None)
                      if is_cjk_text(_passage_text(doc, p), doc.language)
                      else date_mentions(_passage_text(doc, p), reference=None))
            if m.granularity == "day" and m.first == m.last and not m.relative
        ]
        if full:
            latest = max(full)
            refs[doc.doc_id] = ReferenceDate(
                doc.doc_id, latest, f"inferred: latest full date in the document ({latest})", 0.8
            )
    published = sorted(d.published for d in corpus.documents if d.published is not None)
    known = published or sorted(r.date for r in refs.values() if r.date is not None)
    for doc in corpus.documents:
        if doc.doc_id in refs:
            continue
        if known:
            mid = median_low(known)
            source = "publication dates" if published else "dates written in other documents"
            refs[doc.doc_id] = ReferenceDate(
                doc.doc_id, mid, f"inferred: median of the corpus {source} ({mid})", 0.6
            )
        else:
            refs[doc.doc_id] = ReferenceDate(doc.doc_id, None, "none", 0.0)
    return refs


# A full date carries its year (four digits, or two after a slash: 1/13/26); a sentence
# without either has none, and is not scanned when inferring a reference.
_MAY_HOLD_FULL_DATE = re.compile(r"\d{4}|\d/\d")


def _passage_text(doc: Document, passage: Passage) -> str:
    return doc.text[passage.start:passage.end]


def _event_at(tokens: list[_Tok], i: int) -> tuple[str, bool] | None:
    """Return (subject, is_verb) when token i is an event word."""
    low = tokens[i].low
    if low in _EVENT_NOUNS:
        subject = _EVENT_NOUNS[low]
        # A named series ("APEC summit", "NHK interview") is a different event from "the summit".
        if i > 0 and _ACRONYM.match(tokens[i - 1].text):
            subject = f"{tokens[i - 1].text} {subject}"
        return subject, False
    if low in _EVENT_VERBS:
        return _EVENT_VERBS[low], True
    if low == "office" and i > 0 and tokens[i - 1].low in ("took", "taking", "take", "takes", "assumed", "assuming", "assume"):
        return "took office", True
    return None


def _speaker(tokens: list[_Tok], i: int, skip: tuple[int, int]) -> str:
    """Return the capitalised name just before token i (a speaker or a possessor)."""
    j = i - 1
    while j >= 0 and skip[0] <= tokens[j].start < skip[1]:
        j -= 1
    if j >= 0 and tokens[j].is_word and tokens[j].text[0].isupper():
        name = tokens[j].text.removesuffix("'s").removesuffix("’s")
        if name.lower() not in _STOP:
            return name
    return ""


def _destination(tokens: list[_Tok], i: int) -> str:
    """Return where a visit goes: "visited China", "visit to Nara"."""
    j = i + 1
    if j < len(tokens) and tokens[j].low == "to":
        j += 1
    names: list[str] = []
    while j < len(tokens) and len(names) < _MAX_NAME_WORDS and tokens[j].is_word and tokens[j].text[0].isupper():
        names.append(tokens[j].text.removesuffix("'s").removesuffix("’s"))
        j += 1
    return " ".join(names)


def _date_subject(sentence: _Sentence, mention: DateMention) -> tuple[str, str]:
    """Return (subject, basis) for a date mention: the event word of its clause."""
    tokens = sentence.tokens
    first_in = sentence.first_from(mention.start)
    last_in = sentence.first_from(mention.end) - 1
    if first_in > last_in:
        return "", ""
    # Words like "last year" or "Monday" often frame a whole sentence; only a near event
    # word in the same comma-free stretch is taken as what they date.
    deictic = mention.relative and not any(ch.isdigit() for ch in mention.text)
    max_words = 4 if deictic else 20
    # A date right after a past participle dates that verb ("remains found last year").
    j = first_in - 1
    if j >= 0 and tokens[j].low in ("on", "in", "at", "since", "from", "until", "by", "during"):
        j -= 1
    if j >= 0 and tokens[j].text.islower() and tokens[j].low.endswith("ed") and len(tokens[j].low) > 4:
        # ...unless the verb's own subject is an event ("the summit opened on ...").
        event_before = any(_event_at(tokens, k) for k in range(max(0, j - 3), j))
        if _event_at(tokens, j) is None and not event_before:
            return tokens[j].low, ""
    best: tuple[float, int, str, bool] | None = None
    for direction in (-1, 1):
        k = first_in - 1 if direction < 0 else last_in + 1
        words = commas = steps = 0
        while 0 <= k < len(tokens) and steps < _MAX_STEPS:
            steps += 1
            tok = tokens[k]
            if tok.text in (";", ":", "(", ")"):
                break
            if tok.text == ",":
                if deictic:
                    break
                commas += 1
            elif tok.is_word:
                found = _event_at(tokens, k)
                if found is not None:
                    subject, is_verb = found
                    cost = words + 3 * commas + (2 if is_verb else 0)
                    if best is None or cost < best[0]:
                        best = (cost, k, subject, is_verb)
                    break
                words += 1
                if words > max_words:
                    break
            k += direction
    if best is None:
        return "", ""
    _, k, subject, _ = best
    if subject in _SERIES_NOUNS:
        subject = _series_subject(tokens, k, subject)
    basis = ""
    if subject in _STATEMENT_LIKE:
        who = _speaker(tokens, k, (mention.start, mention.end))
        basis = f"by {who}" if who else ""
    elif subject in _VISIT_LIKE:
        where = _destination(tokens, k)
        basis = f"to {where}" if where else ""
    return subject, basis


def _series_subject(tokens: list[_Tok], k: int, subject: str) -> str:
    """Return an anniversary with its ordinal and what it commemorates.

    "the 60th anniversary of diplomatic normalization" and "the August 15 anniversary"
    (of the end of the war) are different events; a bare "anniversary" would pair them.
    """
    parts = [subject]
    if k > 0 and _ORDINAL.fullmatch(tokens[k - 1].text):
        parts.insert(0, tokens[k - 1].low)
    if k + 1 < len(tokens) and tokens[k + 1].low == "of":
        words, _ = _phrase_after(tokens, k + 2)
        if words:
            parts.append("of " + " ".join(w.low for w in words))
    return " ".join(parts)


def _phrase_after(tokens: list[_Tok], k: int) -> tuple[list[_Tok], int]:
    """Return up to three content words from token k on (a noun phrase) and the next index."""
    words: list[_Tok] = []
    while k < len(tokens) and len(words) < 3:
        tok = tokens[k]
        if not tok.is_word or tok.low in _STOP or tok.text[0].isdigit():
            break
        if tok.low in _ORDINAL_WORDS:
            break
        words.append(tok)
        k += 1
        if tok.text.islower() and tok.low.endswith("s") and not tok.low.endswith("ss") and len(tok.low) > 3:
            break  # a plural noun ends the phrase ("two-star generals involved")
    # A trailing capitalised word is a name, not part of the counted noun.
    while words and words[-1].text[0].isupper() and words[-1].low not in _EVENT_NOUNS:
        words.pop()
        k -= 1
    return words, k


def _scope_after(text: str, tokens: list[_Tok], k: int) -> str:
    """Return the prepositional scope after a counted noun, up to the end of its clause."""
    if k >= len(tokens) or tokens[k].low not in (
        "in", "between", "with", "since", "under", "to", "of", "at", "for", "among", "against",
        "during", "this", "ever", "on",
    ):
        return ""
    end = k
    while (
        end < len(tokens)
        and end - k < 14
        and tokens[end].text not in (",", ";", ":", "(", ")", "—", "–")
        and tokens[end].low not in _SCOPE_STOP
    ):
        end += 1
    return text[tokens[k].start: tokens[end - 1].end].rstrip(".!?")


def _ordinal_claims(
    sentence: _Sentence, dates: Sequence[DateMention]
) -> list[tuple[int, int, str, str, str, tuple[int, int]]]:
    """Return (start, end, value, subject, basis, scope span) for the ordinals of a sentence."""
    text, tokens = sentence.text, sentence.tokens
    in_date = _covered(len(text), [(d.start, d.end) for d in dates])
    out = []
    for m in _ORDINAL.finditer(text):
        if in_date[m.start()]:
            continue
        value = _ORDINAL_WORDS[m["word"].lower()] if m["word"] else int(m["num"])
        idx = sentence.at(m.start())
        if idx is None:
            continue
        prev = tokens[idx - 1] if idx > 0 else None
        if prev is not None and prev.low == "at" and value == 1:
            continue
        words, nxt = _phrase_after(tokens, idx + 1)
        subject_words = [w for w in words if w.low not in _QUALIFIERS]
        qualifiers = [w.low for w in words if w.low in _QUALIFIERS]
        if subject_words and subject_words[-1].low in _MEASURE_NOUNS and nxt < len(tokens) and tokens[nxt].low == "of":
            # "the first instance of shuttle diplomacy": count the diplomacy, not the instance.
            words, nxt = _phrase_after(tokens, nxt + 1)
            subject_words = [w for w in words if w.low not in _QUALIFIERS]
        if subject_words:
            if subject_words[-1].low in _ORDINAL_SKIP_NOUNS:
                continue
            head = subject_words[-1].low
            subject = _EVENT_NOUNS.get(head) or " ".join(w.low for w in subject_words)
            end = subject_words[-1].end
        elif prev is not None and prev.low == "the":
            # "This meeting, the third between the leaders": the count refers back.
            back = next(
                (tokens[j] for j in range(idx - 2, max(-1, idx - 8), -1) if tokens[j].low in _EVENT_NOUNS),
                None,
            )
            if back is None:
                continue
            subject = _EVENT_NOUNS[back.low]
            end = m.end()
        else:
            continue
        if text[end:end + 1] in ("-",):
            continue
        possessor = ""
        if prev is not None and (prev.low in _POSSESSIVES or prev.text.endswith(("'s", "’s"))):
            possessor = prev.text
        scope = _scope_after(text, tokens, nxt)
        scope_start = text.find(scope, end) if scope else end
        earlier = any(t.low in ("following", "after") for t in tokens[max(0, idx - 3):idx])
        parts = [possessor, " ".join(qualifiers), scope, "(an earlier event)" if earlier else ""]
        basis = ", ".join(p for p in parts if p)
        out.append((m.start(), end, str(value), subject, basis, (scope_start, scope_start + len(scope))))
    return out


def _number_value(m: re.Match[str]) -> tuple[str, bool] | None:
    """Return the normalised value and whether it is a percentage or money."""
    if m["digits"]:
        raw = m["digits"].replace(",", "")
        amount = float(raw)
    else:
        amount = float(_NUMBER_WORDS[m["word"].lower()])
    if m["scale"]:
        amount *= _SCALES[m["scale"].lower()]
    shown = f"{amount:.10g}" if amount < 1e15 else f"{amount:.0f}"
    if "e" in shown:
        shown = f"{amount:.0f}"
    if m["pct"]:
        return f"{shown}%", True
    if m["cur"]:
        symbol = {"us$": "$"}.get(m["cur"].lower(), m["cur"])
        return f"{symbol}{shown}", True
    return shown, False


def _number_claims(
    sentence: _Sentence, blocked: Sequence[tuple[int, int]]
) -> list[tuple[int, int, str, str, str]]:
    """Return (start, end, value, subject, basis) for the numbers of a sentence."""
    text, tokens = sentence.text, sentence.tokens
    taken = _covered(len(text), blocked)
    out = []
    for m in _NUMBER.finditer(text):
        start, end = m.start(), m.end()
        if text[start] == " ":
            start += 1
        if taken[start] or taken[end - 1]:
            continue
        if m["word"] and not (m["scale"] or m["pct"]) and m["word"][0].isupper() and start > 0:
            continue
        before = text[max(0, start - 12):start].lower().split()
        if before and before[-1] in _DEFINITE:
            # "the two leaders", "both countries": a description, not a claim.
            continue
        normal = _number_value(m)
        if normal is None:
            continue
        value, measured = normal
        idx = sentence.first_from(end)
        words, nxt = _phrase_after(tokens, idx)
        subject = ""
        modifiers: list[str] = []
        if words and words[-1].text.islower():
            subject = words[-1].low
            modifiers = [w.text for w in words[:-1]]
        elif not measured:
            continue
        if not subject and measured:
            if nxt < len(tokens) and tokens[nxt].low == "in":
                aid, _ = _phrase_after(tokens, nxt + 1)
                subject = aid[-1].low if aid else ""
            if not subject:
                subject = _metric_before(text, start) or ("percent" if m["pct"] else "money")
        scope = _scope_after(text, tokens, nxt) if subject and words else ""
        basis = ", ".join(p for p in (" ".join(modifiers), scope) if p)
        claim_end = words[-1].end if (words and subject == words[-1].low) else end
        out.append((start, claim_end, value, subject, basis))
    return out


def _metric_before(text: str, start: int) -> str:
    """Return the metric noun written last before ``start`` in its stretch of the sentence.

    Only the preceding ``_METRIC_REACH`` characters are read: "approval rating ... 61%" sits
    close together, and a fixed reach keeps long passages linear.
    """
    lo = max(0, start - _METRIC_REACH)
    found = [(m.end(), len(m.group()), m.group().lower()) for m in _METRIC.finditer(text, lo, start)]
    return max(found)[2] if found else ""


def all_claims(corpus: Corpus) -> tuple[Claim, ...]:
    """Return the date, ordinal and number claims of every document's article text."""
    refs = reference_dates(corpus)
    claims: list[Claim] = []
    for doc in corpus.documents:
        ref = refs[doc.doc_id]
        n = 0
        for passage in corpus.passages_of(doc.doc_id):
            if not passage.is_article:
                continue
            text = _passage_text(doc, passage)
            # Korean, Japanese and Chinese passages: their own rules, the same claim parts.
            cjk = cjk_claim_parts(text, doc.language, reference=ref.date, reference_label=ref.label,
                                  reference_confidence=ref.confidence)
            # "now", "recently", "in the future" are not intervals: nothing to compare.
            mentions = () if cjk is not None else tuple(
                m for m in date_mentions(
                    text, reference=ref.date, reference_label=ref.label,
                    reference_confidence=ref.confidence,
                )
                if m.granularity != "vague"
            )
            sentence = _Sentence.of(text if cjk is None else "")
            found: list[tuple[int, int, ClaimKind, str, str, str, str, float, str]] = list(cjk or ())  # type: ignore[arg-type]
            for mention in mentions:
                subject, basis = _date_subject(sentence, mention)
                found.append((
                    mention.start, mention.end, "date", subject, mention.value, basis,
                    mention.granularity, mention.confidence, mention.reference,
                ))
            ordinals = _ordinal_claims(sentence, mentions) if cjk is None else []
            blocked = [(d.start, d.end) for d in mentions]
            for start, end, value, subject, basis, scope in ordinals:
                found.append((start, end, "ordinal", subject, value, basis, "", 0.8, ""))
                blocked.append((start, end))
                blocked.append(scope)
            for start, end, value, subject, basis in _number_claims(sentence, blocked):
                found.append((start, end, "number", subject, value, basis, "", 0.8, ""))
            for start, end, kind, subject, value, basis, gran, conf, reference in sorted(found):
                claims.append(Claim(
                    claim_id=f"{doc.doc_id}:c{n}",
                    doc_id=doc.doc_id,
                    passage_id=passage.passage_id,
                    kind=kind,
                    subject=subject,
                    value=value,
                    text=doc.text[passage.start + start: passage.start + end],
                    start=passage.start + start,
                    end=passage.start + end,
                    basis=basis,
                    granularity=gran,
                    confidence=conf,
                    reference=reference,
                ))
                n += 1
    return tuple(claims)
