"""Benchmark date claims against MEANTIME's cross-document time annotation (issue 11).

MEANTIME (120 English Wikinews articles, ../shared/corpora/meantime_en) links event mentions to
cross-document event instances (``REFERS_TO`` -> ``instance_id``, listed in list_instances.csv)
and time expressions to event mentions (``TLINK``). The articles are read as one corpus, each
article its own outlet (they are all Wikinews), with no story field (stories are inferred, as for
a user's folder of articles), and two figures are printed:

- false conflicts: of the pairs of claims behind ``conflict`` rows (two claims of different
  outlets whose dates are disjoint) that the annotation can judge (both claims overlap a gold
  TIMEX3 of type DATE with a calendar value), the share the annotation says are the same time
  (gold intervals that overlap, or both time expressions linked to one cross-document event
  instance); and, judged by events instead, the share of pairs whose subject words are
  annotated mentions of one event instance, or of instances whose gold TIMEs overlap;
  (A time expression is linked to an instance by a TLINK INCLUDES, IS_INCLUDED or SIMULTANEOUS
  between it and a mention of the instance; BEFORE/AFTER links put the event at another time.)
- consistency: of the pairs of date claims of different articles on one annotated time (their
  gold DATE expressions have one calendar value), the share whose claimed values are equal.
  Linking claims through event instances instead gives too few pairs to measure (5 on the
  120 articles: TLINKs between a date and a cross-document event mention are rare).

It runs on the installed tree and, to print a before/after, on an older tree unpacked elsewhere:

    git archive cc9a03a analysis | tar -x -C /tmp/old11
    PYTHONPATH=/tmp/old11 .venv/bin/python benchmarks/time_coreference.py

The older tree's module layout (analysis.claims / analysis.disagreements / analysis.corpus /
analysis.pipeline) is tried when the current one (analysis.claims.comparison, analysis.text,
analysis.ingest) is absent.
"""

from __future__ import annotations

import csv
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, fields, replace
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded by path from tests
from dates import MEANTIME, _parse_dct, rebuilt_text

try:  # the current layout
    from analysis.claims import all_claims
    from analysis.claims.comparison import disagreements
    from analysis.ingest.pipeline import corpus_from_documents
    from analysis.text.records import Document
except ImportError:  # the layout before the wings (cc9a03a)
    from analysis.claims import all_claims  # type: ignore[no-redef]
    from analysis.corpus import Document  # type: ignore[no-redef]
    from analysis.disagreements import disagreements  # type: ignore[no-redef]
    from analysis.pipeline import corpus_from_documents  # type: ignore[no-redef]

INSTANCES = MEANTIME.parent / "list_instances.csv"
_CALENDAR = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?)?$")


@dataclass(frozen=True, slots=True)
class Timex:
    """One gold TIMEX3 of type DATE: its offsets, value and the event instances linked to it."""

    start: int
    end: int
    value: str
    instances: frozenset[str]


@dataclass(frozen=True, slots=True)
class Annotated:
    """One article: its id, text, creation date and gold DATE expressions."""

    doc_id: str
    text: str
    dct: date | None
    timexes: tuple[Timex, ...]
    events: tuple[tuple[int, int, str], ...] = ()  # event mentions: start, end, instance id


def load(path: Path) -> Annotated:
    """Return an article's text and its DATE expressions with their linked event instances."""
    root = ET.parse(path).getroot()
    text, offsets, _ = rebuilt_text(root)
    markables = root.find("Markables")
    events: dict[str, str] = {}  # EVENT m_id -> cross-document instance id
    timex: dict[str, tuple[int, int, str]] = {}
    spans: dict[str, tuple[int, int]] = {}  # EVENT_MENTION m_id -> offsets
    dct = None
    for el in markables if markables is not None else ():
        if el.tag == "EVENT_MENTION":
            anchors = [offsets[a.get("t_id", "")] for a in el.findall("token_anchor")]
            if anchors:
                spans[el.get("m_id", "")] = (min(s for s, _ in anchors), max(e for _, e in anchors))
        if el.tag == "EVENT" and el.get("instance_id"):
            events[el.get("m_id", "")] = el.get("instance_id", "")
        if el.tag == "TIMEX3":
            if el.get("functionInDocument") == "CREATION_TIME":
                dct = _parse_dct(el.get("value", ""))
            anchors = [offsets[a.get("t_id", "")] for a in el.findall("token_anchor")]
            if anchors and el.get("type") == "DATE":
                timex[el.get("m_id", "")] = (min(s for s, _ in anchors), max(e for _, e in anchors),
                                             el.get("value", ""))
    mention_instance: dict[str, str] = {}
    linked: dict[str, set[str]] = defaultdict(set)  # TIMEX3 m_id -> linked mention m_ids
    for rel in root.iter("REFERS_TO"):
        target = rel.find("target")
        instance = events.get(target.get("m_id", "")) if target is not None else None
        if instance:
            for src in rel.findall("source"):
                mention_instance[src.get("m_id", "")] = instance
    for rel in root.iter("TLINK"):
        ends = [e.get("m_id", "") for e in (rel.find("source"), rel.find("target")) if e is not None]
        if len(ends) != 2:
            continue
        source, target = ends
        kind = rel.get("reltype", "")
        # Only links that put the event at the time: the time includes it or is simultaneous
        # (BEFORE/AFTER links, most of them, say the event is at another time).
        if source in timex and kind in ("INCLUDES", "SIMULTANEOUS"):
            linked[source].add(target)
        elif target in timex and kind in ("IS_INCLUDED", "SIMULTANEOUS"):
            linked[target].add(source)
    timexes = tuple(
        Timex(start, end, value, frozenset(mention_instance[m] for m in linked[mid] if m in mention_instance))
        for mid, (start, end, value) in timex.items()
    )
    mentions = tuple(sorted((*spans[m], i) for m, i in mention_instance.items() if m in spans))
    return Annotated(path.stem, text, dct, timexes, mentions)


def interval(value: str) -> tuple[date, date] | None:
    """Return the interval of an ISO value ("2009", "2009-06", "2009-06-01", "a/b"), or None."""
    parts = value.split("/")
    if not all(_CALENDAR.match(p) for p in parts):
        return None
    first, last = _bounds(parts[0]), _bounds(parts[-1])
    return first[0], last[1]


def _bounds(value: str) -> tuple[date, date]:
    bits = [int(b) for b in value.split("-")]
    if len(bits) == 3:
        d = date(*bits)
        return d, d
    if len(bits) == 2:
        year, month = bits
        nxt = date(year + month // 12, month % 12 + 1, 1)
        return date(year, month, 1), date.fromordinal(nxt.toordinal() - 1)
    return date(bits[0], 1, 1), date(bits[0], 12, 31)


def _gold_of(claim: Any, art: Annotated) -> Timex | None:
    """Return the gold DATE expression a claim's span overlaps, if any."""
    for t in art.timexes:
        if t.start < claim.end and claim.start < t.end:
            return t
    return None


def instance_times() -> dict[str, str]:
    """Return each cross-document event instance's gold TIME (list_instances.csv), where given."""
    with INSTANCES.open(encoding="utf-8") as f:
        return {row["#ID"]: row["TIME"] for row in csv.DictReader(f, delimiter="\t") if row.get("TIME")}


def _instance_of(claim: Any, art: Annotated) -> str | None:
    """Return the event instance a claim is about: a mention of it in the claim's sentence (line)
    whose word is the claim's subject ("sales" for a date of the sales), if the annotation has one."""
    if not claim.subject:
        return None
    lo = art.text.rfind("\n", 0, claim.start) + 1
    hi = art.text.find("\n", claim.end)
    hi = len(art.text) if hi < 0 else hi
    subject = claim.subject.lower()
    for start, end, instance in art.events:
        if lo <= start and end <= hi:
            word = art.text[start:end].lower()
            if word == subject or word.rstrip("s") == subject.rstrip("s") or subject in word.split():
                return instance
    return None


def _same_time(a: Timex, b: Timex) -> bool:
    """Return True when the annotation puts two expressions at one time: their gold intervals
    overlap (one value, or one inside the other: "2008" and "October 2008"), or both are linked
    to one cross-document event instance."""
    ia, ib = interval(a.value), interval(b.value)
    overlap = ia is not None and ib is not None and ia[0] <= ib[1] and ib[0] <= ia[1]
    return overlap or bool(a.instances & b.instances)


def measure(articles: list[Annotated], *, topics: dict[str, str] | None = None) -> dict[str, float]:
    """Return the false-conflict share and the cross-article consistency (with their counts).

    ``topics`` (doc id -> topic) are given as each article's story, where the tree's Document
    has a story field; otherwise stories are inferred (or, on an old tree, there are none).
    """
    docs = [Document(a.doc_id, "", a.text.split("\n", 1)[0], a.dct, "", "en", a.doc_id, a.text) for a in articles]
    if topics is not None:
        docs = [replace(d, story=topics[d.doc_id]) for d in docs]
    corpus = corpus_from_documents(docs)
    by_id = {a.doc_id: a for a in articles}
    texts = {d.doc_id: d.text for d in corpus.documents}
    claims = [
        c for c in all_claims(corpus)
        if c.kind == "date" and texts[c.doc_id][c.start:c.end] == c.text and interval(c.value) is not None
    ]
    claim_by_id = {c.claim_id: c for c in claims}
    # False conflicts: pairs of disjoint claims of different outlets behind conflict rows.
    judged = same = conflict_pairs = judged_events = same_events = 0
    times = instance_times()
    for d in disagreements(corpus, claims):
        if str(d.status) != "conflict" or d.kind != "date":
            continue
        members = [(v.outlet, claim_by_id[i]) for v in d.values for i in v.claim_ids if i in claim_by_id]
        for (oa, a), (ob, b) in combinations(members, 2):
            ia, ib = interval(a.value), interval(b.value)
            if oa == ob or ia is None or ib is None or ia[1] >= ib[0] and ib[1] >= ia[0]:
                continue  # same outlet, or overlapping values: not what makes the conflict
            conflict_pairs += 1
            ea, eb = _instance_of(a, by_id[a.doc_id]), _instance_of(b, by_id[b.doc_id])
            if ea is not None and eb is not None:
                judged_events += 1
                ta, tb = interval(times.get(ea, "")), interval(times.get(eb, ""))
                same_events += ea == eb or (ta is not None and tb is not None and ta[0] <= tb[1] and tb[0] <= ta[1])
            ga, gb = _gold_of(a, by_id[a.doc_id]), _gold_of(b, by_id[b.doc_id])
            if ga is None or gb is None or not (_CALENDAR.match(ga.value) and _CALENDAR.match(gb.value)):
                continue
            judged += 1
            same += _same_time(ga, gb)
    # Consistency: date claims of different articles on one annotated time (equal gold values).
    on_time: dict[str, list[Any]] = defaultdict(list)
    for c in claims:
        g = _gold_of(c, by_id[c.doc_id])
        if g is not None and _CALENDAR.match(g.value):
            on_time[g.value].append(c)
    pairs = consistent = 0
    for members in on_time.values():
        for a, b in combinations(members, 2):
            if a.doc_id != b.doc_id:
                pairs += 1
                consistent += a.value == b.value
    return {
        "claims": len(claims), "conflict_pairs": conflict_pairs, "judged": judged, "same": same,
        "false_share": same / judged if judged else 0.0,
        "judged_events": judged_events, "same_events": same_events,
        "false_share_events": same_events / judged_events if judged_events else 0.0,
        "pairs": pairs, "consistent": consistent, "consistency": consistent / pairs if pairs else 0.0,
    }


def main() -> int:
    if not MEANTIME.is_dir():
        print(f"MEANTIME not found at {MEANTIME} (set PARALLAX_CORPORA)")
        return 1
    articles = [load(p) for p in sorted(MEANTIME.glob("*/*.xml"))]
    with INSTANCES.open(encoding="utf-8") as f:
        timed = sum(1 for row in csv.DictReader(f, delimiter="\t") if row.get("TIME"))
    print(f"MEANTIME cross-document time: {len(articles)} articles, {timed} annotated instances with a TIME")
    runs: list[tuple[str, dict[str, str] | None]] = [("stories inferred (no story field)", None)]
    if any(f.name == "story" for f in fields(Document)):
        # The four topic folders (Airbus, Apple, GM, stock market) as given stories: wider than
        # news stories, so claims of related articles are compared and conflict rows exist.
        topics = {p.stem: p.parent.name.removeprefix("corpus_") for p in MEANTIME.glob("*/*.xml")}
        runs.append(("the four topics given as stories", topics))
    for label, topics in runs:
        r = measure(articles, topics=topics)
        print(f"{label}: {r['claims']:.0f} date claims")
        print(f"  false conflicts: {r['same']:.0f} of {r['judged']:.0f} judged claim pairs behind conflict rows are "
              f"the same annotated time ({r['false_share']:.0%}; {r['conflict_pairs']:.0f} pairs in all)")
        print(f"  false conflicts by event: {r['same_events']:.0f} of {r['judged_events']:.0f} pairs whose subjects "
              f"are annotated event mentions are about one event instance or instances at one gold TIME "
              f"({r['false_share_events']:.0%})")
        print(f"  consistency: {r['consistent']:.0f} of {r['pairs']:.0f} cross-article pairs of date claims on one "
              f"annotated time claim the same value ({r['consistency']:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
