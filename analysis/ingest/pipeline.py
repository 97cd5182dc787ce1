"""From paths or in-memory documents to a cleaned, segmented ``Corpus``."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from analysis.ingest.cleaning import classify_documents
from analysis.ingest.files import Progress, load_documents, unique_ids, without_lone_surrogates
from analysis.ingest.stories import grouped_stories
from analysis.text.languages import document_language
from analysis.text.records import Corpus, Document, LoadError, Passage, records_in_bulk
from analysis.text.segmenting import paragraph_sentences


def build_corpus(
    paths: Sequence[str | os.PathLike[str]] = (), *, progress: Progress | None = None
) -> Corpus:
    """Load, clean and segment the articles under ``paths`` (no paths: the bundled seeds)."""
    docs, errors = load_documents(paths, progress=progress)
    return corpus_from_documents(docs, errors=errors)


def corpus_from_documents(docs: Iterable[Document], *, errors: Iterable[LoadError] = ()) -> Corpus:
    """Clean and segment in-memory documents into a corpus (ids are made unique).

    Documents that did not come through the loader (pasted, edited) get its repair too: lone
    surrogates become U+FFFD, with a note in ``errors``.
    """
    with records_in_bulk():  # three records per paragraph, none in a cycle
        return _corpus_from_documents(docs, errors=errors)


def _corpus_from_documents(docs: Iterable[Document], *, errors: Iterable[LoadError]) -> Corpus:
    """Return the cleaned, segmented corpus of ``docs`` (``corpus_from_documents`` without the pause)."""
    notes: list[LoadError] = []
    repaired: list[Document] = []
    for d in unique_ids(docs):
        d, note = without_lone_surrogates(d)
        repaired.append(d)
        if note is not None:
            notes.append(note)
    errors = (*errors, *notes)
    documents = _same_outlet_spelling(
        tuple(d if d.language else replace(d, language=document_language(d.text)) for d in repaired)
    )
    paragraphs = classify_documents(documents)
    passages: list[Passage] = []
    add = passages.append
    for doc in documents:
        n = 0
        doc_id, text = doc.doc_id, doc.text
        for index, para in enumerate(paragraphs[doc.doc_id]):
            role, reason = para.role, para.reason
            for span in (para.span,) if role == "title" else paragraph_sentences(text, para.span):
                # Positional: keywords cost half as much again per passage (32,000 one-word headings).
                add(Passage(f"{doc_id}:{n}", doc_id, role, span.start, span.end, text[span.start : span.end], reason, index))
                n += 1
    article_text: dict[str, list[str]] = {d.doc_id: [] for d in documents}
    for p in passages:
        if p.is_article:
            article_text[p.doc_id].append(p.text)
    documents, stories = grouped_stories(documents, texts=["\n".join(article_text[d.doc_id]) for d in documents])
    return Corpus(documents=documents, passages=tuple(passages), errors=tuple(errors), stories=stories)


def _same_outlet_spelling(docs: tuple[Document, ...]) -> tuple[Document, ...]:
    """Return the documents with outlet names that differ only in case or spacing spelled one way.

    The commonest spelling wins ("nyt" x96 and "NYT" x4 become "nyt"), so per-outlet
    counts never split one outlet in two.
    """
    spellings: dict[str, Counter[str]] = {}
    for d in docs:
        if d.source:
            spellings.setdefault(" ".join(d.source.split()).casefold(), Counter())[d.source] += 1
    chosen = {k: c.most_common(1)[0][0] for k, c in spellings.items()}
    return tuple(
        replace(d, source=chosen[" ".join(d.source.split()).casefold()])
        if d.source and chosen[" ".join(d.source.split()).casefold()] != d.source
        else d
        for d in docs
    )
