"""Word segmenters for Korean, Japanese and Chinese compared on the corpora: speed and accuracy.

The measurements behind the choice in analysis/text/tokens.py. Candidates that are not
installed are skipped (only the chosen ones are project dependencies; install the others in a
scratch environment to repeat the comparison: kiwipiepy, sudachipy + sudachidict_core, janome,
jieba).

- Korean (Korean Wikinews, 644 articles): characters per second, and the share of KLUE-NER date
  and quantity span boundaries (news half) that fall on a morpheme boundary: a segmenter that
  cuts 13일에 as 13/일/에 lets a claim end where KLUE's annotators end it.
- Japanese (first 800 Japanese Wikinews articles): characters per second, and boundary F1
  against the MeCab-IPAdic tokens the corpus ships (cleaned-data.tsv.gz): a silver standard
  that favours IPAdic-based segmenters (Janome).
- Chinese (Simplified FLORES-200 documents, five times over): characters per second, and how
  often two segmenters cut a document the same way.

    .venv/bin/python benchmarks/cjk_tokenizers.py
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from paths import corpora_dir

Spans = list[tuple[int, int]]


def _located(text: str, surfaces: Iterable[str]) -> Spans:
    out, pos = [], 0
    for s in surfaces:
        i = text.find(s, pos)
        if i < 0:
            continue
        out.append((i, i + len(s)))
        pos = i + len(s)
    return out


def _rate(segment: Callable[[str], Spans], texts: list[str]) -> float:
    segment(texts[0])
    start = time.process_time()
    for t in texts:
        segment(t)
    return sum(map(len, texts)) / (time.process_time() - start)


def korean() -> None:
    root = corpora_dir()
    texts = [json.loads(x)["text"] for x in (root / "wikinews_ko" / "articles.jsonl").read_text().splitlines()]
    klue = [json.loads(x) for x in (root / "klue_ner_ko" / "sentences.jsonl").read_text().splitlines()]
    klue = [s for s in klue if s["genre"] == "wikitree"]
    candidates: dict[str, Callable[[str], Spans]] = {}
    try:
        import mecab

        tagger = mecab.MeCab()
        candidates["python-mecab-ko"] = lambda s: _located(s, (m.surface for m in tagger.parse(s)))
    except ImportError:
        pass
    try:
        import kiwipiepy

        kiwi = kiwipiepy.Kiwi()
        candidates["kiwipiepy (cong)"] = lambda s: [(t.start, t.start + t.len) for t in kiwi.tokenize(s)]
    except ImportError:
        pass
    for name, segment in candidates.items():
        hit = total = 0
        for s in klue:
            cuts = {c for span in segment(s["text"]) for c in span}
            for e in s["entities"]:
                if e["type"] in ("DT", "QT"):
                    total += 2
                    hit += (e["start"] in cuts) + (e["end"] in cuts)
        print(f"ko {name}: {_rate(segment, texts) / 1e3:.0f}k characters/s, "
              f"KLUE DT/QT span boundaries on word boundaries {hit / total:.3f}")


def japanese() -> None:
    root = corpora_dir()
    with gzip.open(root / "wikinews_ja" / "cleaned-data.tsv.gz", "rt", encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:801]
    texts = [r[1].replace(" ", "") for r in rows]
    silver = []
    for r in rows:
        cuts, pos = set(), 0
        for w in r[1].split(" "):
            pos += len(w)
            cuts.add(pos)
        silver.append(cuts)
    candidates: dict[str, Callable[[str], Spans]] = {}
    try:
        import fugashi

        tagger = fugashi.Tagger()
        candidates["fugashi + unidic-lite"] = lambda s: _located(s, (w.surface for w in tagger(s)))
    except ImportError:
        pass
    try:
        import sudachipy

        sudachi = sudachipy.Dictionary(dict="core").create()
        for mode in ("A", "C"):
            split = getattr(sudachipy.SplitMode, mode)
            candidates[f"sudachipy core {mode}"] = (
                lambda s, split=split: [(m.begin(), m.end()) for m in sudachi.tokenize(s, split)])
    except ImportError:
        pass
    try:
        import janome.tokenizer

        janome_tagger = janome.tokenizer.Tokenizer()
        candidates["janome"] = lambda s: _located(s, (w.surface for w in janome_tagger.tokenize(s)))
    except ImportError:
        pass
    for name, segment in candidates.items():
        sample = texts if name != "janome" else texts[:150]  # Janome reads 22k characters/s
        tp = fp = fn = 0
        for t, gold in zip(sample, silver):
            cuts = {b for _, b in segment(t)}
            tp += len(gold & cuts)
            fp += len(cuts - gold)
            fn += len(gold - cuts)
        p, r = tp / (tp + fp), tp / (tp + fn)
        print(f"ja {name}: {_rate(segment, sample) / 1e3:.0f}k characters/s, boundary F1 against the "
              f"corpus's MeCab-IPAdic tokens {2 * p * r / (p + r):.3f} (P {p:.3f} R {r:.3f})")


def chinese() -> None:
    root = corpora_dir()
    docs = [json.loads(x) for x in (root / "flores200_cjk" / "documents.jsonl").read_text().splitlines()]
    texts = [d["text"] for d in docs if d["flores_code"] == "zho_Hans"]
    candidates: dict[str, Callable[[str], Spans]] = {}
    try:
        import rjieba

        candidates["rjieba"] = lambda s: [(a, b) for _, a, b in rjieba.tokenize(s)]
    except ImportError:
        pass
    try:
        import jieba

        jieba.setLogLevel(60)
        jieba.initialize()
        candidates["jieba"] = lambda s: [(a, b) for _, a, b in jieba.tokenize(s)]
    except ImportError:
        pass
    cuts = {}
    for name, segment in candidates.items():
        print(f"zh {name}: {_rate(segment, texts * 5) / 1e3:.0f}k characters/s")
        cuts[name] = [segment(t) for t in texts]
    if len(cuts) == 2:
        a, b = cuts.values()
        print(f"zh: rjieba and jieba cut {sum(x == y for x, y in zip(a, b))} of {len(texts)} documents alike")


if __name__ == "__main__":
    korean()
    japanese()
    chinese()
