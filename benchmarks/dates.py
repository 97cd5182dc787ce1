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

Three conventions bring the system's output to TimeML's before scoring (the figure without them
is printed too, as "previous scoring"):

- a range of years ("from 2009 to 2011", "between 2014 and 2016") is scored as its two endpoint
  years, the way TimeML annotates it (two TIMEX3);
- a mention inside a gold TIMEX3 typed TIME ("Friday morning", "12:00 UTC Monday") whose day is
  the TIME's day is not scored: it is that TIME's date, not a spurious DATE;
- a part of a day is written after the day ("this morning" is 2008-01-09TMO);
- a gold value that contradicts its own text is not scored, nor the mention matched to it:
  a weekday on another weekday, a written-out date with another value, "this week" outside
  the creation time's week (``contradicts_its_text``; 5 of 404);
- an article without a CREATION_TIME (2 of 120) is resolved against the latest full date its
  own text states, as ``analysis.claims.extraction.reference_dates`` does in the product; and the
  one malformed gold value (03-02-2009, day first, documented in SOURCE.md) is read as ISO.

A third figure keeps the previous scoring's conventions but corrects the gold's own errors (the
last three items above: an undated article's reference, the malformed value, values contradicting
their own text), so it separates what the system gets wrong from what the annotation gets wrong.
On the tree of the 0.873 baseline (c46dd08) the three figures were 0.873 / 0.889 / 0.904.

The error classes printed at the end say why the rest fail: gold values no ISO interval can
express (FY2006, 2008-01-09TMO, 2011-06-XX, P20Y, seasons), a range where TimeML writes two
endpoints, vague tokens, other calendar disagreements; spurious mentions that TimeML typed
TIME or DURATION (not DATE) are counted apart from those with no TIMEX3 at all.

Run: .venv/bin/python benchmarks/dates.py [--show]   (PARALLAX_CORPORA overrides ../shared/corpora)
``--show`` prints every missed, spurious and wrong mention of the previous scoring, in context.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

try:
    from analysis.claims.dates import DateMention, date_mentions
except ImportError:  # an older tree's layout (time_coreference.py runs on one for a before/after)
    from analysis.dates import DateMention, date_mentions  # type: ignore[no-redef]

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
    timex_value: str = ""  # the TIMEX3 value of a TIME, DURATION or SET span (value is its type)
    raw: str = ""  # the gold value as written, before _gold_value


_DAY_FIRST = re.compile(r"^(\d\d)-(\d\d)-(\d{4})$")


def _gold_value(value: str) -> str:
    """Return a gold value in ISO form (the one DD-MM-YYYY value, 03-02-2009, is read day first)."""
    m = _DAY_FIRST.match(value)
    return f"{m[3]}-{m[2]}-{m[1]}" if m else value


@dataclass(frozen=True, slots=True)
class Article:
    name: str
    text: str
    dct: date | None
    gold: tuple[GoldDate, ...]
    annotated_end: int  # offset where the unannotated part of the text begins
    other_timex: tuple[GoldDate, ...] = ()  # TIME, DURATION and SET spans (value = the type)
    reference_label: str = "DCT"


def _parse_dct(value: str) -> date | None:
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):  # one DCT is written 03-02-2009 for February 3
        try:
            return datetime.strptime(value[:10], fmt).date()
        except ValueError:
            continue
    return None


def rebuilt_text(root: ET.Element) -> tuple[str, dict[str, tuple[int, int]], int | None]:
    """Return a CAT XML document's text rebuilt from its tokens, each token's offsets, and the
    offset where the unannotated part begins (None when the whole text is annotated)."""
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
    return "".join(parts), offsets, annotated_end


def load_article(path: Path) -> Article:
    """Return the rebuilt text, creation date and gold DATE spans of one CAT XML file."""
    root = ET.parse(path).getroot()
    text, offsets, annotated_end = rebuilt_text(root)
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
            gold.append(GoldDate(start, end, _gold_value(tx.get("value", "")), raw=tx.get("value", "")))
        else:
            other.append(GoldDate(start, end, tx.get("type", ""), tx.get("value", "")))
    label = "DCT"
    if dct is None:
        # As the product does for an undated article: the latest full date of its own text.
        days = [m.first for m in date_mentions(text, reference=None)
                if m.granularity == "day" and m.first == m.last and not m.relative]
        dct, label = (max(days), "own dateline") if days else (None, "none")
    return Article(
        path.stem, text, dct, tuple(sorted(gold, key=lambda g: g.start)),
        len(text) if annotated_end is None else annotated_end, tuple(other), label,
    )


def timeml_value(m: DateMention, *, parts_of_day: bool = True) -> str:
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
    part = _PART_OF_DAY.search(m.text)
    if parts_of_day and gran == "day" and first == last and part:
        return f"{m.value}T{_PARTS_OF_DAY[part.group().lower()]}"
    return m.value


# TimeML writes a part of a day after the day: "this morning" is 2008-01-09TMO.
_PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
_PART_OF_DAY = re.compile(r"\b(?:morning|afternoon|evening|night|tonight)\b", re.IGNORECASE)
_WEEKDAY_NAME = re.compile(r"^(?:on\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$", re.IGNORECASE)


def contradicts_its_text(g: GoldDate, text: str, dct: date | None) -> bool:
    """Return True when a gold value contradicts its own span or the document's creation time.

    Checked mechanically, without the system: a weekday whose value falls on another weekday
    ("Wednesday"=2009-11-05, a Thursday), a full date written out whose value is another day
    ("October 10, 2008"=2008-10-20), "this week" whose value is not the creation time's week.
    """
    span = text[g.start:g.end]
    try:
        value = date.fromisoformat(g.value) if len(g.value) == 10 else None
    except ValueError:
        value = None
    weekday = _WEEKDAY_NAME.match(span)
    if weekday and value is not None and value.strftime("%A").lower() != weekday.group(1).lower():
        return True
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y"):
        try:
            written = datetime.strptime(span, fmt).date()
        except ValueError:
            continue
        return value is not None and written != value
    if span.lower() == "this week" and dct is not None and re.fullmatch(r"\d{4}-W\d\d", g.value):
        year, week, _ = dct.isocalendar()
        return g.value != f"{year}-W{week:02d}"
    return False


_YEAR_IN_RANGE = re.compile(r"\b\d{4}\b")


def timeml_mentions(found: tuple[DateMention, ...], other: tuple[GoldDate, ...]) -> tuple[DateMention, ...]:
    """Return the mentions as TimeML annotates them: year ranges as their two endpoint years, and
    mentions that are the date of a gold TIME ("Friday" in "Friday morning") left out."""
    out: list[DateMention] = []
    for m in found:
        if any(
            o.value == "TIME" and o.start < m.end and m.start < o.end and o.timex_value.startswith(m.value)
            for o in other
        ):
            continue
        years = list(_YEAR_IN_RANGE.finditer(m.text))
        if m.granularity == "year" and m.first.year != m.last.year and len(years) == 2:
            for y in years:
                year = date(int(y.group()), 1, 1)
                out.append(replace(m, start=m.start + y.start(), end=m.start + y.end(), text=y.group(),
                                   first=year, last=year.replace(month=12, day=31)))
            continue
        out.append(m)
    return tuple(out)


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


@dataclass
class Scores:
    """Counts of one scoring run over the articles, and what went wrong."""

    n_gold: int = 0
    n_sys: int = 0
    n_match: int = 0
    n_value: int = 0
    n_gold_resolvable: int = 0
    n_value_resolvable: int = 0
    n_sys_calendar: int = 0
    unresolvable_missed: int = 0
    spurious_typed: int = 0
    n_unscored: int = 0
    missed: Counter[str] = field(default_factory=Counter)
    spurious: Counter[str] = field(default_factory=Counter)
    wrong: list[tuple[str, str, str, str]] = field(default_factory=list)
    wrong_classes: Counter[str] = field(default_factory=Counter)
    details: list[str] = field(default_factory=list)  # every error in context, for --show


def _context(text: str, start: int, end: int) -> str:
    """Return the line around a span with the span in brackets."""
    lo = max(text.rfind("\n", 0, start) + 1, start - 100)
    hi = text.find("\n", end)
    hi = min(len(text) if hi < 0 else hi, end + 100)
    return f"{text[lo:start]}[[{text[start:end]}]]{text[end:hi]}"


def score(articles: list[Article], *, conventions: bool = True, gold_fixes: bool | None = None) -> Scores:
    """Return the counts of matching the system's mentions with the gold DATE spans.

    ``conventions=False`` is the previous scoring: ranges as one mention, TIME dates scored as
    spurious, parts of days not written. ``gold_fixes`` (default: same as ``conventions``) corrects
    what is wrong in the gold itself, not a convention: an undated article gets the reference the
    product gives it (its own dateline), the one malformed value is read as ISO, and gold values
    that contradict their own text are not scored. Without both it is the scoring of the 0.873 baseline.
    """
    fixes = conventions if gold_fixes is None else gold_fixes
    sc = Scores()
    for art in articles:
        reference = art.dct if fixes or art.reference_label == "DCT" else None
        found = tuple(
            m for m in date_mentions(art.text, reference=reference, reference_label="DCT")
            if m.start < art.annotated_end
        )
        gold = art.gold
        if conventions:
            found = timeml_mentions(found, art.other_timex)
        if not fixes:
            gold = tuple(replace(g, value=g.raw) for g in gold)
        pairs = _match(gold, found)
        if fixes:
            wrong_gold = {id(g) for g in gold if contradicts_its_text(g, art.text, art.dct)}
            sc.n_unscored += len(wrong_gold)
            dropped = {id(m) for g, m in pairs if id(g) in wrong_gold}
            gold = tuple(g for g in gold if id(g) not in wrong_gold)
            found = tuple(m for m in found if id(m) not in dropped)
            pairs = [(g, m) for g, m in pairs if id(g) not in wrong_gold]
        matched_gold = {id(g) for g, _ in pairs}
        matched_sys = {id(m) for _, m in pairs}
        sc.n_gold += len(gold)
        sc.n_sys += len(found)
        sc.n_sys_calendar += sum(1 for m in found if m.granularity != "vague")
        sc.n_match += len(pairs)
        sc.n_gold_resolvable += sum(1 for g in gold if not _UNRESOLVABLE.search(g.value))
        for g, m in pairs:
            value = timeml_value(m, parts_of_day=conventions)
            if value == g.value:
                sc.n_value += 1
                sc.n_value_resolvable += not _UNRESOLVABLE.search(g.value)
            else:
                sc.wrong.append((art.text[g.start:g.end], g.value, m.text, value))
                sc.wrong_classes[wrong_value_class(g.value, value)] += 1
                sc.details.append(f"WRONG {art.name} ref={art.dct}: gold {art.text[g.start:g.end]!r}={g.value} "
                                  f"found {m.text!r}={value}\n      {_context(art.text, g.start, g.end)}")
        for g in gold:
            if id(g) not in matched_gold:
                if _UNRESOLVABLE.search(g.value):
                    sc.unresolvable_missed += 1
                sc.missed[art.text[g.start:g.end].lower()] += 1
                sc.details.append(f"MISSED {art.name} ref={art.dct}: gold {art.text[g.start:g.end]!r}={g.value}"
                                  f"\n      {_context(art.text, g.start, g.end)}")
        for m in found:
            if id(m) not in matched_sys:
                sc.spurious[m.text] += 1
                typed = [o.value for o in art.other_timex if m.start < o.end and o.start < m.end]
                sc.details.append(f"SPURIOUS {art.name} ref={art.dct}: found {m.text!r}={m.value}"
                                  f"{' (gold ' + '/'.join(typed) + ')' if typed else ''}"
                                  f"\n      {_context(art.text, m.start, m.end)}")
                sc.spurious_typed += any(m.start < o.end and o.start < m.end for o in art.other_timex)
    return sc


def main() -> int:
    show = "--show" in sys.argv[1:]
    if not MEANTIME.is_dir():
        print(f"MEANTIME not found at {MEANTIME} (set PARALLAX_CORPORA)")
        return 1
    articles = [load_article(p) for p in sorted(MEANTIME.glob("*/*.xml"))]
    sc = score(articles)
    p, r, f = _prf(sc.n_match, sc.n_sys, sc.n_gold)
    vp, vr, vf = _prf(sc.n_value, sc.n_sys, sc.n_gold)
    print(f"MEANTIME English: {len(articles)} articles, {sc.n_gold} gold DATE expressions, {sc.n_sys} found "
          f"({sc.n_unscored} gold values contradicting their own text not scored)")
    print(f"extraction (span overlap): P={p:.3f} R={r:.3f} F1={f:.3f}  ({sc.n_match} matched)")
    print(f"normalised value: P={vp:.3f} R={vr:.3f} F1={vf:.3f}  "
          f"accuracy on matched={sc.n_value / sc.n_match if sc.n_match else 0:.3f} ({sc.n_value}/{sc.n_match})")
    old = score(articles, conventions=False)
    op, orr, of = _prf(old.n_value, old.n_sys, old.n_gold)
    print(f"(previous scoring, without the TimeML conventions above) normalised value: "
          f"P={op:.3f} R={orr:.3f} F1={of:.3f}  ({old.n_value} right of {old.n_sys} found, {old.n_gold} gold)")
    fixed = score(articles, conventions=False, gold_fixes=True)
    xp, xr, xf = _prf(fixed.n_value, fixed.n_sys, fixed.n_gold)
    print(f"(previous scoring with the gold's own errors corrected, no TimeML convention) normalised value: "
          f"P={xp:.3f} R={xr:.3f} F1={xf:.3f}  ({fixed.n_value} right of {fixed.n_sys} found, {fixed.n_gold} gold; "
          f"{fixed.n_unscored} gold values contradicting their own text not scored)")
    if show:
        print("\nevery error under the previous scoring (--show):")
        for line in old.details:
            print("  " + line)
        return 0
    vp2, vr2, vf2 = _prf(sc.n_value_resolvable, sc.n_sys_calendar, sc.n_gold_resolvable)
    print(f"(for reference) calendar values only, gold and mentions without PAST_REF/PRESENT_REF/"
          f"FUTURE_REF/XXXX: P={vp2:.3f} R={vr2:.3f} F1={vf2:.3f} ({sc.n_gold_resolvable} gold)")
    print(f"\nmissed gold: {sum(sc.missed.values())} ({sc.unresolvable_missed} have no calendar value)")
    for text, n in sc.missed.most_common(25):
        print(f"  {n:3d}  {text}")
    print(f"\nspurious mentions: {sum(sc.spurious.values())} ({sc.spurious_typed} overlap a gold TIMEX3 typed "
          f"TIME/DURATION/SET, not DATE)")
    for text, n in sc.spurious.most_common(15):
        print(f"  {n:3d}  {text}")
    print(f"\nwrong values: {len(sc.wrong)}")
    for name, n in sc.wrong_classes.most_common():
        print(f"  {n:3d}  {name}")
    for gold_text, gold_value, sys_text, sys_value in sc.wrong[:40]:
        print(f"  gold {gold_text!r}={gold_value}  found {sys_text!r}={sys_value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
