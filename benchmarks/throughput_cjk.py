"""Throughput per character: English against Korean, Japanese and Chinese, the whole analysis.

Each language's real articles go through cleaning and segmentation, reuse, claims and framing
(default lexicon), timed stage by stage in CPU time of this process (the machine is shared:
wall time moves with the load of others); the figure is characters of text per CPU second.
English: the BASIL articles; Korean and Japanese: Wikinews (644 and the first 1,000 of 3,670);
Chinese: the Simplified FLORES-200 documents (281, short). Target (issue 12): each CJK
language at least a third of English per character.

    .venv/bin/python benchmarks/throughput_cjk.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reuse_cjk import articles
from reuse_synth import basil_bodies

from analysis.claims import all_claims
from analysis.framing import default_lexicon, framing_hits
from analysis.ingest.pipeline import corpus_from_documents
from analysis.reuse import reuse_matches
from analysis.text.languages import _remembered_language
from analysis.text.records import Document
from analysis.text.tokens import _segmented_words, words


def english() -> list[Document]:
    """Return the BASIL article bodies as English documents."""
    texts, _ = basil_bodies()
    from datetime import date

    return [Document(f"en{i}", f"outlet{i % 20}", "", date(2020, 1, 1), "", "en", "", t) for i, t in enumerate(texts)]


def measure(name: str, docs: list[Document], *, repeat: int = 3) -> float:
    """Print the stage times of one corpus (the fastest of ``repeat`` runs) and its characters per second."""
    chars = sum(len(d.text) for d in docs)
    lexicon = default_lexicon()
    best: tuple[float, ...] | None = None
    for _ in range(repeat):
        _segmented_words.cache_clear()  # each run segments afresh
        _remembered_language.cache_clear()  # and tells each passage's language afresh
        t0 = time.process_time()
        corpus = corpus_from_documents(docs)
        t1 = time.process_time()
        reuse_matches(corpus, min_score=0)
        t2 = time.process_time()
        all_claims(corpus)
        t3 = time.process_time()
        framing_hits(corpus, lexicon)
        t4 = time.process_time()
        if best is None or t4 - t0 < best[4] - best[0]:
            best = (t0, t1, t2, t3, t4)
    t0, t1, t2, t3, t4 = best  # type: ignore[misc]
    rate = chars / (t4 - t0)
    print(f"{name}: {len(docs)} articles, {chars:,} characters: corpus {t1 - t0:.1f}s, reuse {t2 - t1:.1f}s, "
          f"claims {t3 - t2:.1f}s, framing {t4 - t3:.1f}s; {rate / 1e3:.0f}k characters/s")
    return rate


def main() -> None:
    # Dictionaries load once per process (MeCab-ko, UniDic, jieba's, OpenCC's: about a second in
    # all); the figures are for the analysis, so they load before the clock starts.
    for sample, language in (("정상회담을 했다", "ko"), ("会談を行った", "ja"), ("會晤", "zh")):
        words(sample, language)
    base = measure("en", english())
    for language, limit in (("ko", 1000), ("ja", 1000), ("zh", 1000)):
        rate = measure(language, articles(language, limit))
        print(f"  {language} / en per character: {rate / base:.2f}")


if __name__ == "__main__":
    main()
