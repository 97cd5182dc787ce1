"""Tiny in-memory corpora for unit tests."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from analysis.ingest.pipeline import corpus_from_documents
from analysis.text.records import Corpus, Document

# The evaluation corpora (../shared/corpora next to the repository); tests using them skip when absent.
CORPORA = Path(os.environ.get("PARALLAX_CORPORA") or Path(__file__).resolve().parents[1].parent / "shared" / "corpora")


def make_document(
    text: str,
    *,
    doc_id: str = "d1",
    source: str = "",
    title: str = "",
    published: date | None = None,
    language: str = "en",
    url: str = "",
    story: str = "",
) -> Document:
    """Return a document with the given text and metadata (path is a fake in-memory name)."""
    return Document(
        doc_id=doc_id,
        source=source,
        title=title,
        published=published,
        url=url,
        language=language,
        path=f"<memory>/{doc_id}.txt",
        text=text,
        story=story,
    )


def make_corpus(*items: str | Document) -> Corpus:
    """Return a cleaned corpus of texts (ids d1, d2, ...; outlets o1, o2, ...) or ready documents."""
    docs = [
        item if isinstance(item, Document) else make_document(item, doc_id=f"d{n}", source=f"o{n}")
        for n, item in enumerate(items, start=1)
    ]
    return corpus_from_documents(docs)
