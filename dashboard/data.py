"""The dashboard's one cache module: cheap keys in, analysis results and tables out.

Every analysis is cached on the corpus content hash plus its parameters (the corpus object
itself travels in an underscore argument, so Streamlit never hashes it). Results for the shared corpus
live in a global cache every colleague benefits from; results for a user's own uploads live in
session-scoped caches, so nobody else's session can reach them.
"""

from __future__ import annotations

import functools
import io
import os
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import pandas as pd
import streamlit as st

from analysis import loading
from analysis.claims import Claim, all_claims, claims_table
from analysis.disagreements import Disagreement
from analysis.disagreements import disagreements as find_disagreements
from analysis.distinctive import distinctive_terms
from analysis.distinctive import small_corpus_warning as _small_corpus_warning
from analysis.export import csv_files, export_json, export_tables
from analysis.framing import FramingHit, kwic_table
from analysis.framing import framing_rates as _framing_rates
from analysis.framing import framing_hits as _framing_hits
from analysis.reuse import DEFAULT_MIN_SCORE as _REUSE_DEFAULT
from analysis.reuse import ReuseCluster, ReuseMatch, containment_table, matches_above, reuse_table
from analysis.reuse import reuse_clusters as _reuse_clusters
from analysis.reuse import reuse_matches as _reuse_matches
from analysis.corpus import Corpus, Document, LoadError
from analysis.lexicon import Lexicon, default_lexicon, lexicon_to_toml, parse_lexicon
from analysis.pipeline import build_corpus, corpus_from_documents
from dashboard import tables

P = ParamSpec("P")
R = TypeVar("R")

CORPUS_KEY = "corpus"  # sidebar widget (bound to the URL): "shared" or "own"
OWN_DOCS = "corpus_own_docs"  # session state: the user's own documents (uploads, pastes, edits)
OWN_ERRORS = "corpus_own_errors"  # session state: load errors of the user's uploads

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
def _shared_corpus(paths: tuple[str, ...]) -> Corpus:
    return build_corpus(paths)


def shared_source() -> Source:
    """Return the corpus every colleague sees: $PARALLAX_CORPUS when set, else the bundled seeds."""
    env = os.environ.get(ENV_CORPUS, "").strip()
    paths = tuple(p for p in env.split(os.pathsep) if p)
    corpus = _shared_corpus(paths)
    label = ", ".join(Path(p).name for p in paths) if paths else "Bundled seeds"
    return Source(corpus, _hash_of(corpus), False, label)


@st.cache_resource(max_entries=2, show_spinner=False, scope="session")
def _own_corpus(_documents: tuple[Document, ...], _errors: tuple[LoadError, ...], key: str) -> Corpus:
    return corpus_from_documents(_documents, errors=_errors)


def own_source() -> Source | None:
    """Return this session's own corpus (uploads and pasted articles), or None when empty."""
    docs: tuple[Document, ...] = st.session_state.get(OWN_DOCS, ())
    errors: tuple[LoadError, ...] = st.session_state.get(OWN_ERRORS, ())
    if not docs:
        return None
    key = Corpus(docs, (), errors).content_hash + f"-{len(errors)}"
    corpus = _own_corpus(docs, errors, key)
    return Source(corpus, key, True, "My corpus")


def active_source() -> Source:
    """Return the corpus chosen in the sidebar (the shared one when the user has none of their own)."""
    if st.session_state.get(CORPUS_KEY) == "own":
        own = own_source()
        if own is not None:
            return own
    return shared_source()


_HASHES: dict[int, tuple[Corpus, str]] = {}


def _hash_of(corpus: Corpus) -> str:
    # The shared corpus is one long-lived object: hash its texts once, not on every rerun.
    # The entry holds the corpus itself so its id cannot be reused by another object.
    hit = _HASHES.get(id(corpus))
    if hit is None or hit[0] is not corpus:
        if len(_HASHES) > 4:
            _HASHES.clear()
        hit = _HASHES[id(corpus)] = (corpus, corpus.content_hash)
    return hit[1]


SWITCH_TO_OWN = "corpus_switch_to_own"  # session flag: show the own corpus on the next run


def apply_pending_choice() -> None:
    """Switch the sidebar to the own corpus when a page asked for it (call before the widget)."""
    if st.session_state.pop(SWITCH_TO_OWN, False):
        st.session_state[CORPUS_KEY] = "own" if own_documents() else "shared"


def set_own_documents(documents: Sequence[Document], errors: Sequence[LoadError] = ()) -> None:
    """Replace this session's own corpus (documents get unique ids)."""
    st.session_state[OWN_DOCS] = loading.unique_ids(documents)
    st.session_state[OWN_ERRORS] = tuple(errors)
    st.session_state[SWITCH_TO_OWN] = True


def own_documents() -> tuple[Document, ...]:
    """Return this session's own documents."""
    return st.session_state.get(OWN_DOCS, ())


def own_errors() -> tuple[LoadError, ...]:
    """Return the load errors of this session's uploads."""
    return st.session_state.get(OWN_ERRORS, ())


def documents_from_uploads(
    files: Sequence[tuple[str, bytes]], *, progress: Callable[[int, int, str], None] | None = None
) -> tuple[tuple[Document, ...], tuple[LoadError, ...]]:
    """Parse uploaded files (any format the loader reads); a manifest.csv among them fills metadata."""
    manifests = [(n, b) for n, b in files if Path(n).name.lower() in loading.MANIFEST_NAMES]
    manifest: dict = {}
    errors: list[LoadError] = []
    for name, data in manifests:
        try:
            manifest.update(loading.parse_manifest(name, data))
        except loading.UnreadableFile as exc:
            errors.append(LoadError(exc.path, exc.reason))
    articles = [(n, b) for n, b in files if (n, b) not in manifests]
    docs: list[Document] = []
    for i, (name, data) in enumerate(articles, start=1):
        if progress:
            progress(i, len(articles), name)
        if Path(name).suffix.lower() not in loading.SUPPORTED_SUFFIXES:
            errors.append(LoadError(name, f"unsupported file type {Path(name).suffix or '(none)'}"))
            continue
        d, e = loading.documents_from_bytes(name, data, manifest=manifest or None)
        docs.extend(d)
        errors.extend(e)
    return tuple(docs), tuple(errors)


def pasted_document(text: str, *, outlet: str, title: str, published: date | None, taken: Sequence[str]) -> Document:
    """Return a document for pasted text, with an id not in ``taken``."""
    stem = re.sub(r"[^\w-]+", "-", (outlet or "pasted").lower()).strip("-")[:40] or "pasted"
    n = 1
    while f"{stem}-{n}" in taken:
        n += 1
    body = text.strip()
    if title.strip() and not body.startswith(title.strip()):
        body = f"{title.strip()}\n\n{body}"
    return Document(
        doc_id=f"{stem}-{n}", source=outlet.strip(), title=title.strip(), published=published,
        url="", language="", path="<pasted>", text=body,
    )


# --------------------------------------------------------------------------- cached analyses


def _cached(*, max_entries: int, spinner: str | bool = False) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """Cache ``fn(_source, key, ...)`` globally for the shared corpus and per session for uploads.

    ``_source`` is not hashed (its underscore tells Streamlit so); ``key``, the content hash,
    stands for it. The wrapped function is called as ``fn(source, ...)``.
    """

    def wrap(fn: Callable[..., R]) -> Callable[..., R]:
        shared = st.cache_data(max_entries=max_entries, show_spinner=spinner)(fn)
        private = st.cache_data(max_entries=max_entries, show_spinner=spinner, scope="session")(fn)

        @functools.wraps(fn)
        def call(source: Source, *args: Any, **kwargs: Any) -> R:
            cached = private if source.private else shared
            return cached(source, source.key, *args, **kwargs)

        return call

    return wrap


@_cached(max_entries=8)
def articles(_source: Source, key: str) -> pd.DataFrame:
    """Return one row per article (outlet, title, date, language, words, share set aside)."""
    return tables.articles_table(_source.corpus)


@_cached(max_entries=64)
def passages(_source: Source, key: str, doc_id: str) -> pd.DataFrame:
    """Return one article's passages with their roles and the cleaner's reasons."""
    return tables.passages_table(_source.corpus, doc_id)


def outlets(source: Source) -> tuple[str, ...]:
    """Return the outlets of the source's corpus in first-seen order."""
    return tables.outlets_of(source.corpus)


def export_archive(tables_by_name: dict[str, str]) -> bytes:
    """Return a zip archive of CSV texts."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in tables_by_name.items():
            archive.writestr(name, text)
    return buf.getvalue()


# --------------------------------------------------------------------------- lexicon and framing

LEXICON_KEY = "framing_lexicon_toml"  # session state: the user's edited lexicon as TOML text


@st.cache_data(max_entries=1, show_spinner=False)
def default_lexicon_toml() -> str:
    """Return the bundled lexicon as TOML text."""
    return lexicon_to_toml(default_lexicon())


def lexicon_toml() -> str:
    """Return the lexicon in use in this session (the bundled one until the user edits it)."""
    return st.session_state.get(LEXICON_KEY) or default_lexicon_toml()


def set_lexicon(lexicon: Lexicon | None) -> None:
    """Use this lexicon from now on in this session (None: back to the bundled one)."""
    text = lexicon_to_toml(lexicon) if lexicon is not None else ""
    st.session_state[LEXICON_KEY] = "" if text == default_lexicon_toml() else text


@st.cache_data(max_entries=32, show_spinner=False)
def lexicon_of(toml: str) -> Lexicon:
    """Return the lexicon written in ``toml`` (raises LexiconError)."""
    return parse_lexicon(toml)


@_cached(max_entries=16, spinner="Counting framing terms…")
def framing_hits(_source: Source, key: str, toml: str) -> tuple[FramingHit, ...]:
    """Return every lexicon hit in the articles' text."""
    return _framing_hits(_source.corpus, lexicon_of(toml))


@_cached(max_entries=16)
def framing_rates(_source: Source, key: str, toml: str) -> pd.DataFrame:
    """Return per-outlet counts and rates per 1,000 words by frame and term (zeros included)."""
    lexicon = lexicon_of(toml)
    return _framing_rates(_source.corpus, framing_hits(_source, toml), lexicon=lexicon)


@_cached(max_entries=16)
def kwic(_source: Source, key: str, toml: str) -> pd.DataFrame:
    """Return one keyword-in-context line per framing hit."""
    return kwic_table(_source.corpus, framing_hits(_source, toml))


# --------------------------------------------------------------------------- export


@_cached(max_entries=4, spinner="Preparing the export…")
def export_files(_source: Source, key: str, toml: str) -> tuple[str, bytes]:
    """Return the full export as JSON text and as a zip of CSV files."""
    tables_ = export_tables(_source.corpus, lexicon=lexicon_of(toml))
    return export_json(tables_), export_archive(csv_files(tables_))


# --------------------------------------------------------------------------- reuse

DEFAULT_MIN_SCORE = _REUSE_DEFAULT


@_cached(max_entries=8, spinner="Finding reused passages…")
def _all_matches(_source: Source, key: str) -> tuple[ReuseMatch, ...]:
    # Scores do not depend on the threshold: align once at 0 and cut per threshold.
    return _reuse_matches(_source.corpus, min_score=0.0)


@_cached(max_entries=32)
def reuse_matches(_source: Source, key: str, *, min_score: float) -> tuple[ReuseMatch, ...]:
    """Return the passage matches scoring at least ``min_score``."""
    return matches_above(_all_matches(_source), min_score)


@_cached(max_entries=32)
def reuse_pairs(_source: Source, key: str, *, min_score: float) -> pd.DataFrame:
    """Return one row per match (strongest first) with outlets, texts and a match_id."""
    table = reuse_table(_source.corpus, matches_above(_all_matches(_source), min_score))
    return tables.with_match_ids(table)


@_cached(max_entries=32)
def containment(_source: Source, key: str, *, min_score: float) -> pd.DataFrame:
    """Return the share of each outlet's article words found in each other outlet."""
    return containment_table(_source.corpus, matches_above(_all_matches(_source), min_score))


@_cached(max_entries=32)
def reuse_clusters(_source: Source, key: str, *, min_score: float) -> tuple[ReuseCluster, ...]:
    """Return groups of passages linked by matches across at least two outlets."""
    return _reuse_clusters(_source.corpus, matches_above(_all_matches(_source), min_score))


def reused_passage_count(source: Source, *, min_score: float) -> int:
    """Return how many article passages have a match in another outlet."""
    outlet_of = {d.doc_id: d.outlet for d in source.corpus.documents}
    return len(
        {pid for m in reuse_matches(source, min_score=min_score) if outlet_of[m.doc_a] != outlet_of[m.doc_b]
         for pid in (m.a, m.b)}
    )


# --------------------------------------------------------------------------- claims


@_cached(max_entries=8, spinner="Reading dates and numbers…")
def claims(_source: Source, key: str) -> tuple[Claim, ...]:
    """Return every date, ordinal and number claim of the corpus."""
    return all_claims(_source.corpus)


@_cached(max_entries=8)
def disagreements(_source: Source, key: str) -> tuple[Disagreement, ...]:
    """Return agreements, compatibilities, conflicts and different-basis pairs across outlets."""
    return find_disagreements(_source.corpus, claims(_source))


@_cached(max_entries=8)
def claims_frame(_source: Source, key: str) -> pd.DataFrame:
    """Return one row per claim with its outlet and sentence."""
    return claims_table(_source.corpus, claims(_source))


@_cached(max_entries=8)
def timeline(_source: Source, key: str) -> pd.DataFrame:
    """Return publication dates and claimed event dates per outlet (for the overview timeline)."""
    return tables.timeline_table(_source.corpus, claims(_source))


# --------------------------------------------------------------------------- distinctive terms


@_cached(max_entries=8, spinner="Comparing vocabularies…")
def distinctive(_source: Source, key: str) -> pd.DataFrame:
    """Return each outlet's most over-represented terms against the rest of the corpus."""
    return distinctive_terms(_source.corpus)


@_cached(max_entries=8)
def small_corpus_warning(_source: Source, key: str) -> str | None:
    """Return a warning when the corpus is too small for distinctive terms to mean much."""
    return _small_corpus_warning(_source.corpus)
