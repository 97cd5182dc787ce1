"""Benchmark the semantic tier and the reuse wing as a whole: translation, rewrites, quotes, speed.

    .venv/bin/python benchmarks/reuse_semantic.py --flores        # sentence retrieval ko/ja/zh -> en
    .venv/bin/python benchmarks/reuse_semantic.py --translated    # planted multi-outlet translations
    .venv/bin/python benchmarks/reuse_semantic.py --rewrites      # BASIL sentences rewritten by rule
    .venv/bin/python benchmarks/reuse_semantic.py --quotes        # BASIL quote ledger
    .venv/bin/python benchmarks/reuse_semantic.py --full 10000    # time and memory of the whole wing
    .venv/bin/python benchmarks/reuse_semantic.py                 # all but --full

FLORES-200 devtest (../shared/corpora/flores200_cjk): 1,012 English sentences and their
professional Korean, Japanese and Chinese translations. Retrieval: each translated sentence's
nearest English sentence by the encoder's cosine (top-1 accuracy), and encoding speed.

Planted translations: FLORES documents as articles. 150 English documents from a "Wire"
outlet; 90 of them translated into Korean, Japanese or Chinese by three outlets, a day later,
each translation dropping one sentence of three or more and carrying one or two sentences of
another document (whose English is not in the corpus); 50 more translated documents with no
English source. Gold: every (English sentence, its translation) in a translated article.
Recall of gold pairs, precision of the reported translation matches, at the defaults.

Rewrites: the 300 BASIL articles give up to eight sentences each (10-50 words, no
quotation marks), rewritten as a journalist would, by rules: attribution moved ("X said" to the
front, "according to X"), words swapped for synonyms (said/stated, announced/unveiled, ...),
condensed (parenthetical clauses and -ly adverbs dropped), clauses swapped around ", but" /
", and". Rewrites still sharing more than 60 % of their words (Jaccard) with the original are dropped
(those are near copies). Each rewrite article (a day after its source, outlet "Rewrite Desk")
is added to BASIL; gold pairs are (original, rewrite). Recall counts a rewrite found by any
tier; precision is over every match the rewrite articles get (their sources' sibling articles
on the same event included: an independent sentence on the same fact counts as a false one).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from paths import corpora_dir

from analysis.ingest.pipeline import build_corpus, corpus_from_documents
from analysis.reuse import (
    DEFAULT_MIN_SCORE,
    article_pairs,
    cluster_provenance,
    default_encoder,
    matches_above,
    quote_ledger,
    reuse_clusters,
    reuse_matches,
    semantic_candidates,
    semantic_matches,
    source_mentions,
)
from analysis.text.records import Corpus, Document

LANGUAGES = (("kor_Hang", "ko", "Seoul Daily"), ("jpn_Jpan", "ja", "Tokyo Shimbun"), ("zho_Hans", "zh", "Beijing News"))


def flores_lines(code: str) -> list[str]:
    """Return one FLORES devtest file's sentences (Korean CSV quoting undone)."""
    out = []
    for line in (corpora_dir() / "flores200_cjk" / "devtest" / f"{code}.devtest").read_text(encoding="utf-8").splitlines():
        s = line.strip()
        if len(s) > 1 and s[0] == s[-1] == '"' and '""' in s:
            s = s[1:-1].replace('""', '"')
        out.append(s)
    return out


def flores() -> None:
    """Print top-1 retrieval ko/ja/zh -> en and encoding speed."""
    encoder = default_encoder()
    english = flores_lines("eng_Latn")
    encoder.encode(["warm up"])
    t0 = time.perf_counter()
    en = encoder.encode(english)
    per = (time.perf_counter() - t0) / len(english) * 1000
    print(f"FLORES devtest, {len(english)} sentences; English encoded at {per:.1f} ms a sentence (one thread)")
    for code, lang, _ in LANGUAGES:
        t0 = time.perf_counter()
        other = encoder.encode(flores_lines(code))
        ms = (time.perf_counter() - t0) / len(english) * 1000
        sims = other @ en.T
        top1 = float((sims.argmax(axis=1) == np.arange(len(english))).mean())
        diag = np.diag(sims)
        off = sims[~np.eye(len(english), dtype=bool)]
        print(f"  {lang} -> en: top-1 {top1:.3f}; cosine of translation pairs median {np.median(diag):.2f}, "
              f"5th percentile {np.quantile(diag, 0.05):.2f}; unrelated pairs 99th percentile "
              f"{np.quantile(off, 0.99):.2f}; {ms:.1f} ms a sentence")


def flores_documents() -> dict[str, dict[int, list[str]]]:
    """Return FLORES documents' sentences per language code and document number."""
    out: dict[str, dict[int, list[str]]] = {}
    for line in (corpora_dir() / "flores200_cjk" / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        out.setdefault(r["flores_code"], {})[int(r["id"].rsplit("-", 1)[1])] = [s.strip() for s in r["sentences"]]
    return out


def translated_corpus(seed: int = 5) -> tuple[Corpus, set[tuple[str, str]], dict[tuple[str, str], int]]:
    """Return the planted corpus, its gold (doc, line) pairs, and the line of each passage."""
    docs_by_lang = flores_documents()
    rng = random.Random(seed)
    ids = sorted(docs_by_lang["eng_Latn"])
    rng.shuffle(ids)
    wire, fillers, alone = ids[:150], ids[150:230], ids[230:]
    base = date(2024, 3, 1)
    documents: list[Document] = []
    gold: set[tuple[tuple[str, int], tuple[str, int]]] = set()
    for n, k in enumerate(wire):
        documents.append(Document(f"en-{k:03d}", "Wire", "", base + timedelta(days=n % 60), "", "en",
                                  f"<flores>/en-{k:03d}", "\n".join(docs_by_lang["eng_Latn"][k])))
    for n, k in enumerate(wire[:90]):
        code, lang, outlet = LANGUAGES[n % 3]
        lines = list(enumerate(docs_by_lang[code][k]))
        if len(lines) >= 3:
            lines.pop(rng.randrange(1, len(lines)))
        filler = docs_by_lang[code][rng.choice(fillers)]
        chosen = [(line, text) for line, text in lines] + [(-1, s) for s in rng.sample(filler, min(len(filler), rng.choice((1, 2))))]
        doc_id = f"{lang}-{k:03d}"
        documents.append(Document(doc_id, outlet, "", base + timedelta(days=n % 60 + 1), "", lang,
                                  f"<flores>/{doc_id}", "\n".join(t for _, t in chosen)))
        for pos, (line, _) in enumerate(chosen):
            if line >= 0:
                gold.add(((f"en-{k:03d}", line), (doc_id, pos)))
    for n, k in enumerate(alone):
        code, lang, outlet = LANGUAGES[n % 3]
        documents.append(Document(f"{lang}-alone-{k:03d}", outlet, "", base + timedelta(days=rng.randrange(60)), "",
                                  lang, f"<flores>/{lang}-alone-{k:03d}", "\n".join(docs_by_lang[code][k])))
    corpus = corpus_from_documents(documents)
    # Passage -> (doc, line): each sentence is its own line; a line may split into passages.
    line_of: dict[str, tuple[str, int]] = {}
    for d in corpus.documents:
        starts = [0]
        for m in re.finditer("\n", d.text):
            starts.append(m.end())
        for p in corpus.passages_of(d.doc_id):
            line = sum(1 for s in starts if s <= p.start) - 1
            # Wire documents keep FLORES line numbers; translated ones map position -> line.
            line_of[p.passage_id] = (d.doc_id, line)
    gold_lines = {(a, b) for a, b in gold}
    return corpus, {(f"{a[0]}#{a[1]}", f"{b[0]}#{b[1]}") for a, b in gold_lines}, line_of  # type: ignore[return-value]


def translated() -> None:
    """Print recall and precision of planted translated passages."""
    corpus, gold, line_of = translated_corpus()
    encoder = default_encoder()
    t0 = time.perf_counter()
    lexical = reuse_matches(corpus, min_score=0)
    candidates = semantic_candidates(corpus, lexical, encoder=encoder)
    found = semantic_matches(corpus, lexical, encoder=encoder, pairs=candidates)
    seconds = time.perf_counter() - t0
    reported = set()
    for m in found:
        if m.kind != "translation":
            continue
        a, b = line_of[m.a], line_of[m.b]
        if b[0].startswith("en-"):
            a, b = b, a
        # Two translations of one English sentence are versions of one text too, but only
        # English-translation pairs are gold: any other pair counts against precision.
        reported.add((f"{a[0]}#{a[1]}", f"{b[0]}#{b[1]}"))
    hits = len(reported & gold)
    n_docs = len(corpus.documents)
    print(f"planted translations: {n_docs} articles, {len(gold)} gold sentence pairs; "
          f"{len(candidates)} candidate article pairs; {sum(m.kind == 'translation' for m in found)} translation matches "
          f"in {seconds:.1f} s")
    print(f"  recall {hits / len(gold):.3f}  precision {hits / max(1, len(reported)):.3f}")
    per_lang = {}
    for lang in ("ko", "ja", "zh"):
        g = {x for x in gold if x[1].startswith(lang)}
        r = {x for x in reported if x[1].startswith(lang)}
        per_lang[lang] = (len(g & r) / max(1, len(g)), len(g & r) / max(1, len(r)))
    print("  per language (recall, precision): " + ", ".join(f"{k} {v[0]:.3f}/{v[1]:.3f}" for k, v in per_lang.items()))


_SYNONYMS = {
    "said": "stated", "says": "states", "told": "informed", "announced": "unveiled", "however": "but",
    "because": "since", "approximately": "about", "about": "roughly", "help": "assist", "helped": "assisted",
    "big": "large", "large": "major", "many": "numerous", "buy": "purchase", "show": "indicate", "shows": "indicates",
    "showed": "indicated", "begin": "start", "began": "started", "started": "launched", "end": "conclude",
    "ended": "concluded", "need": "require", "needs": "requires", "important": "key", "try": "attempt",
    "tried": "attempted", "enough": "sufficient", "before": "prior to", "after": "following", "despite": "in spite of",
    "meeting": "talks", "plan": "proposal", "plans": "proposals", "law": "legislation", "bill": "measure",
    "people": "individuals", "would": "will", "could": "might", "very": "highly", "government": "administration",
    "officials": "authorities", "called": "described", "asked": "questioned", "want": "wish", "wants": "wishes",
    "wanted": "wished", "think": "believe", "thinks": "believes", "get": "obtain", "got": "received", "make": "create",
    "made": "created", "used": "employed", "use": "employ", "increase": "rise", "decision": "move", "support": "backing",
    "week": "seven days", "month": "four weeks", "also": "additionally", "country": "nation", "major": "significant",
    "attack": "assault", "attacks": "assaults", "criticized": "faulted", "criticism": "censure", "fight": "battle",
    "election": "vote", "candidate": "contender", "voters": "the electorate", "lawmakers": "legislators",
    "president": "president", "leaders": "heads", "issue": "matter", "issues": "matters", "money": "funds",
    "job": "post", "jobs": "positions", "reported": "disclosed", "report": "account", "seemed": "appeared",
    "quickly": "rapidly", "recently": "lately", "often": "frequently", "agreed": "consented", "refused": "declined",
    "including": "among them", "while": "whereas", "during": "throughout", "against": "opposed to",
    "will": "is set to", "new": "fresh", "first": "initial", "former": "ex-", "group": "organization",
    "groups": "organizations", "expected": "anticipated", "spoke": "talked", "speaking": "talking",
    "took": "assumed", "take": "assume", "gave": "handed", "give": "hand", "killed": "slain", "died": "perished",
    "found": "discovered", "wrote": "penned", "added": "went on to say", "noted": "observed", "claims": "allegations",
    "claimed": "alleged", "suggested": "hinted", "filed": "lodged", "passed": "approved", "vote": "ballot",
    "voted": "cast ballots", "effort": "push", "efforts": "pushes", "move": "step", "response": "reply",
    "comments": "remarks", "statement": "release", "campaign": "bid", "fund": "finance", "funding": "financing",
    "public": "open", "private": "closed-door", "policy": "stance", "policies": "stances", "rule": "regulation",
    "rules": "regulations", "program": "scheme", "cut": "reduce", "cuts": "reductions", "raise": "lift",
    "early": "initial", "late": "belated", "several": "a number of", "some": "certain",
    "most": "the majority of", "all": "every one of", "other": "additional", "only": "merely", "still": "nonetheless",
    "since": "ever since", "until": "till", "under": "beneath", "over": "above", "across": "throughout",
}
# A rewrite keeps at most this share of the original's words (Jaccard), else it is a near copy.
MAX_SHARED_WORDS = 0.6
_ATTRIBUTION = re.compile(r"^(?P<body>.+?),?\s+(?P<who>(?:[A-Z][\w.'’-]*\s?){1,4}|he|she|they)\s+(?P<verb>said|says|told \w+)(?P<rest>[^,.]*)\.$")
_LEADING_PHRASE = re.compile(r"^((?:In|On|At|After|Before|During|Since|Earlier|Later|Last)\b[^,]{3,60}),\s+")
_TIME_PHRASE = re.compile(r"\s+(?:on|last|this|earlier this|late on)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year)\b")
_PARENTHETICAL = re.compile(r",\s+(?:who|which|where)\s+[^,]{3,80},")
_ADVERB = re.compile(r"\s+\w{4,}ly\b")


def rewrite(sentence: str, rng: random.Random) -> str:
    """Return a sentence rewritten as a journalist would (by rules; see the module docstring)."""
    s = sentence.strip()
    m = _ATTRIBUTION.match(s)
    if m and rng.random() < 0.8:
        who = m.group("who").strip()
        body = m.group("body").rstrip(",")
        s = (f"According to {who}{m.group('rest')}, {body[0].lower() + body[1:]}." if rng.random() < 0.5
             else f"{who[0].upper() + who[1:]} {m.group('verb')}{m.group('rest')} that {body[0].lower() + body[1:]}.")
    if rng.random() < 0.7:
        s = _PARENTHETICAL.sub(",", s, count=1)
    if rng.random() < 0.7:
        s = _ADVERB.sub("", s)
    lead = _LEADING_PHRASE.match(s)
    if lead and rng.random() < 0.7:
        rest = s[lead.end():].rstrip(".")
        s = f"{rest[0].upper() + rest[1:]} {lead.group(1)[0].lower() + lead.group(1)[1:]}."
    if rng.random() < 0.5:
        s = _TIME_PHRASE.sub("", s)
    for sep in (", but ", ", and ", ", while "):
        if sep in s and rng.random() < 0.5:
            left, right = s.rstrip(".").split(sep, 1)
            s = f"{right[0].upper() + right[1:]}{sep}{left[0].lower() + left[1:]}."
            break

    def swap(word: re.Match[str]) -> str:
        w = word.group()
        new = _SYNONYMS.get(w.lower())
        if new is None:
            return w
        return new[0].upper() + new[1:] if w[0].isupper() else new

    return re.sub(r"[A-Za-z]+", swap, s)


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text)}


def rewrite_set(seed: int = 3) -> tuple[Corpus, list[tuple[str, str]], set[str]]:
    """Return BASIL plus the rewrite articles, the gold (original passage, rewrite passage) pairs and the rewrite doc ids."""
    basil = build_corpus([str(corpora_dir() / "basil" / "articles")])
    rng = random.Random(seed)
    events = {}
    for path in (corpora_dir() / "basil" / "articles").glob("*/*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        events.setdefault(record["triplet-uuid"], []).append(record.get("uuid"))
    by_id = {d.doc_id: d for d in basil.documents}
    sources = [doc_id for _, v in sorted(events.items()) for doc_id in sorted(v)]
    new_docs: list[Document] = []
    planted: list[tuple[str, str, str]] = []  # (source passage, rewrite doc, rewrite text)
    for k, doc_id in enumerate(sources):
        if doc_id not in by_id:
            continue
        doc = by_id[doc_id]
        body = [p for p in basil.passages_of(doc_id) if p.role == "body" and 10 <= len(p.text.split()) <= 50
                and not re.search("[\"“”]", p.text)]
        rng.shuffle(body)
        lines = []
        for p in body:
            new = rewrite(p.text, rng)
            a, b = _words(p.text), _words(new)
            if len(a & b) / len(a | b) > MAX_SHARED_WORDS:
                continue
            lines.append(new)
            planted.append((p.passage_id, f"rw-{k:03d}", new))
            if len(lines) == 8:
                break
        if lines:
            new_docs.append(Document(f"rw-{k:03d}", "Rewrite Desk", "", (doc.published or date(2015, 1, 1)) + timedelta(days=1),
                                     "", "en", f"<rewrites>/rw-{k:03d}", "\n\n".join(lines)))
    corpus = corpus_from_documents((*basil.documents, *new_docs))
    by_text = {(p.doc_id, p.text): p.passage_id for p in corpus.passages}
    gold = []
    for source, doc_id, text in planted:
        pid = by_text.get((doc_id, text.strip()))
        if pid is None:  # split into two sentences by the segmenter: take the first
            pid = next(p.passage_id for p in corpus.passages_of(doc_id) if text.startswith(p.text[:20]))
        gold.append((source, pid))
    return corpus, gold, {d.doc_id for d in new_docs}


def rewrites() -> None:
    """Print recall and precision on the rewrite set, lexical tier alone and with the semantic tier."""
    corpus, gold, rewritten = rewrite_set()
    print(f"rewrite set: {len(gold)} rewritten BASIL sentences in {len(rewritten)} articles")
    lexical = reuse_matches(corpus, min_score=0)
    encoder = default_encoder()
    t0 = time.perf_counter()
    candidates = semantic_candidates(corpus, lexical, encoder=encoder)
    semantic = semantic_matches(corpus, lexical, encoder=encoder, pairs=candidates)
    seconds = time.perf_counter() - t0
    gold_set = {tuple(sorted(g)) for g in gold}
    # The paraphrase threshold: recall and precision of the semantic tier's share at each cut.
    loose = semantic_matches(corpus, lexical, encoder=encoder, pairs=candidates, paraphrase_similarity=0.5)
    lexical_found = {tuple(sorted((m.a, m.b))) for m in matches_above(lexical, DEFAULT_MIN_SCORE)
                     if (m.doc_a in rewritten) != (m.doc_b in rewritten)}
    for cut in (0.55, 0.6, 0.65, 0.7, 0.72, 0.75, 0.8):
        pairs = lexical_found | {tuple(sorted((m.a, m.b))) for m in loose
                                 if m.similarity >= cut and (m.doc_a in rewritten) != (m.doc_b in rewritten)}
        hits = len(pairs & gold_set)
        print(f"  paraphrase cut {cut:.2f}: recall {hits / len(gold_set):.3f}  precision {hits / max(1, len(pairs)):.3f}")
    for name, found in (("lexical only", matches_above(lexical, DEFAULT_MIN_SCORE)),
                        ("lexical + semantic", (*matches_above(lexical, DEFAULT_MIN_SCORE), *semantic))):
        touching = [m for m in found if (m.doc_a in rewritten) != (m.doc_b in rewritten)]
        pairs = {tuple(sorted((m.a, m.b))) for m in touching}
        hits = len(pairs & gold_set)
        kinds: dict[str, int] = {}
        for m in touching:
            if tuple(sorted((m.a, m.b))) in gold_set:
                kinds[m.kind] = kinds.get(m.kind, 0) + 1
        print(f"  {name:<20} recall {hits / len(gold_set):.3f}  precision {hits / max(1, len(pairs)):.3f}"
              f"  (found as {kinds})")
    print(f"  semantic tier on BASIL + rewrites: {seconds:.1f} s for {len(candidates)} candidate article pairs")


def quotes() -> None:
    """Print the BASIL quote ledger: pairs moved from reuse to quotes, groups and their variants."""
    corpus = build_corpus([str(corpora_dir() / "basil" / "articles")])
    lexical = reuse_matches(corpus, min_score=0)
    outlet = {d.doc_id: d.outlet for d in corpus.documents}
    cross = [m for m in lexical if outlet[m.doc_a] != outlet[m.doc_b]]
    moved = [m for m in cross if m.kind == "quote"]
    at = [m for m in matches_above(cross, DEFAULT_MIN_SCORE)]
    print(f"BASIL: {len(cross)} cross-outlet matches (score >= 0), {len(moved)} of them shared quotes "
          f"(moved out of narration); at the default threshold {len(at)} matches, "
          f"{sum(m.kind == 'quote' for m in at)} shared quotes")
    t0 = time.perf_counter()
    groups = quote_ledger(corpus)
    seconds = time.perf_counter() - t0
    classes: dict[str, int] = {}
    for g in groups:
        for v in g.variants:
            if not v.reference:
                classes[v.variant] = classes.get(v.variant, 0) + 1
    three = sum(len(g.outlets) >= 3 for g in groups)
    print(f"  quote ledger: {len(groups)} quotations in 2+ outlets ({three} in all three), "
          f"{sum(bool(g.speaker) for g in groups)} with a speaker, in {seconds:.2f} s; variants {classes}")
    for g in groups[:5]:
        print(f"  {g.group_id} · {g.speaker or 'speaker unknown'}")
        for v in g.variants:
            label = "reference" if v.reference else v.variant
            change = "; ".join(f"{op}: {old!r} -> {new!r}" for op, old, new in v.diff[:2])
            print(f"     {v.outlet:<4} {label:<10} {v.quotation.text[:80]!r} {change}")


def full(size: int) -> None:
    """Print time and memory of the whole reuse wing on the synthetic corpus of ``size`` articles."""
    from reuse import PeakMemory
    from reuse_synth import synthetic_corpus

    data = synthetic_corpus(size)
    corpus = data.corpus
    inner = default_encoder()
    inner.encode(["warm up"])
    encoded = [0]

    class Counting:
        def encode(self, texts):
            encoded[0] += len(texts)
            return inner.encode(texts)

    encoder = Counting()
    steps: list[tuple[str, float, float]] = []
    # CPU seconds next to wall seconds: on shared cores the wall clock of one run swings by
    # a third with the other processes' load, the CPU time far less.
    clock = [time.perf_counter(), time.process_time()]

    def step(name: str) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        steps.append((name, wall - clock[0], cpu - clock[1]))
        clock[:] = [wall, cpu]

    with PeakMemory() as mem:
        t0, c0 = time.perf_counter(), time.process_time()
        clock[:] = [t0, c0]
        lexical = reuse_matches(corpus, min_score=0)
        step("lexical matches")
        candidates = semantic_candidates(corpus, lexical, encoder=encoder)
        semantic = semantic_matches(corpus, lexical, encoder=encoder, pairs=candidates)
        step(f"semantic tier ({len(candidates)} article pairs, {encoded[0]} sentences encoded, "
             f"{len(semantic)} matches)")
        groups = quote_ledger(corpus, encoder=encoder, article_pairs=[(c.doc_a, c.doc_b) for c in candidates])
        step(f"quote ledger ({len(groups)} quotations)")
        kept = (*matches_above(lexical, DEFAULT_MIN_SCORE), *semantic)
        pairs = article_pairs(corpus, kept)
        clusters = reuse_clusters(corpus, kept, min_outlets=2)
        cluster_provenance(corpus, clusters, source_mentions(corpus, {d for c in clusters for d in c.doc_ids}))
        step(f"article pairs, clusters, provenance ({len(pairs)} pairs, {len(clusters)} clusters)")
        total, cpu_total = time.perf_counter() - t0, time.process_time() - c0
    print(f"whole reuse wing, {size} synthetic articles: {total:.1f} s ({cpu_total:.1f} s CPU), "
          f"+{mem.added_mb:.0f} MB peak")
    for name, seconds, cpu in steps:
        print(f"  {name}: {seconds:.1f} s ({cpu:.1f} s CPU)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for flag in ("flores", "translated", "rewrites", "quotes"):
        parser.add_argument(f"--{flag}", action="store_true")
    parser.add_argument("--full", type=int, metavar="N")
    args = parser.parse_args(argv)
    chosen = [f for f in ("flores", "translated", "rewrites", "quotes") if getattr(args, f)]
    if args.full:
        full(args.full)
    elif not chosen:
        chosen = ["flores", "translated", "rewrites", "quotes"]
    for name in chosen:
        globals()[name]()


if __name__ == "__main__":
    main()
