"""Provenance: which version came first, and the sources an article names for what it reports.

Publication order comes from the documents' dates (``matches.publication_order`` for a pair;
``cluster_provenance`` for a cluster: the earliest version, or the outlets tied on the earliest
day, or "date unknown"). Dates are days, so two versions of one day are "same day", never
guessed apart.

Sources named in the text are found here (the claims wing has its own attribution reader, and
wings do not import each other): datelines ("SEOUL, Jan. 13 (Yonhap) --"), credit lines
("Source: Yonhap", "— AFP"), and attributions to a news organisation ("according to Yonhap",
"citing The Diplomat", "told NHK", "Kyodo reported", "연합뉴스에 따르면", "共同通信によると",
"据新华社报道"). A dateline or credit line names the source of the whole article; an attribution
names the source of its paragraph. Reuse of an agency that is not in the corpus is still traced
to it: every version of a cluster names it.

People are speakers, not sources: an attribution counts when it names a known news organisation,
or a name shaped like one ("... News", "... Times", "... Agency"), or sits in a pattern only
organisations fill ("told Reuters", "X reported").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from analysis.reuse.clusters import ReuseCluster
from analysis.text.records import Corpus, Passage

SourceKind = Literal["dateline", "credit", "attribution"]
FirstStatus = Literal["earliest", "same_day", "date_unknown"]

# News organisations often named as a source (agencies, broadcasters, papers), by the short
# name found in text. Names shaped like an outlet ("... News", "... Times") need no listing.
KNOWN_SOURCES = frozenset(
    """Yonhap Kyodo NHK Reuters AP AFP Xinhua Bloomberg TASS Interfax Jiji Asahi Yomiuri Mainichi Nikkei
    Sankei KCNA Chosun JoongAng Hankyoreh Dong-A KBS MBC SBS YTN CNN BBC NPR CNBC MSNBC Politico Axios
    Diplomat Guardian Economist ANSA EFE DPA Bernama Antara PTI IANS Anadolu Al-Jazeera WAM SPA
    Arirang Newsis News1 Nate Naver""".split()
)
_OUTLET_SHAPE = re.compile(
    r"(?:News|Times|Post|Agency|Press|Journal|Herald|Daily|Broadcasting|Television|TV|Radio|Network|"
    r"Tribune|Gazette|Telegraph|Observer|Review|Wire|Service|Chronicle|Shimbun|Ilbo|Sinmun)\b"
)
# Up to eight words, each read once from its start (unbounded and unanchored, a run of capitals
# was quadratic).
_NAME = r"(?:[Tt]he\s+)?(?<![\w&.'’-])[A-Z][\w&.'’-]*+(?:\s+(?:[A-Z][\w&.'’-]*+|of|for|and|&)){0,7}"
_ATTRIBUTION = re.compile(
    rf"\baccording\s+to\s+(?:a\s+|an\s+|the\s+)?(?:(?:report|reports|story|dispatch|broadcast)\s+(?:by|from|in|on)\s+)?(?P<a>{_NAME})"
    rf"|\bciting\s+(?:a\s+|the\s+)?(?:(?:report|reports)\s+(?:by|from|in)\s+)?(?P<b>{_NAME})"
    rf"|\btold\s+(?P<c>{_NAME})"
    rf"|\b(?:reported|reports|said)\s+by\s+(?P<d>{_NAME})"
    rf"|\bin\s+an\s+interview\s+with\s+(?P<f>{_NAME})"
)
# Korean, Japanese, Chinese: "X에 따르면", "X 보도에 따르면", "Xによると", "据X报道".
_CJK_ATTRIBUTION = re.compile(
    r"(?P<g>[가-힣A-Za-z0-9]{2,12}?)(?:의|이|가)?\s*(?:보도|발표|취재)?(?:에\s*)?따르면"
    r"|(?P<h>[\w・]{2,12}?)(?:の報道)?(?:によると|によれば)"
    r"|据(?P<i>[\w]{2,10}?)(?:报道|報道|消息|称|稱)"
)
# The patterns above try a name at every capital letter: run them only on paragraphs holding one
# of their words (at 3,000 articles the unguarded scan took 16 s).
_TRIGGERS = ("according to", "According to", "citing", "Citing", "told", "reported by", "reports by", "said by",
             "interview with")
# "X reported": found from the verb, the name read backwards from it.
_REPORTED = re.compile(r"\b(?:reported|reports|quoted|cited)\b")
_NAME_BEFORE = re.compile(rf"(?P<e>{_NAME})\s+$")
_CJK_TRIGGERS = ("따르면", "によると", "によれば", "据")
_ORGANISATION_ONLY = {"c", "e"}  # "told X", "X reported": X is an outlet or agency, even unlisted
_DATELINE = re.compile(
    r"^[\s*_]*[A-Z][A-Za-z .'-]{1,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s*\d{1,2})?\s*\((?P<name>[A-Za-z][\w .&-]{0,30})\)\s*[-—–:]+"
    r"|^[\s*_]*[A-Z][A-Za-z .'-]{1,40},\s*[A-Z][a-z]{2,8}\.?\s*\d{1,2}\s*/(?P<name2>[A-Za-z][\w .&-]{0,30})/"
    r"|[（(](?P<name3>共同|時事|聯合|联合|新華社|新华社|연합뉴스|뉴시스|뉴스1)[）)]"
)
_CREDIT = re.compile(
    r"^\W*+(?:source|sources|credit|via|출처|자료|出典|来源|來源)\s*+[:：]\s*+(?P<name>[^\n]{2,60}?)\W*+$"
    r"|^\s*+[-—–]\s*+(?P<name2>[A-Z][\w&. ]{1,30}?)\s*+$"
    r"|^\s*+\((?P<name3>[A-Z][\w&. ]{1,30}?)\)\s*+$",
    re.IGNORECASE,
)
_SPEAKER_WORDS = frozenset("he she they we i it his her this that there officials reporters lawmakers".split())


@dataclass(frozen=True, slots=True)
class SourceMention:
    """A news organisation an article names as its source, where and how."""

    doc_id: str
    passage_id: str
    name: str
    kind: SourceKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ClusterProvenance:
    """Who published a cluster's text first, and the sources its versions name."""

    cluster_id: str
    first_date: date | None
    earliest_doc_ids: tuple[str, ...]
    status: FirstStatus
    first_reported_by: str
    named_sources: tuple[tuple[str, int], ...]  # (source, how many versions name it), most first


def source_mentions(corpus: Corpus, doc_ids: Iterable[str] | None = None) -> tuple[SourceMention, ...]:
    """Return every dateline, credit line and attribution to a news organisation in the articles.

    ``doc_ids`` limits the search to those documents (say, the ones in reuse clusters: about
    0.5 s per 1,000 articles otherwise).
    """
    found: list[SourceMention] = []
    wanted = None if doc_ids is None else set(doc_ids)
    for doc in corpus.documents:
        if wanted is not None and doc.doc_id not in wanted:
            continue
        paragraphs: dict[int, list[Passage]] = {}
        for p in corpus.passages_of(doc.doc_id):
            if p.is_article or p.role == "boilerplate":
                paragraphs.setdefault(p.paragraph, []).append(p)
        text = doc.text
        for _, group in sorted(paragraphs.items()):
            lo, hi = group[0].start, group[-1].end
            paragraph = text[lo:hi]
            first = group[0]
            for m in _DATELINE.finditer(paragraph):
                key = next(k for k in ("name", "name2", "name3") if m.group(k))
                found.append(SourceMention(doc.doc_id, first.passage_id, _clean(m.group(key)), "dateline",
                                           lo + m.start(key), lo + m.end(key)))
            credit = _CREDIT.match(paragraph) if len(paragraph) <= 80 else None
            if credit is not None:
                key = next(k for k in ("name", "name2", "name3") if credit.group(k))
                name = _clean(credit.group(key))
                if _is_organisation(name, strict=False):
                    found.append(SourceMention(doc.doc_id, first.passage_id, name, "credit",
                                               lo + credit.start(key), lo + credit.end(key)))
            if not any(p.is_article for p in group):
                continue
            attributions: list[re.Match[str]] = []
            if any(t in paragraph for t in _TRIGGERS):
                attributions.extend(_ATTRIBUTION.finditer(paragraph))
            if "report" in paragraph or "quoted" in paragraph or "cited" in paragraph:
                for verb in _REPORTED.finditer(paragraph):
                    window = max(0, verb.start() - 60)
                    before = _NAME_BEFORE.search(paragraph, window, verb.start())
                    if before is not None:
                        attributions.append(before)
            if any(t in paragraph for t in _CJK_TRIGGERS):
                attributions.extend(_CJK_ATTRIBUTION.finditer(paragraph))
            for m in attributions:
                key = next(k for k in "abcdefghi" if k in m.groupdict() and m.group(k))
                name = _clean(m.group(key))
                if not _is_organisation(name, strict=key not in _ORGANISATION_ONLY and key in "abdf"):
                    continue
                start = lo + m.start(key)
                holder = next((p for p in group if p.start <= start < p.end), first)
                found.append(SourceMention(doc.doc_id, holder.passage_id, name, "attribution",
                                           start, lo + m.end(key)))
    return tuple(found)


def _clean(name: str) -> str:
    name = re.sub(r"^(?:the|The)\s+", "", name.strip())
    name = re.sub(r"[\s.,;:'’]+$", "", name)
    name = re.sub(r"['’]s$", "", name)
    return name


def _is_organisation(name: str, *, strict: bool) -> bool:
    if not name or name.lower() in _SPEAKER_WORDS or len(name) > 60:
        return False
    words = name.split()
    if any(w.strip("'’s") in KNOWN_SOURCES for w in words) or _OUTLET_SHAPE.search(name):
        return True
    if not name.isascii():
        return True  # from the Korean, Japanese and Chinese patterns, which name organisations
    # Unlisted names count only where the pattern is one organisations fill, and never a
    # person's name shape (two or three capitalised words: "Lee Jae-myung").
    return not strict and len(words) == 1 and name[:1].isupper()


def passage_sources(corpus: Corpus, mentions: Sequence[SourceMention]) -> dict[str, tuple[str, ...]]:
    """Return, per article passage, the sources named for it: its paragraph's and its article's."""
    by_doc: dict[str, list[str]] = {}
    by_paragraph: dict[tuple[str, int], list[str]] = {}
    paragraph_of = {p.passage_id: p.paragraph for p in corpus.passages}
    for m in mentions:
        if m.kind in ("dateline", "credit"):
            by_doc.setdefault(m.doc_id, []).append(m.name)
        else:
            by_paragraph.setdefault((m.doc_id, paragraph_of.get(m.passage_id, -1)), []).append(m.name)
    out: dict[str, tuple[str, ...]] = {}
    for p in corpus.passages:
        if not p.is_article:
            continue
        names = by_paragraph.get((p.doc_id, p.paragraph), []) + by_doc.get(p.doc_id, [])
        if names:
            out[p.passage_id] = tuple(dict.fromkeys(names))
    return out


def cluster_provenance(
    corpus: Corpus, clusters: Sequence[ReuseCluster], mentions: Sequence[SourceMention] = ()
) -> tuple[ClusterProvenance, ...]:
    """Return, per cluster, its earliest version ("first reported by") and the sources its versions name.

    The earliest version is the one published first; versions of one day are "same day" (dates
    have no time), and a cluster with an undated version says "date unknown" unless a dated
    version is earlier than... nothing can be: an undated version may be the first.
    """
    named = passage_sources(corpus, mentions)
    doc_of = {p.passage_id: p.doc_id for p in corpus.passages}
    out = []
    for c in clusters:
        days = {d: corpus.document(d).published for d in c.doc_ids}
        dated = {d: day for d, day in days.items() if day is not None}
        first = min(dated.values()) if dated else None
        earliest = tuple(sorted(d for d, day in dated.items() if day == first))
        outlets = sorted({corpus.document(d).outlet for d in earliest})
        status: FirstStatus
        if len(dated) < len(days):
            status, by = "date_unknown", ""
        elif len(outlets) == 1:
            status, by = "earliest", outlets[0]
        else:
            status, by = "same_day", ", ".join(outlets)
        counts: Counter[str] = Counter()
        for doc_id in c.doc_ids:
            names = {n for pid in c.passage_ids if doc_of.get(pid) == doc_id for n in named.get(pid, ())}
            counts.update(names)
        out.append(ClusterProvenance(c.cluster_id, first, earliest, status, by,
                                     tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))))
    return tuple(out)


def first_reported_label(provenance: ClusterProvenance) -> str:
    """Return "first reported by" in words: the outlet, "same day: A, B", or "date unknown"."""
    if provenance.status == "earliest":
        text = provenance.first_reported_by
    elif provenance.status == "same_day":
        text = f"same day: {provenance.first_reported_by}"
    else:
        text = "date unknown"
    if provenance.named_sources:
        text += f" (source named: {provenance.named_sources[0][0]})"
    return text
