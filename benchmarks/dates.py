"""Benchmark date extraction and normalisation on MEANTIME (English, 120 Wikinews articles).

Rebuilds each article's text from its tokens (keeping a token -> offset map), resolves
relative expressions against the document creation time (the CREATION_TIME TIMEX3), and
compares ``analysis.claims.dates.date_mentions`` with the gold TIMEX3 of type DATE:

- extraction: precision, recall and F1 of spans (a system span matches a gold span when
  they overlap; one-to-one);
- only the annotated part of each article counts: MEANTIME annotates the title, the date
  line and the first four body sentences (sentences 0-5), so system mentions after that
  are not scored (they would all count as false positives);
- normalisation: a matched mention is correct when its ISO value equals the gold value
  (weeks, weekends and quarters are written the TimeML way: 2008-W42, 2008-W42-WE, 2009-Q3;
  vague mentions carry PRESENT_REF / PAST_REF / FUTURE_REF like the gold); value
  precision/recall/F1 count only correct values, over all gold DATE expressions.

The error classes printed at the end say why the rest fail: gold values no ISO interval can
express (FY2006, 2008-01-09TMO, 2011-06-XX, P20Y, seasons), a range where TimeML writes two
endpoints, vague tokens, other calendar disagreements; spurious mentions that TimeML typed
TIME or DURATION (not DATE) are counted apart from those with no TIMEX3 at all.

Run: .venv/bin/python benchmarks/dates.py   (PARALLAX_CORPORA overrides ../shared/corpora)
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from analysis.claims.dates import DateMention, date_mentions

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded by path from tests
from paths import CORPORA

MEANTIME = CORPORA / "meantime_en" / "intra_cross-doc_annotation"

_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?)\]}%]|'s|'|n't|'re|'ve|'ll|'d|'m)$")
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#"}
_UNRESOLVABLE = re.compile(r"REF$|X")
_VAGUE = re.compile(r"REF$|^X")
_EXPRESSIBLE = re.compile(r"^(?:\d{3,4}(?:-(?:\d\d|Q\d|W\d\d(?:-WE)?))?(?:-\d\d)?|PRESENT_REF|PAST_REF|FUTURE_REF)$")
ANNOTATED_SENTENCES = 6  # sentences 0-5: title, date line, first four body sentences


@dataclass(frozen=True, slots=True)
class GoldDate:
    start: int
    end: int
    value: str


@dataclass(frozen=True, slots=True)
class Article:
    name: str
    text: str
    dct: date | None
    gold: tuple[GoldDate, ...]
    annotated_end: int  # offset where the unannotated part of the text begins
    other_timex: tuple[GoldDate, ...] = ()  # TIME, DURATION and SET spans (value = the type)


def _parse_dct(value: str) -> date | None:
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):  # one DCT is written 03-02-2009 for February 3
        try:
            return datetime.strptime(value[:10], fmt).date()
        except ValueError:
            continue
    return None


def load_article(path: Path) -> Article:
    """Return the rebuilt text, creation date and gold DATE spans of one CAT XML file."""
    root = ET.parse(path).getroot()
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    pos = 0
    annotated_end = None
    prev_sentence = None
    prev_tok = ""
    for tok in root.iter("token"):
        word = tok.text or ""
        sentence = tok.get("sentence")
        if prev_sentence is not None:
            sep = "\n" if sentence != prev_sentence else (
                "" if _NO_SPACE_BEFORE.match(word) or prev_tok in _NO_SPACE_AFTER else " "
            )
            parts.append(sep)
            pos += len(sep)
        if annotated_end is None and int(sentence or 0) >= ANNOTATED_SENTENCES:
            annotated_end = pos
        offsets[tok.get("t_id")] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
        prev_sentence, prev_tok = sentence, word
    text = "".join(parts)
    dct = None
    gold = []
    other = []
    for tx in root.iter("TIMEX3"):
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct = _parse_dct(tx.get("value", ""))
        anchors = [a.get("t_id") for a in tx.findall("token_anchor")]
        if not anchors:
            continue
        spans = [offsets[a] for a in anchors]
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        if tx.get("type") == "DATE":
            gold.append(GoldDate(start, end, tx.get("value", "")))
        else:
            other.append(GoldDate(start, end, tx.get("type", "")))
    return Article(
        path.stem, text, dct, tuple(sorted(gold, key=lambda g: g.start)),
        len(text) if annotated_end is None else annotated_end, tuple(other),
    )


def timeml_value(m: DateMention) -> str:
    """Return a mention's value the way TimeML writes it (weeks, weekends, quarters, decades)."""
    first, last, gran = m.first, m.last, m.granularity
    if gran == "day" and first != last:
        span = (last - first).days
        year, week, weekday = first.isocalendar()
        if span == 6 and weekday == 1:
            return f"{year}-W{week:02d}"
        if span == 1 and weekday == 6:
            return f"{year}-W{week:02d}-WE"
    if gran == "month" and first.year == last.year and first.month % 3 == 1 and last.month == first.month + 2:
        return f"{first.year}-Q{first.month // 3 + 1}"
    if gran == "year" and first.year % 10 == 0 and last.year == first.year + 9:
        return str(first.year)[:3]
    return m.value


def _match(gold: tuple[GoldDate, ...], found: tuple[DateMention, ...]) -> list[tuple[GoldDate, DateMention]]:
    pairs = []
    used: set[int] = set()
    for g in gold:
        best = None
        for i, m in enumerate(found):
            if i in used or m.end <= g.start or m.start >= g.end:
                continue
            overlap = min(m.end, g.end) - max(m.start, g.start)
            if best is None or overlap > best[0]:
                best = (overlap, i)
        if best is not None:
            used.add(best[1])
            pairs.append((g, found[best[1]]))
    return pairs


def wrong_value_class(gold_value: str, found_value: str) -> str:
    """Return why a matched mention's value differs from the gold value."""
    if not _EXPRESSIBLE.match(gold_value):
        return "gold value no ISO interval expresses (FY, TMO, -XX, P..Y, malformed)"
    if "/" in found_value and found_value.split("/")[0] == gold_value:
        return "a range where TimeML writes two endpoints"
    if _VAGUE.search(gold_value) or _VAGUE.search(found_value):
        return "vague token (PRESENT_REF/PAST_REF/FUTURE_REF) on one side only"
    return "other calendar value"


def _prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    if not MEANTIME.is_dir():
        print(f"MEANTIME not found at {MEANTIME} (set PARALLAX_CORPORA)")
        return 1
    articles = [load_article(p) for p in sorted(MEANTIME.glob("*/*.xml"))]
    n_gold = n_sys = n_match = n_value = 0
    n_gold_resolvable = n_value_resolvable = n_sys_calendar = 0
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    spurious_typed = 0
    wrong: list[tuple[str, str, str, str]] = []
    wrong_classes: Counter[str] = Counter()
    unresolvable_missed = 0
    for art in articles:
        found = tuple(
            m for m in date_mentions(art.text, reference=art.dct, reference_label="DCT")
            if m.start < art.annotated_end
        )
        pairs = _match(art.gold, found)
        matched_gold = {id(g) for g, _ in pairs}
        matched_sys = {id(m) for _, m in pairs}
        n_gold += len(art.gold)
        n_sys += len(found)
        n_sys_calendar += sum(1 for m in found if m.granularity != "vague")
        n_match += len(pairs)
        n_gold_resolvable += sum(1 for g in art.gold if not _UNRESOLVABLE.search(g.value))
        for g, m in pairs:
            if timeml_value(m) == g.value:
                n_value += 1
                n_value_resolvable += not _UNRESOLVABLE.search(g.value)
            else:
                wrong.append((art.text[g.start:g.end], g.value, m.text, timeml_value(m)))
                wrong_classes[wrong_value_class(g.value, timeml_value(m))] += 1
        for g in art.gold:
            if id(g) not in matched_gold:
                if _UNRESOLVABLE.search(g.value):
                    unresolvable_missed += 1
                missed[art.text[g.start:g.end].lower()] += 1
        for m in found:
            if id(m) not in matched_sys:
                spurious[m.text] += 1
                spurious_typed += any(m.start < o.end and o.start < m.end for o in art.other_timex)
    p, r, f = _prf(n_match, n_sys, n_gold)
    vp, vr, vf = _prf(n_value, n_sys, n_gold)
    print(f"MEANTIME English: {len(articles)} articles, {n_gold} gold DATE expressions, {n_sys} found")
    print(f"extraction (span overlap): P={p:.3f} R={r:.3f} F1={f:.3f}  ({n_match} matched)")
    print(f"normalised value: P={vp:.3f} R={vr:.3f} F1={vf:.3f}  "
          f"accuracy on matched={n_value / n_match if n_match else 0:.3f} ({n_value}/{n_match})")
    vp2, vr2, vf2 = _prf(n_value_resolvable, n_sys_calendar, n_gold_resolvable)
    print(f"(for reference) calendar values only, gold and mentions without PAST_REF/PRESENT_REF/"
          f"FUTURE_REF/XXXX: P={vp2:.3f} R={vr2:.3f} F1={vf2:.3f} ({n_gold_resolvable} gold)")
    print(f"\nmissed gold: {sum(missed.values())} ({unresolvable_missed} have no calendar value)")
    for text, n in missed.most_common(25):
        print(f"  {n:3d}  {text}")
    print(f"\nspurious mentions: {sum(spurious.values())} ({spurious_typed} overlap a gold TIMEX3 typed "
          f"TIME/DURATION/SET, not DATE)")
    for text, n in spurious.most_common(15):
        print(f"  {n:3d}  {text}")
    print(f"\nwrong values: {len(wrong)}")
    for name, n in wrong_classes.most_common():
        print(f"  {n:3d}  {name}")
    for gold_text, gold_value, sys_text, sys_value in wrong[:40]:
        print(f"  gold {gold_text!r}={gold_value}  found {sys_text!r}={sys_value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
