"""Corpus tables: articles, passages, load errors, outlets, and where a passage sits in its document."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import pandas as pd

from analysis.text.languages import base_language
from analysis.text.records import Corpus, count_words

ARTICLE_COLUMNS = ("doc_id", "outlet", "title", "published", "language", "words", "set_aside")


PASSAGE_COLUMNS = ("passage_id", "paragraph", "role", "reason", "words", "text")


def articles_table(corpus: Corpus) -> pd.DataFrame:
    """Return one row per article: outlet, title, date, language, article words, share set aside."""
    rows = []
    for d in corpus.documents:
        words = {"article": 0, "aside": 0}
        for p in corpus.passages_of(d.doc_id):
            words["article" if p.is_article else "aside"] += count_words(p.text, d.language)
        total = words["article"] + words["aside"]
        rows.append(
            (
                d.doc_id,
                d.outlet,
                d.title,
                pd.Timestamp(d.published) if d.published else pd.NaT,
                d.language,
                words["article"],
                words["aside"] / total if total else 0.0,
            )
        )
    frame = pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS))
    frame["published"] = pd.to_datetime(frame["published"])
    return frame


def passages_table(corpus: Corpus, doc_id: str) -> pd.DataFrame:
    """Return one document's passages in text order with role, reason and word count."""
    try:
        language = corpus.document(doc_id).language
    except KeyError:
        language = ""
    rows = [
        (p.passage_id, p.paragraph, p.role, p.reason, count_words(p.text, language), p.text)
        for p in corpus.passages_of(doc_id)
    ]
    return pd.DataFrame(rows, columns=list(PASSAGE_COLUMNS))


def article_labels(corpus: Corpus) -> dict[str, str]:
    """Return each article's doc_id mapped to "outlet · title" (the id when it has no title), in corpus order."""
    return {d.doc_id: f"{d.outlet} · {d.title or d.doc_id}" for d in corpus.documents}


ERROR_COLUMNS = ("file", "problem")


def errors_table(corpus: Corpus) -> pd.DataFrame:
    """Return the files that could not be read, with the reason."""
    return pd.DataFrame([(e.path, e.error) for e in corpus.errors], columns=list(ERROR_COLUMNS))


def languages_of(corpus: Corpus) -> tuple[str, ...]:
    """Return the languages of a corpus's documents, most documents first, then by code."""
    counts = Counter(base_language(d.language) for d in corpus.documents)
    return tuple(sorted(counts, key=lambda lang: (-counts[lang], lang)))


def documents_in(corpus: Corpus, language: str) -> tuple[str, ...]:
    """Return the doc_ids of the documents in one language ("" for those of unknown language)."""
    return tuple(d.doc_id for d in corpus.documents if base_language(d.language) == language)


def outlets_of(corpus: Corpus) -> tuple[str, ...]:
    """Return the outlets of a corpus in first-seen order."""
    return tuple(dict.fromkeys(d.outlet for d in corpus.documents))


def paragraph_at(corpus: Corpus, doc_id: str, offset: int) -> int:
    """Return the paragraph index of the passage holding ``offset`` (0 when none does)."""
    for p in corpus.passages_of(doc_id):
        if p.start <= offset < p.end:
            return p.paragraph
    return 0


def passage_paragraphs(corpus: Corpus, passage_ids: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """Return, per document, the paragraph indexes holding the given passages."""
    wanted = set(passage_ids)
    found: dict[str, set[int]] = {}
    for p in corpus.passages:
        if p.passage_id in wanted:
            found.setdefault(p.doc_id, set()).add(p.paragraph)
    return {doc: tuple(sorted(ps)) for doc, ps in found.items()}


def documents_of(corpus: Corpus, outlet: str) -> tuple[str, ...]:
    """Return the doc_ids of one outlet's articles, in corpus order."""
    return tuple(d.doc_id for d in corpus.documents if d.outlet == outlet)


STORY_COLUMNS = ("story_id", "label", "articles", "outlets", "first", "last", "how")


def stories_table(corpus: Corpus) -> pd.DataFrame:
    """Return one row per story: its label, articles, outlets, first and last publication date, how found.

    Stories are listed largest first (then in corpus order); dates are NaT when no article is dated.
    """
    docs = {d.doc_id: d for d in corpus.documents}
    rows = []
    for s in corpus.stories:
        members = [docs[i] for i in s.doc_ids if i in docs]
        dates = [d.published for d in members if d.published is not None]
        rows.append((
            s.story_id, s.label, len(members), len({d.outlet for d in members}),
            pd.Timestamp(min(dates)) if dates else pd.NaT, pd.Timestamp(max(dates)) if dates else pd.NaT, s.how,
        ))
    frame = pd.DataFrame(rows, columns=list(STORY_COLUMNS))
    frame = frame.astype({"articles": "int64", "outlets": "int64", "first": "datetime64[ns]", "last": "datetime64[ns]"})
    return frame.sort_values("articles", ascending=False, kind="stable").reset_index(drop=True)


MANY_STORIES = 5  # a corpus with more stories than this mixes events a reader should take one at a time
MANY_DAYS = 366  # publication dates spread wider than a year


def span_warning(corpus: Corpus) -> str | None:
    """Return a warning when the corpus spans many stories or years, else None.

    Outlets are only compared inside one story; over many stories or years, totals (reused
    passages, framing rates, the timeline) mix unrelated events.
    """
    dates = sorted(d.published for d in corpus.documents if d.published is not None)
    years = (dates[-1] - dates[0]).days > MANY_DAYS if dates else False
    many = len(corpus.stories) > MANY_STORIES
    if not (many or years):
        return None
    parts = []
    if many:
        parts.append(f"{len(corpus.stories)} stories")
    if years:
        parts.append(f"{dates[-1].year - dates[0].year + 1} years ({dates[0].year}-{dates[-1].year})")
    return (f"This corpus spans {' and '.join(parts)}. Dates, places and counts are only compared inside one "
            "story, but the totals and charts here mix them all: choose a story in the sidebar to read one at a time.")
