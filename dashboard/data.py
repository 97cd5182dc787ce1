"""The dashboard's one cache module: cheap keys in, analysis results and tables out.

Every analysis is cached on the corpus content hash plus its parameters (the corpus object
itself travels in an underscore argument, so Streamlit never hashes it). Results for the shared corpus
live in a global cache every colleague benefits from; results for a user's own uploads live in
session-scoped caches, so nobody else's session can reach them.

Analysis records (frozen dataclasses in tuples) are immutable, so they are cached as resources:
a cache hit hands back the same object instead of unpickling a copy. Tables (DataFrames, which
a caller could modify) go through ``st.cache_data``, with bidi controls taken out of their text
for display (``render.display_frame``).

A user's own articles are untrusted input on a shared server: they are read, and analysed, in a
child process with a time and a memory budget (``dashboard.worker``), so no upload can stall the
other sessions. A result over budget is cached as such and shown as a clear error, not recomputed
on every rerun. When the own corpus changes (or is emptied) the session's caches are cleared.
"""

from __future__ import annotations

import functools
import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NoReturn, TypeVar, cast

import pandas as pd
import streamlit as st

from analysis.claims import Claim, all_claims
from analysis.claims import tables as claim_tables
from analysis.claims.comparison import Disagreement, Status
from analysis.claims.comparison import disagreements as find_disagreements
from analysis.export import NOTE_COLUMNS, csv_archive, csv_files, export_json, export_tables
from analysis.framing import FramingHit, kwic_table
from analysis.framing import framing_hits as _framing_hits
from analysis.framing import framing_rates as _framing_rates
from analysis.framing import tables as framing_tables
from analysis.framing.distinctive import distinctive_terms
from analysis.framing.distinctive import small_corpus_warning as _small_corpus_warning
from analysis.framing.lexicon import (
    DEFAULT_PRESET,
    LEXICON_PRESETS,
    Lexicon,
    lexicon_to_toml,
    parse_lexicon,
    preset_lexicon,
)
from analysis.ingest import tables as corpus_tables
from analysis.ingest import upload
from analysis.ingest.decoding import printable
from analysis.ingest.pipeline import build_corpus, corpus_from_documents
from analysis.ingest.stories import story_corpus
from analysis.reuse import DEFAULT_MIN_SCORE as _REUSE_DEFAULT
from analysis.reuse import ReuseCluster, ReuseMatch, containment_table, matches_above, reuse_table
from analysis.reuse import reuse_clusters as _reuse_clusters
from analysis.reuse import reuse_matches as _reuse_matches
from analysis.reuse import tables as reuse_tables
from analysis.reuse.articles import ArticlePair
from analysis.reuse.articles import article_pairs as _article_pairs
from analysis.reuse.articles import shared_runs as _shared_runs
from analysis.reuse.provenance import cluster_provenance as _cluster_provenance
from analysis.reuse.provenance import source_mentions
from analysis.reuse.quotes import QuoteGroup
from analysis.reuse.quotes import quote_ledger as _quote_ledger
from analysis.reuse.semantic import default_encoder, semantic_candidates
from analysis.reuse.semantic import semantic_matches as _semantic_matches
from analysis.text.records import Corpus, Document, LoadError
from dashboard import identity, render, session, tables, worker
from dashboard.render import Mark
from dashboard.workspace import cache_bytes, data_dir
from dashboard.workspace.records import ANONYMOUS, Collection, LexiconVersion, User
from dashboard.workspace.results import ResultCache
from dashboard.workspace.store import NotAllowed, Store, StoreError, lexicon_hash

R = TypeVar("R")

ENV_CORPUS = "PARALLAX_CORPUS"  # server-side folder(s) to serve instead of the bundled seeds


@dataclass(frozen=True, slots=True)
class Source:
    """The corpus a page works on, its content hash (the cache key) and whose it is.

    ``collection`` names it in the workspace, where its notes and saved views are kept: "seeds" or
    "shared" for the read-only corpora, a stored collection's id ("c-..."), "" for the session's own.
    """

    corpus: Corpus
    key: str
    private: bool
    label: str
    collection: str = ""

    @property
    def stored(self) -> bool:
        """Return True for a collection kept in the workspace (articles can be added to it)."""
        return self.collection.startswith("c-")


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
    return Source(corpus, key, False, label, "shared" if paths else "seeds")


def seeds_source() -> Source:
    """Return the bundled seeds (offered beside $PARALLAX_CORPUS when that is set)."""
    corpus, key = _shared_corpus(())
    return Source(corpus, key, False, "Bundled seeds", "seeds")


@st.cache_resource(max_entries=2, show_spinner="Preparing your articles…", scope="session")
def _own_corpus(_documents: tuple[Document, ...], _errors: tuple[LoadError, ...], key: str) -> Corpus:
    try:
        return worker.run(corpus_from_documents, _documents, errors=_errors)
    except worker.OverBudget as exc:
        # Every page needs the corpus, the Corpus page included (where it can be emptied): show
        # no article rather than stopping every page, and say why among the files not read.
        problem = LoadError("My corpus", f"preparing your {len(_documents):,} articles {exc.message}, over the "
                            "budget one user has on this shared server; remove the largest files and add them again")
        return corpus_from_documents((), errors=(*_errors, problem))


def own_source() -> Source | None:
    """Return this session's own corpus (uploads and pasted articles), or None when empty."""
    key = session.own_corpus_key()
    if session.own_key_changed(key):
        _forget_own_results()
    docs = session.own_documents()
    if not docs:
        return None
    corpus = _own_corpus(docs, session.own_errors(), key)
    return Source(corpus, key, True, "My corpus")


def uploaded_documents(
    files: Sequence[tuple[str, bytes]], *, progress: Callable[[int, int, int], None] | None = None
) -> tuple[tuple[Document, ...], tuple[LoadError, ...]]:
    """Read uploaded files in a worker process, each file (and its articles' analysis) within the budget.

    A file over its time or memory budget is named among the errors and set aside; the others
    are read as usual. ``progress(files_read, files, articles)`` is called as each file is done, with
    the articles found so far (as ``upload.documents_from_uploads`` does).
    """
    uploads = upload.sorted_uploads(files)
    docs: list[Document] = []
    errors = list(uploads.errors)
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = [((name, data, uploads.manifest), {}) for name, data in uploads.articles]
    done = 0
    try:
        for (name, _), outcome in zip(uploads.articles, worker.each(worker.read_upload, calls)):
            done += 1
            if isinstance(outcome, worker.OverBudget):
                errors.append(LoadError(name, f"reading and analysing this file {outcome.message}, over the budget "
                                        "one file has on this shared server; set aside (the other files are read). "
                                        "Split it into smaller files, or analyse it with the command line."))
            elif isinstance(outcome, BaseException):
                errors.append(LoadError(name, printable(f"could not be read ({type(outcome).__name__}: {outcome})")))
            else:
                docs.extend(outcome[0])
                errors.extend(outcome[1])
            if progress:
                progress(done, len(calls), len(docs))
    except worker.OverBudget as exc:  # no worker became free in time: nothing more can be read now
        errors.extend(LoadError(name, f"not read: {exc.message}") for name, _ in uploads.articles[done:])
    return tuple(docs), tuple(errors)


def corpus_source() -> Source:
    """Return the corpus chosen in the sidebar, every story of it (the shared one when the user has none)."""
    choice = session.corpus_choice()
    if choice == "own":
        own = own_source()
        if own is not None:
            return own
    elif choice == "seeds":
        return seeds_source()
    elif choice.startswith("c-"):
        stored = collection_source(choice)
        if stored is not None:
            return stored
    return shared_source()


def active_source() -> Source:
    """Return what every page works on: the sidebar's corpus, narrowed to the story chosen there."""
    source = corpus_source()
    story_id = session.story_choice()
    label = next((s.label or s.story_id for s in source.corpus.stories if s.story_id == story_id), None)
    if not story_id or label is None or len(source.corpus.stories) < 2:
        return source
    return Source(_story_corpus(source, story_id), f"{source.key}/{story_id}", source.private,
                  f"{source.label} · {label}", source.collection)


# --------------------------------------------------------------------------- the workspace (collections)


@st.cache_resource(max_entries=4, show_spinner=False)
def _store(folder: str) -> Store:
    # A failure (StoreError) is not cached: the next run tries again, so a lock that clears heals.
    return Store(folder)


def workspace() -> Store:
    """Return the team's workspace database (raise StoreError when it cannot be used)."""
    return _store(str(data_dir()))


@st.cache_resource(max_entries=4, show_spinner=False)
def _results(folder: str, max_bytes: int) -> ResultCache:
    return ResultCache(folder, max_bytes=max_bytes)


def results_cache() -> ResultCache:
    """Return the on-disk cache of analysis results (bounded by $PARALLAX_CACHE_MB)."""
    return _results(str(data_dir()), cache_bytes())


def current_user() -> User:
    """Return who uses this session (the anonymous team space's user when nobody could be named)."""
    return identity.current_user() or ANONYMOUS


def visible_collections() -> tuple[Collection, ...]:
    """Return the stored collections this user may see ((): the workspace is unavailable)."""
    try:
        return workspace().collections(user=current_user())
    except StoreError:
        return ()


def source_options() -> dict[str, str]:
    """Return the sidebar's corpus choices (id -> label): the shared corpus, the seeds, yours, the collections."""
    # The selectbox sends its choice back as the label shown: a label must not change while it is shown
    # (no article count in it, or adding an article would reset the choice) and must not repeat.
    options = {"shared": shared_source().label + " (read-only)"}
    if shared_source().collection == "shared":
        options["seeds"] = "Bundled seeds (read-only)"
    options["own"] = "My corpus (this session only)"
    for c in visible_collections():
        options[c.collection_id] = c.name + (" · private" if c.visibility == "private" else "")
    seen = Counter(options.values())
    return {k: f"{v} · {k}" if seen[v] > 1 else v for k, v in options.items()}


@st.cache_resource(max_entries=8, show_spinner="Opening the collection…")
def _collection_corpus(collection_id: str, key: str, _user: User) -> Corpus:
    # ``key`` is the collection's content hash: a change to its articles is a new entry. The
    # cleaned corpus is kept on disk too: rebuilding BASIL's 300 articles takes 2.5 s, reading it 0.1 s.
    def build() -> Corpus:
        return corpus_from_documents(workspace().documents(collection_id, user=_user))

    cache = results_cache()
    return cache.cached(cache.key("corpus", key), build)


def collection_source(collection_id: str) -> Source | None:
    """Return a stored collection as a Source (None when it is gone, private to someone else, or unreadable)."""
    user = current_user()
    try:
        found = workspace().collection(collection_id, user=user)
        corpus = _collection_corpus(collection_id, found.content_key, user)
    except (StoreError, NotAllowed):
        return None
    return Source(corpus, found.content_key, False, found.name, collection_id)


# --------------------------------------------------------------------------- cached analyses


def _cached(
    *, max_entries: int, spinner: str | bool = False, kind: Literal["data", "resource"] = "data", disk: bool = False
) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """Cache ``fn(_source, key, ...)`` globally for the shared corpus and per session for uploads.

    ``_source`` is not hashed (its underscore tells Streamlit so); ``key``, the content hash,
    stands for it. The wrapped function is called as ``fn(source, ...)``. ``kind="resource"``
    is for immutable results (tuples of frozen records, strings): no copy on a hit. ``disk=True``
    also keeps the result on disk (shared corpora and collections, never a session's own uploads),
    so it survives a restart and serves every server process: the analyses, and the tables the
    first pages draw (measured on BASIL: 0.35 s of tables per Overview after a restart, 3 ms read back).
    """
    cache = st.cache_resource if kind == "resource" else st.cache_data

    def wrap(fn: Callable[..., R]) -> Callable[..., R]:
        @functools.wraps(fn)  # Streamlit keys the cache on the wrapped function's name and source
        def guarded(_source: Source, key: str, *args: Any, **kwargs: Any) -> Any:
            try:
                result: Any = fn(_source, key, *args, **kwargs)
            except worker.OverBudget as exc:
                return exc  # cached: the same corpus and parameters would run past the budget again
            return render.display_frame(result) if isinstance(result, pd.DataFrame) else result

        shared = cache(max_entries=max_entries, show_spinner=spinner)(_on_disk(guarded) if disk else guarded)
        private = cache(max_entries=max_entries, show_spinner=spinner, scope="session")(guarded)
        _PRIVATE_CACHES.append(private)

        @functools.wraps(fn)
        def call(source: Source, *args: Any, **kwargs: Any) -> R:
            cached = private if source.private else shared
            result = cached(source, source.key, *args, **kwargs)
            if isinstance(result, worker.OverBudget):
                _stop_over_budget(result)
            return cast(R, result)

        return call

    return wrap


_PRIVATE_CACHES: list[Any] = []  # every session-scoped cached function, to clear when the own corpus changes


def _forget_own_results() -> None:
    """Drop this session's cached results: its own corpus changed, they can never be asked for again."""
    for cached in (*_PRIVATE_CACHES, _own_corpus):
        cached.clear()


def _computed(source: Source, fn: Callable[..., R], *args: Any, **kwargs: Any) -> R:
    """Return ``fn(*args, **kwargs)``: in a budgeted worker process for a user's own corpus, here otherwise."""
    if source.private:
        return worker.run(fn, *args, **kwargs)
    return fn(*args, **kwargs)


def _stop_over_budget(exc: worker.OverBudget) -> NoReturn:
    st.error(
        f"This analysis of your corpus was stopped: it {exc.message}, over the budget one user has on this "
        "shared server. Remove the largest files from your corpus (Corpus page, Add articles) and try again, "
        "or analyse it with the command line (python -m analysis analyze).",
        icon=":material/timer_off:",
    )
    st.stop()


def _on_disk(fn: Callable[..., R]) -> Callable[..., R]:
    """Return ``fn`` reading and writing its results in the on-disk results cache first."""

    @functools.wraps(fn)
    def run(_source: Source, key: str, *args: Any, **kwargs: Any) -> R:
        cache = results_cache()
        entry = cache.key(fn.__name__, key, args, sorted(kwargs.items()))
        return cache.cached(entry, lambda: fn(_source, key, *args, **kwargs))

    return run


@_cached(max_entries=16, kind="resource")
def _story_corpus(_source: Source, key: str, story_id: str) -> Corpus:
    return story_corpus(_source.corpus, story_id)


@_cached(max_entries=8, disk=True)
def stories(_source: Source, key: str) -> pd.DataFrame:
    """Return one row per story of the source's corpus (label, articles, outlets, dates, how), largest first."""
    return corpus_tables.stories_table(_source.corpus)


@_cached(max_entries=8, kind="resource")
def span_warning(_source: Source, key: str) -> str | None:
    """Return a warning when the corpus spans many stories or years."""
    return corpus_tables.span_warning(_source.corpus)


@_cached(max_entries=8, disk=True)
def articles(_source: Source, key: str) -> pd.DataFrame:
    """Return one row per article (outlet, title, date, language, words, share set aside)."""
    return corpus_tables.articles_table(_source.corpus)


@_cached(max_entries=64)
def passages(_source: Source, key: str, doc_id: str) -> pd.DataFrame:
    """Return one article's passages with their roles and the cleaner's reasons."""
    return corpus_tables.passages_table(_source.corpus, doc_id)


@_cached(max_entries=8)
def article_labels(_source: Source, key: str) -> dict[str, str]:
    """Return each article's doc_id mapped to "outlet · title" (for display), in corpus order."""
    return {d: render.display_text(label) for d, label in corpus_tables.article_labels(_source.corpus).items()}


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
def preset_tomls() -> dict[str, str]:
    """Return the TOML text of each bundled lexicon preset, by preset name (the default first)."""
    return {name: lexicon_to_toml(preset_lexicon(name)) for name in LEXICON_PRESETS}


def default_lexicon_toml() -> str:
    """Return the bundled default lexicon as TOML text."""
    return preset_tomls()[DEFAULT_PRESET]


LEXICON_PARAM = "lexicon"  # the URL names the lexicon in use by its hash, so a link reproduces its counts


@dataclass(frozen=True, slots=True)
class LexiconInUse:
    """The lexicon a page uses; for a stored collection, the version shown and the collection's current one."""

    toml: str
    key: str
    version: int | None  # the collection's number for this lexicon (0: the bundled one; None: not one of its versions)
    current: int | None  # the collection's current version (None outside stored collections)
    current_by: str = ""
    current_at: str = ""


def lexicon_toml() -> str:
    """Return the lexicon in use (see ``lexicon_in_use``) as TOML text."""
    return lexicon_in_use().toml


def lexicon_in_use() -> LexiconInUse:
    """Return the lexicon in use: the one the link names, else the one this session chose for this corpus,
    else the collection's current version (the bundled lexicon, or this session's edit, elsewhere).

    Writes its hash into the URL (always for a collection, for the others when edited), so that a
    copied link carries it.
    """
    source = active_source()
    default = default_lexicon_toml()
    sid = source.collection or "own"
    wanted = ""
    if session.lexicon_link_owner() in ("", sid):  # a link just opened, or one this corpus wrote
        wanted = st.query_params.get(LEXICON_PARAM, "")
    toml = _lexicon_text(wanted or session.lexicon_choice(sid))
    version: int | None = None
    current: int | None = None
    by = at = ""
    if source.stored:
        versions = _collection_lexicons(source.collection)
        current = versions[0].version if versions else 0
        by, at = (versions[0].saved_by, versions[0].saved_at) if versions else ("", "")
        if toml is None:
            toml = (_lexicon_text(versions[0].lexicon_hash) if versions else None) or default
        key = lexicon_hash(toml)
        version = next((v.version for v in versions if v.lexicon_hash == key), 0 if toml == default else None)
    elif toml is None:
        toml = session.edited_lexicon_toml() or default
    key = lexicon_hash(toml)
    session.set_lexicon_choice(sid, key)
    if source.stored or toml != default:
        st.query_params[LEXICON_PARAM] = key
        session.set_lexicon_link_owner(sid)
    else:
        st.query_params.pop(LEXICON_PARAM, None)
    return LexiconInUse(toml, key, version, current, by, at)


def _lexicon_text(key: str) -> str | None:
    if not key:
        return None
    if key == lexicon_hash(default_lexicon_toml()):
        return default_lexicon_toml()
    kept = session.kept_lexicon(key)
    if kept:
        return kept
    try:
        return _stored_lexicon_text(key)
    except (StoreError, KeyError):
        return None


@st.cache_resource(max_entries=64, show_spinner=False)
def _stored_lexicon_text(key: str) -> str:
    # A hash names one text forever: safe to keep. An unknown hash raises, and raising is not cached.
    found = workspace().lexicon_text(key)
    if found is None:
        raise KeyError(key)
    return found


def _collection_lexicons(collection_id: str) -> tuple[LexiconVersion, ...]:
    try:
        return workspace().lexicon_versions(collection_id, user=current_user())
    except (StoreError, NotAllowed):
        return ()


def set_lexicon(lexicon: Lexicon | None) -> None:
    """Use this lexicon from now on (None: the bundled one).

    In a stored collection it is saved as the collection's next version, for everyone; when someone
    else saved a version meanwhile, theirs is replaced (last write wins) and this user is told.
    Elsewhere it stays this session's, and is kept by its hash so that links carry it.
    """
    default = default_lexicon_toml()
    toml = lexicon_to_toml(lexicon) if lexicon is not None else default
    if lexicon is not None:
        lexicon_of(toml, lexicon)  # parse_lexicon(lexicon_to_toml(x)) == x: no need to parse it back
    source = active_source()
    sid = source.collection or "own"
    user = current_user()
    key = lexicon_hash(toml)
    session.keep_lexicon(key, toml)
    if source.stored:
        viewing = lexicon_in_use()
        try:
            saved = workspace().save_lexicon(source.collection, toml, user=user, base_version=viewing.version or 0)
        except (StoreError, NotAllowed) as exc:
            session.notify(f"The lexicon was not saved: {exc.message}", kind="error")
            return
        n = saved.version.version
        if saved.overwritten is not None:
            old = saved.overwritten
            session.notify(f"Saved as version {n} of this collection's lexicon. {old.saved_by} had saved version "
                           f"{old.version} ({old.saved_at[:16].replace('T', ' ')} UTC) while you were editing "
                           f"version {viewing.version or 0}: yours replaced it (it stays in the history on the "
                           "Collections page).", kind="warning")
        else:
            session.notify(f"Saved as version {n} of this collection's lexicon: everyone who opens the collection "
                           "now counts with it.", kind="success")
    else:
        session.set_edited_lexicon_toml("" if toml == default else toml)
        if toml != default:
            try:
                workspace().save_lexicon_text(toml, user=user)
            except StoreError:
                session.notify("Your lexicon applies in this session, but the workspace is unavailable, so a "
                               "copied link will not carry it.", kind="warning")
    session.set_lexicon_choice(sid, key)
    session.set_lexicon_link_owner(sid)
    if source.stored or toml != default:
        st.query_params[LEXICON_PARAM] = key
    else:
        st.query_params.pop(LEXICON_PARAM, None)


@st.cache_resource(max_entries=32, show_spinner=False)
def lexicon_of(toml: str, _parsed: Lexicon | None = None) -> Lexicon:
    """Return the lexicon written in ``toml`` (raises LexiconError); ``_parsed`` is it, when already in hand.

    Streamlit does not hash ``_parsed``: passing the lexicon an edit or upload produced caches it
    under its TOML, so it is not parsed a second time (a 16,000-term lexicon: 0.26 s of CPU).
    """
    return _parsed if _parsed is not None else parse_lexicon(toml)


@_cached(max_entries=16, spinner="Counting framing terms…", kind="resource", disk=True)
def framing_hits(_source: Source, key: str, toml: str) -> tuple[FramingHit, ...]:
    """Return every lexicon hit in the articles' text."""
    return _computed(_source, _framing_hits, _source.corpus, lexicon_of(toml))


@_cached(max_entries=16, disk=True)
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


@_cached(max_entries=8, spinner="Finding reused passages…", kind="resource", disk=True)
def _all_matches(_source: Source, key: str) -> tuple[ReuseMatch, ...]:
    # Scores do not depend on the threshold: align once at 0 and cut per threshold.
    return _computed(_source, _reuse_matches, _source.corpus, min_score=0.0)


@_cached(max_entries=8, spinner="Looking for paraphrased and translated sentences…", kind="resource")
def _semantic(_source: Source, key: str) -> tuple[tuple[ReuseMatch, ...], tuple[tuple[str, str], ...]]:
    # The semantic tier and its candidate article pairs (the quote ledger reuses them).
    encoder = default_encoder()
    lexical = _all_matches(_source)
    candidates = semantic_candidates(_source.corpus, lexical, encoder=encoder)
    found = _semantic_matches(_source.corpus, lexical, encoder=encoder, pairs=candidates)
    return found, tuple((c.doc_a, c.doc_b) for c in candidates)


@_cached(max_entries=32, kind="resource")
def reuse_matches(_source: Source, key: str, *, min_score: float) -> tuple[ReuseMatch, ...]:
    """Return the lexical passage matches scoring at least ``min_score``."""
    return matches_above(_all_matches(_source), min_score)


@_cached(max_entries=32, kind="resource")
def semantic_matches(_source: Source, key: str, *, min_score: float) -> tuple[ReuseMatch, ...]:
    """Return the paraphrased and translated sentence pairs scoring at least ``min_score``."""
    return matches_above(_semantic(_source)[0], min_score)


@_cached(max_entries=32, kind="resource")
def all_reuse(_source: Source, key: str, *, min_score: float) -> tuple[ReuseMatch, ...]:
    """Return every kind of match (verbatim to translation, shared quotes too) at ``min_score``."""
    return (*reuse_matches(_source, min_score=min_score), *semantic_matches(_source, min_score=min_score))


@_cached(max_entries=8, spinner="Collecting quotations…", kind="resource")
def quote_ledger(_source: Source, key: str) -> tuple[QuoteGroup, ...]:
    """Return the quotations found in two or more outlets with every outlet's wording."""
    return _quote_ledger(_source.corpus, encoder=default_encoder(), article_pairs=_semantic(_source)[1])


@_cached(max_entries=8)
def quote_groups(_source: Source, key: str) -> pd.DataFrame:
    """Return one row per multi-outlet quotation (speaker, outlets, variant classes, reference text)."""
    return reuse_tables.quote_groups_table(quote_ledger(_source))


@_cached(max_entries=64)
def quote_variants(_source: Source, key: str, group_id: str) -> pd.DataFrame:
    """Return each outlet's wording of one quotation, reference first, with the changes."""
    group = next(g for g in quote_ledger(_source) if g.group_id == group_id)
    return reuse_tables.quote_variants_table(group)


@_cached(max_entries=32, kind="resource")
def article_pairs(_source: Source, key: str, *, min_score: float) -> tuple[ArticlePair, ...]:
    """Return the article pairs with matches: the share of each derived from the other and a verdict."""
    return _article_pairs(_source.corpus, all_reuse(_source, min_score=min_score))


@_cached(max_entries=32)
def article_pairs_table(_source: Source, key: str, *, min_score: float) -> pd.DataFrame:
    """Return the article pairs oriented earlier -> later, most derived first."""
    return reuse_tables.article_pairs_table(_source.corpus, article_pairs(_source, min_score=min_score))


@_cached(max_entries=64)
def article_pair_marks(_source: Source, key: str, doc_a: str, doc_b: str, *, min_score: float
                       ) -> dict[str, tuple[Mark, ...]]:
    """Return, per article of a pair, every shared run of 3+ words and the matches between them, marked."""
    runs = _shared_runs(_source.corpus, doc_a, doc_b)
    marks: dict[str, list[Mark]] = {doc_a: [], doc_b: []}
    for a0, a1, b0, b1 in runs:
        marks[doc_a].append(Mark(a0, a1, "reuse", "shared run of words"))
        marks[doc_b].append(Mark(b0, b1, "reuse", "shared run of words"))
    for m in all_reuse(_source, min_score=min_score):
        if {m.doc_a, m.doc_b} == {doc_a, doc_b} and m.kind in ("paraphrase", "translation"):
            a_side, b_side = tables.match_marks(m.spans, note=f"{m.kind} (similarity {m.similarity:.2f})")
            marks[m.doc_a].extend(Mark(x.start, x.end, "focus", x.note) for x in a_side)
            marks[m.doc_b].extend(Mark(x.start, x.end, "focus", x.note) for x in b_side)
    return {d: tuple(ms) for d, ms in marks.items()}


@_cached(max_entries=32)
def reuse_pairs(_source: Source, key: str, *, min_score: float) -> pd.DataFrame:
    """Return one row per match (strongest first, earlier -> later) with kind, outlets, texts and a match_id."""
    return reuse_tables.with_match_ids(reuse_table(_source.corpus, all_reuse(_source, min_score=min_score)))


@_cached(max_entries=32)
def pairs_between(_source: Source, key: str, *, min_score: float, outlet_a: str | None, outlet_b: str | None,
                  same_document: bool, quotes: bool = True) -> pd.DataFrame:
    """Return the matches at ``min_score`` between two outlets (either direction; None: any outlet; quotes or not)."""
    return reuse_tables.pairs_between(reuse_pairs(_source, min_score=min_score), outlet_a=outlet_a, outlet_b=outlet_b,
                                      same_document=same_document, quotes=quotes)


@_cached(max_entries=32, disk=True)
def containment(_source: Source, key: str, *, min_score: float) -> pd.DataFrame:
    """Return the share of each outlet's article words found in each other outlet (copied narration only)."""
    return containment_table(_source.corpus, reuse_tables.narration(all_reuse(_source, min_score=min_score)))


@_cached(max_entries=32, kind="resource")
def reuse_clusters(_source: Source, key: str, *, min_score: float,
                   outlets: tuple[str | None, ...] = ()) -> tuple[ReuseCluster, ...]:
    """Return groups of passages linked by matches across at least two outlets (holding ``outlets``, when given)."""
    found = _reuse_clusters(_source.corpus, reuse_matches(_source, min_score=min_score), min_outlets=2)
    return reuse_tables.clusters_with(found, outlets)


@_cached(max_entries=32)
def clusters_table(_source: Source, key: str, *, min_score: float, outlets: tuple[str | None, ...] = ()) -> pd.DataFrame:
    """Return one row per reuse cluster: outlets, size, who published first, named sources, the first version."""
    clusters = reuse_clusters(_source, min_score=min_score, outlets=outlets)
    mentions = source_mentions(_source.corpus, {d for c in clusters for d in c.doc_ids})
    provenance = _cluster_provenance(_source.corpus, clusters, mentions)
    return reuse_tables.clusters_table(_source.corpus, clusters, provenance)


@_cached(max_entries=32)
def cluster_marks(_source: Source, key: str, cluster_id: str, *, min_score: float
                  ) -> tuple[dict[str, tuple[Mark, ...]], dict[str, tuple[int, ...]]]:
    """Return, per document of a cluster, the spans it shares with the other members and their paragraphs."""
    cluster = next(c for c in reuse_clusters(_source, min_score=min_score) if c.cluster_id == cluster_id)
    marks = tables.cluster_marks(cluster, reuse_matches(_source, min_score=min_score))
    return marks, corpus_tables.passage_paragraphs(_source.corpus, cluster.passage_ids)


@_cached(max_entries=32, disk=True)
def containment_chart(_source: Source, key: str, *, min_score: float) -> dict[str, Any]:
    """Return the reuse heatmap of ``containment`` as a Vega-Lite spec (for st.vega_lite_chart)."""
    # Charts are imported here, not above: a spec read back from disk needs neither Altair nor the
    # building (0.25 s of CPU for the Overview's two charts after a restart, measured on BASIL).
    from dashboard import charts

    return charts.vega_lite_spec(charts.containment_heatmap(containment(_source, min_score=min_score)))


@_cached(max_entries=32, disk=True)
def reused_passage_count(_source: Source, key: str, *, min_score: float) -> int:
    """Return how many article passages have a match in another outlet."""
    return reuse_tables.reused_passage_count(_source.corpus, reuse_matches(_source, min_score=min_score))


# --------------------------------------------------------------------------- claims


@_cached(max_entries=8, spinner="Reading dates and numbers…", kind="resource", disk=True)
def claims(_source: Source, key: str) -> tuple[Claim, ...]:
    """Return every date, ordinal and number claim of the corpus."""
    return _computed(_source, all_claims, _source.corpus)


@_cached(max_entries=8, spinner="Comparing the outlets' dates and numbers…", kind="resource", disk=True)
def disagreements(_source: Source, key: str) -> tuple[Disagreement, ...]:
    """Return agreements, compatibilities, conflicts and different-basis pairs across outlets."""
    return _computed(_source, find_disagreements, _source.corpus, claims(_source))


@_cached(max_entries=8, disk=True)
def conflict_count(_source: Source, key: str) -> int:
    """Return how many comparisons are conflicts."""
    return sum(1 for d in disagreements(_source) if d.status is Status.CONFLICT)


@_cached(max_entries=8, disk=True)
def claims_matrix(_source: Source, key: str) -> pd.DataFrame:
    """Return one row per disagreement, ranked, with one column per outlet (see claim_tables.claims_matrix)."""
    labels = {s.story_id: s.label or s.story_id for s in _source.corpus.stories}
    return claim_tables.claims_matrix(disagreements(_source), outlets(_source), story_labels=labels)


@_cached(max_entries=8, kind="resource")
def story_labels(_source: Source, key: str) -> dict[str, str]:
    """Return each story's id mapped to its label and size ("Takaichi · Lee · Nara (5)")."""
    return {s.story_id: f"{s.label or s.story_id} ({len(s.doc_ids)})" for s in _source.corpus.stories}


@_cached(max_entries=8, disk=True)
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


@_cached(max_entries=8, disk=True)
def timeline(_source: Source, key: str) -> pd.DataFrame:
    """Return publication dates and claimed event dates per outlet (for the overview timeline)."""
    return claim_tables.timeline_table(_source.corpus, claims(_source))


@_cached(max_entries=8, disk=True)
def timeline_chart(_source: Source, key: str) -> dict[str, Any]:
    """Return the Overview's timeline of publication and claimed dates as a Vega-Lite spec (see containment_chart)."""
    from dashboard import charts

    return charts.vega_lite_spec(charts.timeline_chart(timeline(_source)))


# --------------------------------------------------------------------------- compare


@_cached(max_entries=32)
def overlay_marks(_source: Source, key: str, doc_ids: tuple[str, ...], *, toml: str, reuse: bool, frames: bool,
                  claimed: bool, min_score: float = DEFAULT_MIN_SCORE) -> dict[str, tuple[Mark, ...]]:
    """Return, per document shown side by side, the marks of the overlays switched on (reuse from ``min_score``)."""
    return tables.overlay_marks(
        doc_ids,
        matches=reuse_matches(_source, min_score=min_score) if reuse else (),
        kwic=kwic(_source, toml) if frames else None,
        claims=claims(_source) if claimed else (),
    )


# --------------------------------------------------------------------------- distinctive terms


@_cached(max_entries=8, spinner="Comparing vocabularies…", disk=True)
def distinctive(_source: Source, key: str, *, language: str | None = None) -> pd.DataFrame:
    """Return each outlet's most over-represented terms against the rest (of one language's articles)."""
    return _computed(_source, distinctive_terms, _source.corpus, language=language)


@_cached(max_entries=8)
def small_corpus_warning(_source: Source, key: str, *, language: str | None = None) -> str | None:
    """Return a warning when the corpus (or its articles in one language) is too small for distinctive terms."""
    return _small_corpus_warning(_source.corpus, language=language)


# --------------------------------------------------------------------------- export


@_cached(max_entries=4, spinner="Preparing the export…", kind="resource")
def export_files(_source: Source, key: str, toml: str, *, min_score: float,
                 notes: tuple[tuple[str, ...], ...] = ()) -> tuple[str, bytes]:
    """Return the full export (reuse pairs from ``min_score``) as JSON text and as a zip of CSV files.

    The analyses' cached results go in, so preparing an export recomputes none of them. A
    collection's export carries its notes (rows in ``NOTE_COLUMNS`` order) as a ``notes`` table.
    """
    tables_ = export_tables(
        _source.corpus,
        lexicon=lexicon_of(toml),
        min_score=min_score,
        matches=reuse_matches(_source, min_score=min_score),
        semantic=semantic_matches(_source, min_score=min_score),
        quotes=quote_ledger(_source),
        pairs=article_pairs(_source, min_score=min_score),
        hits=framing_hits(_source, toml),
        claims=claims(_source),
        items=disagreements(_source),
    )
    if _source.collection:
        tables_["notes"] = [dict(zip(NOTE_COLUMNS, row, strict=True)) for row in notes]
    return export_json(tables_), csv_archive(csv_files(tables_))
