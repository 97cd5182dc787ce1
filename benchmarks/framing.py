"""Benchmark framing and distinctive terms on BASIL (100 events x Fox News, NYT, HuffPost).

BASIL annotates lexical-bias spans ("lex": loaded word choice) per article. For each outlet
this prints its top distinctive terms (log-odds with an informative Dirichlet prior, one
outlet against the other two) and counts how many of them contain a word from that outlet's
lex spans, next to two baselines: the outlet's most frequent terms, and the share expected
by chance from the outlet's eligible vocabulary. It also runs the default framing lexicon
over BASIL and reports how its hits relate to the lex spans, checks the quote detector (voice)
against the annotators' quote flag on every span, and times each step.

    .venv/bin/python benchmarks/framing.py [--top 20] [--prior 1000] [--min-count 3]

The corpus is read from ../shared/corpora/basil next to the repository, or from
$PARALLAX_CORPORA/basil.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from analysis.framing import frame_rates, framing_hits, framing_rates
from analysis.framing.distinctive import _is_content, _ngrams, _tokens, distinctive_terms, small_corpus_warning
from analysis.framing.lexicon import default_lexicon
from analysis.ingest.pipeline import corpus_from_documents
from analysis.text.quotes import quote_spans
from analysis.text.records import Corpus, Document

OUTLETS = {"fox": "Fox News", "nyt": "New York Times", "hpo": "HuffPost"}
KS = (20, 50, 100)


from paths import corpora_dir  # noqa: E402


@dataclass(frozen=True, slots=True)
class GoldSpan:
    doc_id: str
    start: int
    end: int
    text: str
    bias: str  # "lex" or "inf"
    quoted: bool  # the annotators' quote flag


def load_basil(root: Path) -> tuple[list[Document], list[GoldSpan]]:
    """Return BASIL articles as documents (title, blank line, paragraphs) and their bias spans."""
    docs: list[Document] = []
    spans: list[GoldSpan] = []
    for path in sorted((root / "articles").glob("*/*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        doc_id = path.stem
        parts = [article["title"].strip()]
        offsets = {"title": 0}
        pos = len(parts[0]) + 2
        n = 0
        paragraphs = []
        for paragraph in article["body-paragraphs"]:
            sentences = []
            for sentence in paragraph:
                offsets[f"p{n}"] = pos
                sentences.append(sentence)
                pos += len(sentence) + 1
                n += 1
            paragraphs.append(" ".join(sentences))
            pos += 1  # the paragraph's "\n\n" is one character more than a space
        text = parts[0] + "\n\n" + "\n\n".join(paragraphs)
        source = OUTLETS[article["source"].lower()]
        docs.append(
            Document(doc_id, source, article["title"], None, article.get("url", ""), "en", str(path), text)
        )
        ann_path = root / "annotations" / path.parent.name / f"{doc_id}_ann.json"
        ann = json.loads(ann_path.read_text(encoding="utf-8"))
        for span in ann["phrase-level-annotations"]:
            start = offsets[span["id"]] + span["start"]
            end = offsets[span["id"]] + span["end"]
            assert text[start:end] == span["txt"], (doc_id, span["id"], span["txt"])
            spans.append(
                GoldSpan(doc_id, start, end, span["txt"], span["bias"], span["quote"] == "yes")
            )
    return docs, spans


def top_frequent(corpus: Corpus, outlet: str, *, min_count: int, k: int) -> list[str]:
    counts: Counter[str] = Counter()
    for doc in corpus.documents:
        if doc.outlet == outlet:
            for p in corpus.passages_of(doc.doc_id):
                if p.is_article:
                    counts.update(_ngrams(_tokens(p.text), range(1, 3)))
    return [t for t, c in counts.most_common() if c >= min_count][:k], counts


def contains_lex(term: str, lex_words: set[str]) -> bool:
    return any(tok in lex_words for tok in term.split())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=20, help="distinctive terms printed per outlet")
    parser.add_argument("--prior", type=float, default=1000.0, help="Dirichlet prior mass alpha_0")
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--min-docs", type=int, default=2)
    args = parser.parse_args()

    root = corpora_dir() / "basil"
    if not root.is_dir():
        print(f"BASIL not found at {root}; set PARALLAX_CORPORA", file=sys.stderr)
        return 2

    t0 = time.perf_counter()
    docs, gold = load_basil(root)
    lex = [s for s in gold if s.bias == "lex"]
    t1 = time.perf_counter()
    corpus = corpus_from_documents(docs)
    t2 = time.perf_counter()
    table = distinctive_terms(
        corpus, min_count=args.min_count, min_docs=args.min_docs, top=max(KS), prior=args.prior
    )
    t3 = time.perf_counter()
    lexicon = default_lexicon()
    hits = framing_hits(corpus, lexicon)
    t4 = time.perf_counter()
    framing_rates(corpus, hits, lexicon=lexicon)
    t5 = time.perf_counter()

    outlet_of = {d.doc_id: d.outlet for d in corpus.documents}
    article_chars = sum(p.end - p.start for p in corpus.passages if p.is_article)
    all_chars = sum(p.end - p.start for p in corpus.passages)
    print(f"BASIL: {len(docs)} articles, {len(lex)} lex spans; cleaning kept "
          f"{article_chars / all_chars:.1%} of passage characters as article text")
    print(f"warning: {small_corpus_warning(corpus)}")
    print(f"time: load {t1 - t0:.2f}s, clean+segment {t2 - t1:.2f}s, distinctive_terms "
          f"{t3 - t2:.2f}s, framing_hits {t4 - t3:.2f}s ({len(hits)} hits), framing_rates "
          f"{t5 - t4:.3f}s")
    print(f"settings: ngram (1, 2), min_count {args.min_count}, min_docs {args.min_docs}, "
          f"prior {args.prior:g}\n")

    summary = []
    for outlet in sorted(set(OUTLETS.values())):
        lex_words = {
            tok for s in lex if outlet_of[s.doc_id] == outlet for tok in _tokens(s.text) if _is_content(tok)
        }
        n_spans = sum(1 for s in lex if outlet_of[s.doc_id] == outlet)
        mine = table[table.outlet == outlet]
        terms = list(mine.term)
        frequent, counts = top_frequent(corpus, outlet, min_count=args.min_count, k=max(KS))
        eligible = [t for t, c in counts.items() if c >= args.min_count]
        chance = sum(contains_lex(t, lex_words) for t in eligible) / max(1, len(eligible))
        print(f"== {outlet}: {n_spans} lex spans, {len(lex_words)} distinct lex content words")
        print(f"   top {args.top} distinctive terms (* = contains one of the outlet's lex words):")
        for row in mine.head(args.top).itertuples():
            mark = "*" if contains_lex(row.term, lex_words) else " "
            print(f"   {mark} {row.term:<28} count {row.count:>4}  rest {row.count_rest:>4}  "
                  f"log-odds {row.log_odds:5.2f}  z {row.z:5.2f}")
        found = [t for t in terms[: args.top] if contains_lex(t, lex_words)]
        print(f"   lex words among the top {args.top}: {', '.join(found) or 'none'}")
        for k in KS:
            d_hits = sum(contains_lex(t, lex_words) for t in terms[:k])
            covered = {tok for t in terms[:k] for tok in t.split() if tok in lex_words}
            f_hits = sum(contains_lex(t, lex_words) for t in frequent[:k])
            summary.append((outlet, k, d_hits, len(terms[:k]), len(covered), f_hits, chance * k))
            print(f"   top {k:>3}: {d_hits:>3} of {len(terms[:k])} distinctive terms contain a lex word "
                  f"({len(covered)} distinct lex words); most-frequent baseline {f_hits}; "
                  f"chance {chance * k:.1f}")
        print()

    print("summary (outlet, K, distinctive with lex word, terms, distinct lex words, frequency baseline, chance):")
    for outlet, k, d_hits, n, covered, f_hits, expected in summary:
        print(f"   {outlet:<15} K={k:<3} {d_hits:>3}/{n:<3} distinct {covered:>3}  freq {f_hits:>3}  chance {expected:5.1f}")

    # The default lexicon is written for East Asian diplomacy; on US politics it shows how far it
    # carries and how its hits relate to the annotators' loaded words.
    print("\ndefault lexicon on BASIL:")
    by_doc: dict[str, list[GoldSpan]] = {}
    for s in lex:
        by_doc.setdefault(s.doc_id, []).append(s)
    inside = sum(
        any(s.start <= h.start and h.end <= s.end for s in by_doc.get(h.doc_id, ())) for h in hits
    )
    spans_hit = sum(any(s.start <= h.start and h.end <= s.end for h in hits if h.doc_id == s.doc_id) for s in lex)
    quoted = sum(h.voice == "quote" for h in hits)
    negated = sum(h.negated for h in hits)
    print(f"   {len(hits)} hits ({quoted} in quotes, {negated} negated); {inside} fall inside a lex span; "
          f"{spans_hit} of {len(lex)} lex spans contain a hit")
    frames = frame_rates(corpus, hits, lexicon=lexicon)
    for row in frames.itertuples():
        print(f"   {row.outlet:<15} {row.frame:<12} count {row.count:>4}  quote {row.quote:>3}  "
              f"rate {row.rate:6.2f} per 1,000 words")
    top_terms = Counter((outlet_of[h.doc_id], h.term) for h in hits).most_common(12)
    print("   most frequent (outlet, term): " + "; ".join(f"{o} {t} {c}" for (o, t), c in top_terms))
    voice_agreement(corpus, gold)
    return 0


def voice_agreement(corpus: Corpus, gold: list[GoldSpan]) -> None:
    """Print how often the quote detector agrees with BASIL's quote flag on the body spans."""
    quoted: dict[str, tuple[tuple[int, int], ...]] = {}
    for doc in corpus.documents:
        spans: list[tuple[int, int]] = []
        for para in re.finditer(r"[^\n]+", doc.text):
            spans.extend(quote_spans(doc.text, para.start(), para.end()))
        quoted[doc.doc_id] = tuple(spans)
    table = Counter()
    for s in gold:
        mid = (s.start + s.end) / 2
        predicted = any(a <= s.start and mid < b for a, b in quoted[s.doc_id])
        table[(predicted, s.quoted)] += 1
    tp, fp, fn, tn = table[(True, True)], table[(True, False)], table[(False, True)], table[(False, False)]
    print(f"\nvoice (quote detector vs BASIL's quote flag, {sum(table.values())} spans; a span counts as quoted when a quotation holds its start and midpoint):")
    print(f"   quote: precision {tp / max(1, tp + fp):.3f}, recall {tp / max(1, tp + fn):.3f}; "
          f"accuracy {(tp + tn) / max(1, sum(table.values())):.3f} (tp {tp}, fp {fp}, fn {fn}, tn {tn})")


if __name__ == "__main__":
    raise SystemExit(main())
