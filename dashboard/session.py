"""This session's own state: its articles, its lexicon and the analyses already shown running.

Every ``st.session_state`` key that is not a widget's lives here (URL-bound choices live in
``state.py``); pages read and write them only through these functions.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from analysis.ingest import unique_ids
from analysis.text import Corpus, Document, LoadError

CORPUS_KEY = "corpus"  # sidebar widget (bound to the URL): "shared" or "own"
STORY_KEY = "story"  # sidebar widget (bound to the URL): a story_id, "" for every story
OWN_DOCS = "corpus_own_docs"  # the user's own documents (uploads, pastes, edits)
OWN_ERRORS = "corpus_own_errors"  # load errors of the user's uploads
OWN_KEY = "corpus_own_key"  # content hash of the own corpus, computed once per change
OWN_SEEN = "corpus_own_seen"  # the own corpus key this session's caches were last filled for
UPLOAD_PROBLEMS = "corpus_upload_problems"  # files the last upload could not read, shown once
SWITCH_TO_OWN = "corpus_switch_to_own"  # flag: show the own corpus on the next run
ANALYSED = "corpus_analysed"  # analysis steps already run (with progress) on a large upload
LEXICON_KEY = "framing_lexicon_toml"  # the user's edited lexicon as TOML text ("" = the bundled one)
PENDING_CORPUS = "corpus_pending"  # a corpus choice (a collection id) to show on the next run
LEXICON_CHOICE = "workspace_lexicon_choice"  # per corpus id: the hash of the lexicon this session shows
LEXICON_LINK_OWNER = "workspace_lexicon_link_owner"  # the corpus whose lexicon hash is in the URL
LEXICONS_KEPT = "workspace_lexicons_kept"  # lexicon texts this session made, by hash
NOTICES = "workspace_notices"  # messages for the next run (kind, text)
IMPORT_REPORT = "collections_import_report"  # the last import's outcome per URL or file


def own_key(documents: Sequence[Document], errors: Sequence[LoadError]) -> str:
    """Return the cache key of an own corpus made of these documents and errors."""
    return f"{Corpus(tuple(documents), (), tuple(errors)).content_hash}-{len(errors)}"


def corpus_choice() -> str:
    """Return the sidebar's corpus choice ("shared" or "own")."""
    return str(st.session_state.get(CORPUS_KEY) or "shared")


def story_choice() -> str:
    """Return the sidebar's story choice (a story_id, "" for every story)."""
    return str(st.session_state.get(STORY_KEY) or "")


def choose_story(story_id: str) -> None:
    """Show this story on every page from the next run on (a page's own selection calls this)."""
    st.session_state[STORY_KEY] = story_id


def apply_pending_choice() -> None:
    """Switch the sidebar to the own corpus when a page asked for it (call before the widget)."""
    if st.session_state.pop(SWITCH_TO_OWN, False):
        st.session_state[CORPUS_KEY] = "own" if own_documents() else "shared"
    pending = st.session_state.pop(PENDING_CORPUS, "")
    if pending:
        st.session_state[CORPUS_KEY] = pending


def choose_corpus(choice: str) -> None:
    """Show this corpus (a collection id, "shared", "seeds") from the next run on."""
    st.session_state[PENDING_CORPUS] = choice


def set_own_documents(documents: Sequence[Document], errors: Sequence[LoadError] = ()) -> None:
    """Replace this session's own corpus (documents get unique ids; its cache key is hashed here, once)."""
    docs = unique_ids(documents)
    st.session_state[OWN_DOCS] = docs
    st.session_state[OWN_ERRORS] = tuple(errors)
    st.session_state[OWN_KEY] = own_key(docs, errors) if docs else ""
    st.session_state[SWITCH_TO_OWN] = True


def own_documents() -> tuple[Document, ...]:
    """Return this session's own documents."""
    return st.session_state.get(OWN_DOCS, ())


def own_errors() -> tuple[LoadError, ...]:
    """Return the load errors of this session's uploads."""
    return st.session_state.get(OWN_ERRORS, ())


def own_corpus_key() -> str:
    """Return the cache key of this session's own corpus ("" when it has none)."""
    docs = own_documents()
    if not docs:
        return ""
    return st.session_state.get(OWN_KEY) or own_key(docs, own_errors())


def set_upload_problems(errors: Sequence[LoadError]) -> None:
    """Keep the files the last upload could not read (notes left out), to show once."""
    st.session_state[UPLOAD_PROBLEMS] = tuple(e for e in errors if not e.warning)


def pop_upload_problems() -> tuple[LoadError, ...]:
    """Return the files the last upload could not read, and forget them."""
    return st.session_state.pop(UPLOAD_PROBLEMS, ())


def own_key_changed(key: str) -> bool:
    """Return True when the own corpus key is not the one seen on the previous call (then remember it)."""
    seen = st.session_state.get(OWN_SEEN)
    st.session_state[OWN_SEEN] = key
    return seen is not None and seen != key


def edited_lexicon_toml() -> str:
    """Return the lexicon this session edited, as TOML ("" while it uses the bundled one)."""
    return st.session_state.get(LEXICON_KEY) or ""


def set_edited_lexicon_toml(text: str) -> None:
    """Keep ``text`` as this session's lexicon ("" goes back to the bundled one)."""
    st.session_state[LEXICON_KEY] = text


def analysed_steps() -> tuple[str, ...]:
    """Return the ids of the analysis steps already shown running in this session."""
    return st.session_state.get(ANALYSED, ())


def mark_analysed(step_id: str) -> None:
    """Remember that a step ran with its progress shown (the last 16 are kept)."""
    st.session_state[ANALYSED] = (*analysed_steps()[-15:], step_id)


def lexicon_choice(corpus: str) -> str:
    """Return the hash of the lexicon this session shows for a corpus ("" when it has not chosen)."""
    return st.session_state.get(LEXICON_CHOICE, {}).get(corpus, "")


def set_lexicon_choice(corpus: str, key: str) -> None:
    """Remember the lexicon (by hash) this session shows for a corpus."""
    choices = st.session_state.setdefault(LEXICON_CHOICE, {})
    choices[corpus] = key


def lexicon_link_owner() -> str:
    """Return the corpus whose lexicon the URL names ("" in a session that has not written it yet)."""
    return st.session_state.get(LEXICON_LINK_OWNER, "")


def set_lexicon_link_owner(corpus: str) -> None:
    """Record that the URL's lexicon belongs to this corpus (a switch of corpus must not carry it over)."""
    st.session_state[LEXICON_LINK_OWNER] = corpus


def keep_lexicon(key: str, toml: str) -> None:
    """Keep a lexicon text this session made, by its hash (the last 16)."""
    kept = st.session_state.setdefault(LEXICONS_KEPT, {})
    kept[key] = toml
    while len(kept) > 16:
        kept.pop(next(iter(kept)))


def kept_lexicon(key: str) -> str:
    """Return a lexicon text this session made ("" when it made none with this hash)."""
    return st.session_state.get(LEXICONS_KEPT, {}).get(key, "")


def notify(text: str, *, kind: str = "info") -> None:
    """Queue a message for the next run (kind: info, success, warning or error)."""
    st.session_state.setdefault(NOTICES, []).append((kind, text))


def pop_notices() -> list[tuple[str, str]]:
    """Return and forget the queued messages."""
    return st.session_state.pop(NOTICES, [])


def keep_import_report(rows: list[dict[str, str]]) -> None:
    """Keep the last import's outcomes to show after the page reruns."""
    st.session_state[IMPORT_REPORT] = rows


def import_report() -> list[dict[str, str]]:
    """Return the last import's outcomes ([] when there was none in this session)."""
    return st.session_state.get(IMPORT_REPORT, [])
