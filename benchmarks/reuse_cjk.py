"""Planted copies in Korean, Japanese and Chinese news text: recall and precision of reuse per language.

Like benchmarks/reuse.py for English, on real text instead of generated text: the articles of
Korean Wikinews (644), Japanese Wikinews (the first 1,000 of 3,670) and the Simplified
Chinese FLORES-200 devtest documents (281; the only Chinese text in ../shared/corpora) are
built into a corpus; a plant copies one sentence, or a paragraph of two or three sentences,
of a source article into a target article as a new paragraph, after editing a share of its
words (the language's words: ``analysis.text.tokens``): substituted by a word of another
article, dropped, or a word inserted. Each article takes part in one plant at most. Rates
0/10/20/30 % in turn, sentences and paragraphs in turn. A copied paragraph is consecutive
sentences of the source (a copy of sentences 1, 3 and 5 would put sentence 3's copy next to
sentence 2, a neighbour it never had). Two articles that already share text (a match in the
corpus before planting: Wikinews writes one story several times) are never source and target
of one plant: what the copy then matches beside its source is reuse the gold cannot know.

Recall: the share of planted sentence pairs (source passage, copy passage) that
``reuse_matches`` reports at the default threshold. Precision per rate: of the reported
cross-document matches touching a passage planted at that rate, the share that are planted
pairs, an exact copy (the same words: punctuation aside), or a copy matched with a version its
source already had, in another article or in its own (an article restating its lead further
down). Wikinews articles rewrite the same wire stories: matches already found before planting
are reuse in the material and are left out of precision (they are counted and printed). A check of the
Traditional spelling of each Simplified document (OpenCC s2t) shows the t2s mapping at work.

    .venv/bin/python benchmarks/reuse_cjk.py                 # ko, ja, zh
    .venv/bin/python benchmarks/reuse_cjk.py --languages ja --seeds 3
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from paths import corpora_dir

from analysis.ingest.pipeline import corpus_from_documents
from analysis.reuse import DEFAULT_MIN_SCORE, ReuseMatch, reuse_matches
from analysis.text.records import Corpus, Document
from analysis.text.tokens import words

RATES = (0.0, 0.1, 0.2, 0.3)
KINDS = ("sentence", "paragraph")
MIN_WORDS = 8  # a planted sentence has at least this many words
SHOW_FALSE = False  # --show-false: print the matches counted against precision
# Japanese Wikinews's source lists and its template line naming them (本ニュースは…を情報源と
# している): 朝日新聞、2008年5月12日21時1分(UTC+9)。 / YOMIURIONLINE『…』。
_CITATION = re.compile(r"『|』|閲覧|情報源|新聞、|通信社、|\(UTC[+-]?\d*\)。$|\d+年\d+月\d+日。$|より。$|^\W*$")
_NON_WORD = re.compile(r"\W+")


@dataclass(frozen=True, slots=True)
class Plant:
    source_doc: str
    source_span: tuple[int, int]
    target_doc: str
    copy_span: tuple[int, int]  # in the target's new text
    rate: float
    kind: str


def articles(language: str, limit: int) -> list[Document]:
    """Return real articles of one language from ../shared/corpora as documents."""
    root = corpora_dir()
    docs: list[Document] = []
    if language in ("ko", "ja"):
        path = root / f"wikinews_{language}" / "articles.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines()[:limit]:
            rec = json.loads(line)
            published = date.fromisoformat(rec["published"]) if rec.get("published") else None
            docs.append(Document(rec["id"], f"outlet{len(docs) % 250:03d}", rec["title"], published,
                                 rec.get("url", ""), language, rec["id"], rec["text"]))
    else:
        path = root / "flores200_cjk" / "documents.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec["flores_code"] == "zho_Hans":
                docs.append(Document(rec["id"], f"outlet{len(docs) % 250:03d}", "", None, "", "zh",
                                     rec["id"], rec["text"]))
        docs = docs[:limit]
    start = date(2020, 1, 1)
    return [d if d.published else replace(d, published=start + timedelta(days=i)) for i, d in enumerate(docs)]


def edited(text: str, language: str, rate: float, vocabulary: list[str], rng: np.random.Generator) -> str:
    """Return ``text`` with ``rate`` of its words substituted, dropped or joined by a new word."""
    toks = list(words(text, language))
    if not toks:
        return text
    joiner = "" if language in ("ja", "zh") else " "
    # (text before the word, the word) pairs; the text after the last word stays.
    items = [(text[(toks[k - 1].end if k else 0):t.start], text[t.start:t.end]) for k, t in enumerate(toks)]
    tail = text[toks[-1].end:]
    for _ in range(int(round(rate * len(toks)))):
        op = rng.random()
        pos = int(rng.integers(len(items)))
        fresh = vocabulary[int(rng.integers(len(vocabulary)))]
        if op < 0.5:
            items[pos] = (items[pos][0], fresh)
        elif op < 0.75 and len(items) > 3:
            gap, _ = items.pop(pos)
            if pos == 0:
                items[0] = (gap, items[0][1])
        else:
            items.insert(pos, (joiner if pos else items[0][0], fresh))
            if pos == 0:
                items[1] = (joiner, items[1][1])
    return "".join(g + w for g, w in items) + tail


def _citation(text: str) -> bool:
    # Closing quotes after the full stop (…2005年10月22日。") still end a citation.
    return _CITATION.search(text.rstrip('"”」\'')) is not None


def planted(
    language: str, limit: int, seed: int
) -> tuple[Corpus, list[Plant], Corpus, tuple[ReuseMatch, ...]]:
    """Return a corpus of real articles with planted edited copies, the plants, the corpus before and its matches."""
    rng = np.random.default_rng(seed)
    docs = articles(language, limit)
    base = corpus_from_documents(docs)
    base_matches = reuse_matches(base)
    sharing = {frozenset((m.doc_a, m.doc_b)) for m in base_matches if not m.same_document}
    vocabulary = sorted({p.text[t.start:t.end] for p in base.passages[::7] for t in words(p.text, language)})
    by_id = {d.doc_id: d for d in docs}
    order = [docs[int(i)].doc_id for i in rng.permutation(len(docs))]
    texts = {d.doc_id: d.text for d in docs}
    plants: list[Plant] = []
    k = 0
    for pair in range(len(order) // 4):  # half the articles take part in a plant
        src, dst = order[2 * pair], order[2 * pair + 1]
        if by_id[src].source == by_id[dst].source or frozenset((src, dst)) in sharing:
            continue  # one outlet repeating its own text is template; shared text is not a plant
        rate, kind = RATES[k % len(RATES)], KINDS[(k // len(RATES)) % len(KINDS)]
        # Japanese Wikinews articles end in their source list (読売新聞『…』, 2008年6月5日閲覧):
        # copying a citation is not the reuse a reader looks for, so plants come from the prose
        # (all of its sentences, short ones included, in paragraph plants).
        passages = base.passages_of(src)
        prose = [p for p in passages if p.role == "body" and not _citation(p.text)]
        body = [p for p in prose if len(words(p.text, language)) >= MIN_WORDS]
        if not body:
            continue
        first = int(rng.integers(len(body)))
        if kind == "paragraph":
            # The run of consecutive prose sentences of the paragraph holding the chosen one.
            at = passages.index(body[first])
            lo = hi = at
            chosen = body[first].paragraph
            while lo > 0 and passages[lo - 1] in prose and passages[lo - 1].paragraph == chosen:
                lo -= 1
            while hi + 1 < len(passages) and passages[hi + 1] in prose and passages[hi + 1].paragraph == chosen:
                hi += 1
            same = list(passages[lo:hi + 1])
            start = same.index(body[first])
            picked = same[start:start + 3] if len(same) > 1 else [body[first]]
            if len(picked) < 2:
                picked = same[max(0, len(same) - 3):] if len(same) > 1 else picked
        else:
            picked = [body[first]]
        copies = [edited(p.text, language, rate, vocabulary, rng) for p in picked]
        # Sentences of a copied paragraph stay apart the way the language writes them.
        sep = "" if language in ("ja", "zh") else " "
        target = texts[dst]
        paragraphs = target.split("\n")
        where = int(rng.integers(len(paragraphs) + 1))
        before = "\n".join(paragraphs[:where])
        offset = len(before) + (1 if where else 0)
        new_paragraph = sep.join(copies)
        texts[dst] = "\n".join([*paragraphs[:where], new_paragraph, *paragraphs[where:]])
        # Earlier plants in this target shift: each article takes part once, so none exist.
        pos = offset
        for p, c in zip(picked, copies):
            plants.append(Plant(src, (p.start, p.end), dst, (pos, pos + len(c)), rate, kind))
            pos += len(c) + len(sep)
        k += 1
    corpus = corpus_from_documents([replace(by_id[i], text=texts[i]) for i in texts])
    return corpus, plants, base, base_matches


def _passage_at(corpus: Corpus, doc_id: str, span: tuple[int, int]) -> str | None:
    best, overlap = None, 0
    for p in corpus.passages_of(doc_id):
        o = min(p.end, span[1]) - max(p.start, span[0])
        if o > overlap:
            best, overlap = p.passage_id, o
    return best


def evaluate(language: str, limit: int, seeds: list[int]) -> None:
    """Print recall and precision per edit rate over the plants of every seed."""
    totals: dict[float, list[int]] = {rate: [0, 0, 0, 0] for rate in RATES}
    for seed in seeds:
        for rate, counts in _evaluate_once(language, limit, seed).items():
            totals[rate] = [a + b for a, b in zip(totals[rate], counts)]
    if len(seeds) > 1:
        print(f"{language}, seeds {seeds} together:")
        for rate, (hit, wanted, good, near) in totals.items():
            print(f"  edits {rate:.0%}: recall {hit / wanted if wanted else float('nan'):.3f} ({hit}/{wanted}), "
                  f"precision {good / near if near else float('nan'):.3f} ({good}/{near})")


def _evaluate_once(language: str, limit: int, seed: int) -> dict[float, list[int]]:
    t0 = time.perf_counter()
    corpus, plants, base, base_matches = planted(language, limit, seed)
    t1 = time.perf_counter()
    matches = reuse_matches(corpus, min_score=DEFAULT_MIN_SCORE)
    t2 = time.perf_counter()
    found = {(m.a, m.b) for m in matches if not m.same_document}
    gold: dict[tuple[str, str], Plant] = {}
    for pl in plants:
        a = _passage_at(corpus, pl.source_doc, pl.source_span)
        b = _passage_at(corpus, pl.target_doc, pl.copy_span)
        if a and b:
            gold[tuple(sorted((a, b)))] = pl  # type: ignore[index]
    # Reuse already in the articles (Wikinews rewrites one wire story in several articles):
    # passages are named by (document, text), which the plants leave unchanged.
    text_of = {p.passage_id: (p.doc_id, p.text) for p in corpus.passages}
    base_text = {p.passage_id: (p.doc_id, p.text) for p in base.passages}
    natural = {frozenset((base_text[m.a], base_text[m.b])) for m in base_matches if not m.same_document}
    # A source's versions, in other articles and in its own (an article restating a sentence:
    # the copy of one matches the other as the source does).
    versions: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for m in base_matches:
        x, y = base_text[m.a], base_text[m.b]
        versions.setdefault(x, set()).add(y)
        versions.setdefault(y, set()).add(x)
    copies = {(text_of[b] if gold[(a, b)].target_doc == text_of[b][0] else text_of[a]):
              (text_of[a] if gold[(a, b)].target_doc == text_of[b][0] else text_of[b]) for a, b in gold}

    def right(m: tuple[str, str]) -> bool:
        # A planted pair, an exact copy, or a copy matched with a version its source already had.
        x, y = text_of[m[0]], text_of[m[1]]
        if m in gold or _NON_WORD.sub("", x[1]) == _NON_WORD.sub("", y[1]):
            return True
        return any(c in copies and copies[c] != o and o in versions.get(copies[c], ()) for c, o in ((x, y), (y, x)))

    chars = sum(len(d.text) for d in corpus.documents)
    print(f"{language}: {len(corpus.documents)} articles, {chars:,} characters, {len(gold)} planted pairs; "
          f"corpus {t1 - t0:.1f}s, reuse {t2 - t1:.1f}s ({chars / (t2 - t1) / 1e3:.0f}k chars/s)")
    touched: dict[str, float] = {}
    for pair, pl in gold.items():
        touched[pair[0]] = pl.rate
        touched[pair[1]] = pl.rate
    new = {m for m in found if frozenset((text_of[m[0]], text_of[m[1]])) not in natural}
    counts: dict[float, list[int]] = {}
    for rate in RATES:
        wanted = [p for p, pl in gold.items() if pl.rate == rate]
        hit = sum(1 for p in wanted if p in found)
        near = [m for m in new if touched.get(m[0]) == rate or touched.get(m[1]) == rate]
        good = sum(1 for m in near if right(m))
        by_kind = {
            kind: f"{sum(1 for p in wanted if p in found and gold[p].kind == kind)}/"
                  f"{sum(1 for p in wanted if gold[p].kind == kind)}"
            for kind in KINDS
        }
        precision = good / len(near) if near else float("nan")
        if SHOW_FALSE:
            for m in near:
                if not right(m):
                    print(f"    false at {rate:.0%}: {m[0]} {text_of[m[0]][1][:50]} | {m[1]} {text_of[m[1]][1][:50]}")
        counts[rate] = [hit, len(wanted), good, len(near)]
        print(f"  edits {rate:.0%}: recall {hit / len(wanted) if wanted else float('nan'):.3f} "
              f"({hit}/{len(wanted)}; sentence {by_kind['sentence']}, paragraph {by_kind['paragraph']}), "
              f"precision {precision:.3f} ({good}/{len(near)})")
    good_all = sum(1 for m in new if right(m))
    print(f"  cross-document matches: {len(found)}, of them already in the articles before planting "
          f"{len(found) - len(new)}; of the {len(new)} new, planted or copies of a source's versions "
          f"{good_all} (precision {good_all / len(new) if new else float('nan'):.3f})")
    return counts


def traditional_copies(limit: int = 140) -> None:
    """Pair Simplified FLORES documents with their Traditional spelling (OpenCC s2t); report how many are found."""
    import opencc

    to_traditional = opencc.OpenCC("s2t").convert
    hans = [d for d in articles("zh", limit)]
    docs = []
    for k, d in enumerate(hans):
        docs.append(replace(d, doc_id=f"s{k}", source=f"hans{k % 50}"))
        docs.append(replace(d, doc_id=f"t{k}", source=f"hant{k % 50}", text=to_traditional(d.text)))
    changed = sum(1 for d in hans if to_traditional(d.text) != d.text)
    found = {(m.doc_a, m.doc_b) for m in reuse_matches(corpus_from_documents(docs)) if not m.same_document}
    hit = sum(1 for k in range(len(hans)) if (f"s{k}", f"t{k}") in found)
    print(f"zh Traditional spellings of Simplified documents ({changed} of {len(hans)} spelled differently): "
          f"{hit}/{len(hans)} pairs found")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--languages", nargs="+", default=["ko", "ja", "zh"])
    parser.add_argument("--limit", type=int, default=1000, help="articles per language at most")
    parser.add_argument("--seeds", type=int, nargs="+", default=[7],
                        help="plant seeds (zh, 281 short documents, also runs 8 to 10)")
    parser.add_argument("--show-false", action="store_true", help="print the matches counted as false")
    args = parser.parse_args(argv)
    global SHOW_FALSE
    SHOW_FALSE = args.show_false
    for language in args.languages:
        seeds = args.seeds if language != "zh" or len(args.seeds) > 1 else [*args.seeds, 8, 9, 10]
        evaluate(language, args.limit, seeds)
    if "zh" in args.languages:
        traditional_copies()


if __name__ == "__main__":
    main()
