"""The dashboard's one cache module: cheap keys in, analysis results and tables out.

Every analysis is cached on the corpus content hash plus its parameters (the corpus object
itself travels in an underscore argument, so Streamlit never hashes it). Results for the shared corpus
live in a global cache every colleague benefits from; results for a user's own uploads live in
session-scoped caches, so nobody else's session can reach them.

Analysis records (frozen dataclasses in tuples) are immutable, so they are cached as resources:
a cache hit hands back the same object instead of unpickling a copy. Tables (DataFrames, which
a caller could modify) go through ``st.cache_data``.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

import pandas as pd
import streamlit as st

from analysis.claims import Claim, all_claims
from analysis.claims import tables as claim_tables
from analysis.claims.comparison import Disagreement
from analysis.claims.comparison import disagreements as find_disagreements
from analysis.export import csv_archive, csv_files, export_json, export_tables
from analysis.framing import FramingHit, kwic_table
from analysis.framing import framing_hits as _framing_hits
from analysis.framing import framing_rates as _framing_rates
from analysis.framing import tables as framing_tables
from analysis.framing.distinctive import distinctive_terms
from analysis.framing.distinctive import small_corpus_warning as _small_corpus_warning
from analysis.framing.lexicon import Lexicon, default_lexicon, lexicon_to_toml, parse_lexicon
from analysis.ingest import tables as corpus_tables
from analysis.ingest.pipeline import build_corpus, corpus_from_documents
from analysis.reuse import DEFAULT_MIN_SCORE as _REUSE_DEFAULT
from analysis.reuse import ReuseCluster, ReuseMatch, containment_table, matches_above, reuse_table
from analysis.reuse import reuse_clusters as _reuse_clusters
from analysis.reuse import reuse_matches as _reuse_matches
from analysis.reuse import tables as reuse_tables
from analysis.text.records import Corpus, Document, LoadError
from dashboard import session, tables
from dashboard.render import Mark

R = TypeVar("R")

ENV_CORPUS = "PARALLAX_CORPUS"  # server-side folder(s) to serve instead of the bundled seeds


@dataclass(frozen=True, slots=True)
class Source:
    """The corpus a page works on, its content hash (the cache key) and whose it is."""

    corpus: Corpus
    key: str
    private: bool
    label: str


# --------------------------------------------------------------------------- corpora


@st.cache_resource(max_entries=2, show_spinner="Loading the corpus…")
def _shared_corpus(paths: tuple[str, ...]) -> tuple[Corpus, str]:
    # The hash is computed here, once per corpus load, and cached with the corpus.
    corpus = build_corpus(paths)
    return corpus, corpus.content_hash


def shared_source() -> Source:
    """Return the corpus every colleague sees: $PARALLAX_CORPUS when set, else the bundled seeds."""
    env = os.environ.get(ENV_CORPUS, "").strip()
    paths = tuple(p for p in env.split(os.pathsep) if p)
    corpus, key = _shared_corpus(paths)
    label = ", ".join(Path(p).name for p in paths) if paths else "Bundled seeds"
    return Source(corpus, key, False, label)


@st.cache_resource(max_entries=2, show_spinner="Preparing your articles…", scope="session")
def _own_corpus(_documents: tuple[Document, ...], _errors: tuple[LoadError, ...], key: str) -> Corpus:
    return corpus_from_documents(_documents, errors=_errors)


def own_source() -> Source | None:
    """Return this session's own corpus (uploads and pasted articles), or None when empty."""
    docs = session.own_documents()
    if not docs:
        return None
    key = session.own_corpus_key()
    corpus = _own_corpus(docs, session.own_errors(), key)
    return Source(corpus, key, True, "My corpus")


def active_source() -> Source:
    """Return the corpus chosen in the sidebar (the shared one when the user has none of their own)."""
    if session.corpus_choice() == "own":
        own = own_source()
        if own is not None:
            return own
    return shared_source()


# --------------------------------------------------------------------------- cached analyses


def _cached(
    *, max_entries: int, spinner: str | bool = False, kind: Literal["data", "resource"] = "data"
) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """Cache ``fn(_source, key, ...)`` globally for the shared corpus and per session for uploads.

    ``_source`` is not hashed (its underscore tells Streamlit so); ``key``, the content hash,
    stands for it. The wrapped function is called as ``fn(source, ...)``. ``kind="resource"``
    is for immutable results (tuples of frozen records, strings): no copy on a hit.
    """
    cache = st.cache_resource if kind == "resource" else st.cache_data

    def wrap(fn: Callable[..., R]) -> Callable[..., R]:
        shared = cache(max_entries=max_entries, show_spinner=spinner)(fn)
        private = cache(max_entries=max_entries, show_spinner=spinner, scope="session")(fn)

        @functools.wraps(fn)
        def call(source: Source, *args: Any, **kwargs: Any) -> R:
            cached = private if source.private else shared
            return cached(source, source.key, *args, **kwargs)

        return call

    return wrap


@_cached(max_entries=8)
def articles(_source: Source, key: str) -> pd.DataFrame:
    """Return one row per article (outlet, title, date, language, words, share set aside)."""
    return corpus_tables.articles_table(_source.corpus)


@_cached(max_entries=64)
def passages(_source: Source, key: str, doc_id: str) -> pd.DataFrame:
    """Return one article's passages with their roles and the cleaner's reasons."""
    return corpus_tables.passages_table(_source.corpus, doc_id)


@_cached(max_entries=8)
def article_labels(_source: Source, key: str) -> dict[str, str]:
    """Return each article's doc_id mapped to "outlet · title", in corpus order."""
    return corpus_tables.article_labels(_source.corpus)


@_cached(max_entries=8)
def load_errors(_source: Source, key: str) -> pd.DataFrame:
    """Return the files that could not be read (file, problem)."""
    return corpus_tables.errors_table(_source.corpus)


@_cached(max_entries=8, kind="resource")
def outlets(_source: Source, key: str) -> tuple[str, ...]:
    """Return the outlets of the source's corpus in first-seen order."""
    return corpus_tables.outlets_of(_source.corpus)


@_cached(max_entries=64)
def passage_paragraphs(_source: Source, key: str, passage_ids: tuple[str, ...]) -> dict[str, tuple[int, ...]]:
    """Return, per document, the paragraph indexes holding the given passages."""
    return corpus_tables.passage_paragraphs(_source.corpus, passage_ids)


@_cached(max_entries=64, kind="resource")
def documents_of(_source: Source, key: str, outlet: str) -> tuple[str, ...]:
    """Return the doc_ids of one outlet's articles, in corpus order."""
    return corpus_tables.documents_of(_source.corpus, outlet)


# --------------------------------------------------------------------------- lexicon and framing

@st.cache_resource(max_entries=1, show_spinner=False)
def default_lexicon_toml() -> str:
    """Return the bundled lexicon as TOML text."""
    return lexicon_to_toml(default_lexicon())


def lexicon_toml() -> str:
    """Return the lexicon in use in this session (the bundled one until the user edits it)."""
    return session.edited_lexicon_toml() or default_lexicon_toml()


def set_lexicon(lexicon: Lexicon | None) -> None:
    """Use this lexicon from now on in this session (None: back to the bundled one)."""
    text = lexicon_to_toml(lexicon) if lexicon is not None else ""
    session.set_edited_lexicon_toml("" if text == default_lexicon_toml() else text)


@st.cache_resource(max_entries=32, show_spinner=False)
def lexicon_of(toml: str) -> Lexicon:
    """Return the lexicon written in ``toml`` (raises LexiconError)."""
    return parse_lexicon(toml)


@_cached(max_entries=16, spinner="Counting framing terms…", kind="resource")
def framing_hits(_source: Source, key: str, toml: str) -> tuple[FramingHit, ...]:
    """Return every lexicon hit in the articles' text."""
    return _framing_hits(_source.corpus, lexicon_of(toml))


@_cached(max_entries=16)
def framing_rates(_source: Source, key: str, toml: str, *, by_language: bool = False) -> pd.DataFrame:
    """Return per-outlet (or per-language press) counts and rates per 1,000 words by frame and term."""
    lexicon = lexicon_of(toml)
    return _framing_rates(_source.corpus, framing_hits(_source, toml), lexicon=lexicon, by_language=by_language)


@_cached(max_entries=32, kind="resource")
def documents_in(_source: Source, key: str, language: str) -> tuple[str, ...]:
    """Return the doc_ids of the articles in one language."""
    return corpus_tables.documents_in(_source.corpus, language)


@_cached(max_entries=8, kind="resource")
def languages(_source: Source, key: str) -> tuple[str, ...]:
    """Return the languages of the corpus's articles, most articles first ("" for unknown)."""
    return corpus_tables.languages_of(_source.corpus)


@_cached(max_entries=16)
def kwic(_source: Source, key: str, toml: str) -> pd.DataFrame:
    """Return one keyword-in-context line per framing hit."""
    return kwic_table(_source.corpus, framing_hits(_source, toml))


@_cached(max_entries=32)
def kwic_lines(_source: Source, key: str, toml: str, *, outlet: str | None, frame: str | None,
               term: str | None) -> pd.DataFrame:
    """Return the KWIC lines of one outlet, frame and term (None: any), with a hit_id column."""
    return framing_tables.kwic_lines(kwic(_source, toml), outlet=outlet, frame=frame, term=term)


@_cached(max_entries=32)
def hit_marks(_source: Source, key: str, toml: str, doc_id: str, focus: str) -> tuple[tuple[Mark, ...], int]:
    """Return the framing marks of one document with hit ``focus`` standing out, and its paragraph."""
    marks = tables.framing_marks(kwic(_source, toml), doc_id, focus=focus)
    start = next((m.start for m in marks if m.kind == "focus"), 0)
    return marks, corpus_tables.paragraph_at(_source.corpus, doc_id, start)


# --------------------------------------------------------------------------- reuse

DEFAULT_MIN_SCORE = _REUSE_DEFAULT


@_cached(max_entries=8, spinner="Finding reused passages…", kind="resource")
def _all_matches(_source: Source, key: str) -> tuple[ReuseMatch, ...]:
    # Scores do not depend on the threshold: align once at 0 and cut per threshold.
    return _reuse_matches(_source.corpus, min_score=0.0)


@_cached(max_entries=32, kind="resource")
def reuse_matches(_source: Source, key: str, *, min_score: float) -> tuple[ReuseMatch, ...]:
    """Return the passage matches scoring at least ``min_score``."""
    return matches_above(_all_matches(_source), min_score)


@_cached(max_entries=32)
def reuse_pairs(_source: Source, key: str, *, min_score: float) -> pd.DataFrame:
    """Return one row per match (strongest first) with outlets, texts and a match_id."""
    return reuse_tables.with_match_ids(reuse_table(_source.corpus, reuse_matches(_source, min_score=min_score)))


@_cached(max_entries=32)
def pairs_between(_source: Source, key: str, *, min_score: float, outlet_a: str | None, outlet_b: str | None,
                  same_document: bool) -> pd.DataFrame:
    """Return the matches at ``min_score`` between two outlets (either direction; None: any outlet)."""
    return reuse_tables.pairs_between(reuse_pairs(_source, min_score=min_score), outlet_a=outlet_a, outlet_b=outlet_b,
                                same_document=same_document)


@_cached(max_entries=32)
def containment(_source: Source, key: str, *, min_score: float) -> pd.DataFrame:
    """Return the share of each outlet's article words found in each other outlet."""
    return containment_table(_source.corpus, reuse_matches(_source, min_score=min_score))


@_cached(max_entries=32, kind="resource")
def reuse_clusters(_source: Source, key: str, *, min_score: float) -> tuple[ReuseCluster, ...]:
    """Return groups of passages linked by matches across at least two outlets."""
    return _reuse_clusters(_source.corpus, reuse_matches(_source, min_score=min_score), min_outlets=2)


@_cached(max_entries=32)
def clusters_table(_source: Source, key: str, *, min_score: float) -> pd.DataFrame:
    """Return one row per reuse cluster: outlets, size, the earliest outlet and a sample text."""
    return reuse_tables.clusters_table(_source.corpus, reuse_clusters(_source, min_score=min_score))


@_cached(max_entries=32)
def cluster_marks(_source: Source, key: str, cluster_id: str, *, min_score: float
                  ) -> tuple[dict[str, tuple[Mark, ...]], dict[str, tuple[int, ...]]]:
    """Return, per document of a cluster, the spans it shares with the other members and their paragraphs."""
    cluster = next(c for c in reuse_clusters(_source, min_score=min_score) if c.cluster_id == cluster_id)
    marks = tables.cluster_marks(cluster, reuse_matches(_source, min_score=min_score))
    return marks, corpus_tables.passage_paragraphs(_source.corpus, cluster.passage_ids)


@_cached(max_entries=32)
def reused_passage_count(_source: Source, key: str, *, min_score: float) -> int:
    """Return how many article passages have a match in another outlet."""
    return reuse_tables.reused_passage_count(_source.corpus, reuse_matches(_source, min_score=min_score))


# --------------------------------------------------------------------------- claims


@_cached(max_entries=8, spinner="Reading dates and numbers…", kind="resource")
def claims(_source: Source, key: str) -> tuple[Claim, ...]:
    """Return every date, ordinal and number claim of the corpus."""
    return all_claims(_source.corpus)


@_cached(max_entries=8, spinner="Comparing the outlets' dates and numbers…", kind="resource")
def disagreements(_source: Source, key: str) -> tuple[Disagreement, ...]:
    """Return agreements, compatibilities, conflicts and different-basis pairs across outlets."""
    return find_disagreements(_source.corpus, claims(_source))


@_cached(max_entries=8)
def conflict_count(_source: Source, key: str) -> int:
    """Return how many comparisons are conflicts."""
    return sum(1 for d in disagreements(_source) if d.status == "conflict")


@_cached(max_entries=8)
def claims_matrix(_source: Source, key: str) -> pd.DataFrame:
    """Return one row per disagreement with one column per outlet (see claim_tables.claims_matrix)."""
    return claim_tables.claims_matrix(disagreements(_source), outlets(_source))


@_cached(max_entries=8)
def claim_intervals(_source: Source, key: str) -> pd.DataFrame:
    """Return each outlet's date claims as [start, end) intervals with their most serious relation."""
    return claim_tables.claim_intervals(disagreements(_source))


@_cached(max_entries=64)
def disagreement_marks(_source: Source, key: str, disagreement_id: str
                       ) -> tuple[dict[str, tuple[Mark, ...]], dict[str, tuple[int, ...]]]:
    """Return, per document, the marks of one disagreement's claims and the paragraphs holding them."""
    item = next(d for d in disagreements(_source) if d.disagreement_id == disagreement_id)
    claim_ids = [cid for v in item.values for cid in v.claim_ids]
    found = claims(_source)
    paragraphs = corpus_tables.passage_paragraphs(_source.corpus, claim_tables.claim_passage_ids(found, claim_ids))
    return tables.claim_marks(found, claim_ids), paragraphs


@_cached(max_entries=8)
def timeline(_source: Source, key: str) -> pd.DataFrame:
    """Return publication dates and claimed event dates per outlet (for the overview timeline)."""
    return claim_tables.timeline_table(_source.corpus, claims(_source))


# --------------------------------------------------------------------------- compare


@_cached(max_entries=32)
def overlay_marks(_source: Source, key: str, doc_ids: tuple[str, ...], *, toml: str, reuse: bool, frames: bool,
                  claimed: bool) -> dict[str, tuple[Mark, ...]]:
    """Return, per document shown side by side, the marks of the overlays switched on."""
    return tables.overlay_marks(
        doc_ids,
        matches=reuse_matches(_source, min_score=DEFAULT_MIN_SCORE) if reuse else (),
        kwic=kwic(_source, toml) if frames else None,
        claims=claims(_source) if claimed else (),
    )


# --------------------------------------------------------------------------- distinctive terms


@_cached(max_entries=8, spinner="Comparing vocabularies…")
def distinctive(_source: Source, key: str, *, language: str | None = None) -> pd.DataFrame:
    """Return each outlet's most over-represented terms against the rest (of one language's articles)."""
    return distinctive_terms(_source.corpus, language=language)


@_cached(max_entries=8)
def small_corpus_warning(_source: Source, key: str, *, language: str | None = None) -> str | None:
    """Return a warning when the corpus (or its articles in one language) is too small for distinctive terms."""
    return _small_corpus_warning(_source.corpus, language=language)


# --------------------------------------------------------------------------- export


@_cached(max_entries=4, spinner="Preparing the export…", kind="resource")
def export_files(_source: Source, key: str, toml: str, *, min_score: float) -> tuple[str, bytes]:
    """Return the full export (reuse pairs from ``min_score``) as JSON text and as a zip of CSV files.

    The analyses' cached results go in, so preparing an export recomputes none of them.
    """
    tables_ = export_tables(
        _source.corpus,
        lexicon=lexicon_of(toml),
        min_score=min_score,
        matches=reuse_matches(_source, min_score=min_score),
        hits=framing_hits(_source, toml),
        claims=claims(_source),
        items=disagreements(_source),
    )
    return export_json(tables_), csv_archive(csv_files(tables_))
