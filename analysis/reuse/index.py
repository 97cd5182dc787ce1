"""Candidate pairs for reuse detection: shared rare word n-grams, found with sorted arrays.

Every article passage is read once into arrays of word ids (numpy), its word n-grams are
hashed, and one sort groups the passages that share an n-gram. The cost grows with the number
of words (plus the pairs of genuinely shared rare n-grams), never with the number of passage
pairs, which is what keeps tens of thousands of articles tractable.

Evidence is weighted by rarity and by what the n-gram is made of:
- an n-gram with fewer than ``min_plain`` ordinary words (names, titles, numbers) is no
  evidence: "Prime Minister Sanae Takaichi will" says nothing about copying;
- an n-gram found in a large share of documents (a stock phrase) is no evidence;
- an n-gram shared by a few passages (at most ``fanout``) is full evidence: every pair of
  those passages sharing two such n-grams becomes a candidate (one shared 4-gram is what
  unrelated sentences on one topic have in common);
- an n-gram shared by more passages (syndicated copy, or a common phrase) links each passage
  only to the first one holding it (a star, so the cost stays linear), and a pair needs
  ``star_evidence`` such n-grams before it becomes a candidate.

Copies of one text count once: ``duplicate_groups`` finds passages whose words are identical
(same matching keys, in order) with one hash per passage, and only one representative of each
group is indexed. A wire sentence carried by a thousand outlets is then one text in the index,
not a thousand postings that would look like a stock phrase.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.text.languages import NEEDS_SEGMENTER, segmenting_need
from analysis.text.scripts import ascii_words
from analysis.text.tokens import word_columns

# Words as analysis.text.records counts them (hyphenated compounds are one word: split, "two-and-a-
# half" would weigh as four), plus dotted abbreviations ("U.S.", "N.A.A.C.P.") and decimals.
_WORDS = r"\w(?:\.\w)+\.?|\w+(?:[-'’]\w+)*"
# The same words with the first word character read once for both alternatives: a pattern that
# opens with a class is tried only where the class matches, one of alternatives at every
# character (the words and offsets of 400 KB of prose: 16.9 -> 14.4 ms).
TOKEN = re.compile(r"\w(?:(?:\.\w)+\.?|\w*(?:[-'’]\w+)*)")
_SEP = "\x1e"
_SCAN = re.compile(_WORDS + "|\x1e")
# _SCAN for a text of ``ascii_words`` (no letter or digit outside ASCII, most news prose): the
# same words, \w spelled as its ASCII class, and the first word character read once for both
# alternatives (an abbreviation is tried first, as in _WORDS). 400 KB of prose: 12.0 -> 9.1 ms.
_W = "[0-9A-Za-z_]"
_ASCII_SCAN = re.compile(rf"{_W}(?:(?:\.{_W})+\.?|{_W}*(?:[-'’]{_W}+)*)|\x1e")
_SUFFIXES = ("ing", "ed", "es", "s")
_CHUNK = 20_000
_HASH_CHUNK = 4_000_000  # words hashed at a time by duplicate_groups
# Odd 64-bit multipliers for the rolling n-gram hash (wrapping arithmetic in uint64).
_MULTIPLIERS = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
     0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9],
    dtype=np.uint64,
)


def normal_form(word: str) -> str:
    """Return the matching form of a word: lower case, no possessive, light suffix stripping."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w[:1].isdigit() or not w.endswith(_SUFFIXES):  # one test for most words (and all CJK ones)
        return w
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


class Vocabulary:
    """Word forms seen in one corpus: their matching key and whether they read as names.

    A form reads as a name when it is capitalised (or a number) and its matching key is
    capitalised more often than not when it does not open a sentence. "Summit" in a title-case
    heading stays an ordinary word because "summit" is written in lower case elsewhere.
    """

    __slots__ = ("_forms", "_keys", "_key_ids", "_cap", "_digit", "_name_key", "_name")

    def __init__(self) -> None:
        self._forms: dict[str, int] = {}
        self._key_ids: dict[str, int] = {}
        self._keys: list[int] = []
        self._cap: list[bool] = []
        self._digit: list[bool] = []
        self._name_key = np.zeros(0, dtype=bool)
        self._name = np.zeros(0, dtype=bool)

    def ids(self, forms: Sequence[str]) -> np.ndarray:
        """Return the form id of each form, adding unseen forms."""
        if not self._forms:
            first = dict(zip(forms, range(len(forms))))
            if len(first) == len(forms):
                return self._first_ids(forms, first)
        table = self._forms
        out = np.empty(len(forms), dtype=np.int32)
        for i, form in enumerate(forms):
            fid = table.get(form)
            if fid is None:
                fid = table[form] = len(self._keys)
                key = normal_form(form)
                self._keys.append(self._key_ids.setdefault(key, len(self._key_ids)))
                self._cap.append(form[:1].isupper())
                self._digit.append(form[:1].isdigit())
            out[i] = fid
        return out

    def _first_ids(self, forms: Sequence[str], table: dict[str, int]) -> np.ndarray:
        """Return the ids of distinct forms read into an empty vocabulary (token_arrays' case), in bulk.

        Keys numbered by first occurrence as ``ids`` numbers them, by pandas: a look-up and an
        item set per form took 6.0-9.3 ms for the 8,000 forms of 400 KB of prose in a fresh
        process, this 5.1.
        """
        self._forms = table
        codes, keys = pd.factorize(np.array(list(map(normal_form, forms)), dtype=object))
        self._key_ids = dict(zip(keys.tolist(), range(len(keys))))
        self._keys = codes.tolist()
        self._cap = [form[:1].isupper() for form in forms]
        self._digit = [form[:1].isdigit() for form in forms]
        return np.arange(len(forms), dtype=np.int32)

    def learn_names(self, form_ids: np.ndarray, initial: np.ndarray) -> None:
        """Decide which matching keys read as names from how the corpus writes them."""
        keys = np.asarray(self._keys, dtype=np.int32)
        cap = np.asarray(self._cap, dtype=bool)
        digit = np.asarray(self._digit, dtype=bool)
        tok_keys = keys[form_ids]
        tok_cap = cap[form_ids]
        n = len(self._key_ids)
        capped = np.bincount(tok_keys[tok_cap & ~initial], minlength=n)
        lower = np.bincount(tok_keys[~cap[form_ids] & ~digit[form_ids]], minlength=n)
        self._name_key = capped > lower
        self._refresh()

    def _refresh(self) -> None:
        keys = np.asarray(self._keys, dtype=np.int32)
        cap = np.asarray(self._cap, dtype=bool)
        digit = np.asarray(self._digit, dtype=bool)
        name_key = np.zeros(len(self._key_ids), dtype=bool)
        name_key[: len(self._name_key)] = self._name_key
        self._name = digit | (cap & name_key[keys])

    def keys_of(self, form_ids: np.ndarray) -> np.ndarray:
        """Return the matching key of each form id."""
        return np.asarray(self._keys, dtype=np.int32)[form_ids]

    def names_of(self, form_ids: np.ndarray) -> np.ndarray:
        """Return, for each form id, whether it reads as a name or number."""
        if len(self._name) < len(self._keys):
            self._refresh()
        return self._name[form_ids]


@dataclass(frozen=True, slots=True)
class TokenArrays:
    """Every word of every passage, as flat arrays in passage order."""

    keys: np.ndarray  # matching key per word
    names: np.ndarray  # True where the word reads as a name or number
    passage: np.ndarray  # passage index per word


def word_offsets(text: str, language: str = "") -> list[tuple[int, int]]:
    """Return the (start, end) of each word ``token_arrays`` reads in ``text``, in order."""
    if NEEDS_SEGMENTER.search(text) is None:
        return [m.span() for m in TOKEN.finditer(text)]
    found = word_columns(text, language)
    return list(zip(found.starts, found.ends))


def _segmented_forms(
    chunk: Sequence[str], languages: Sequence[str]
) -> tuple[list[str], np.ndarray]:
    # Passage by passage: spaced text through TOKEN, text in Korean, Japanese, Chinese (or an
    # unsegmented script) through its language's words, whose keys are the forms and whose
    # part of speech says which are names (no capital letters to learn them from).
    found: list[str] = []
    named: list[bool] = []
    for k, text in enumerate(chunk):
        if k:
            found.append(_SEP)
            named.append(False)
        if NEEDS_SEGMENTER.search(text) is None:
            forms = TOKEN.findall(text)
            found.extend(forms)
            named.extend([False] * len(forms))
        else:
            columns = word_columns(text, languages[k])
            found.extend(columns.keys)
            named.extend(columns.names)
    return found, np.asarray(named, dtype=bool)


def token_arrays(
    texts: Sequence[str], vocabulary: Vocabulary, *, languages: Sequence[str] | None = None
) -> TokenArrays:
    """Read the words of ``texts`` into flat arrays and teach ``vocabulary`` the names.

    ``languages`` (one per text, "" when unknown) guides the segmenter for text written
    without spaces; spaced text is read the same whatever its language.
    """
    form_parts: list[np.ndarray] = []
    initial_parts: list[np.ndarray] = []
    passage_parts: list[np.ndarray] = []
    named_parts: list[np.ndarray] = []
    for first in range(0, len(texts), _CHUNK):
        chunk = [t.replace(_SEP, " ") for t in texts[first : first + _CHUNK]]
        joined = _SEP.join(chunk)
        # The chunk searched once for unspaced scripts; its characters outside ASCII then tell
        # ``ascii_words``.
        segmented, outside = segmenting_need(joined)
        named_chunk: np.ndarray | None = None
        if segmented:
            chunk_languages = list(languages[first : first + _CHUNK]) if languages else [""] * len(chunk)
            found, named_chunk = _segmented_forms(chunk, chunk_languages)
        else:
            found = (_ASCII_SCAN if ascii_words(joined, outside=outside) else _SCAN).findall(joined)
        codes, uniques = pd.factorize(np.array(found, dtype=object))
        form_ids = vocabulary.ids(list(uniques))
        sep_code = -1
        where = np.flatnonzero(uniques == _SEP) if len(uniques) else np.zeros(0, dtype=np.int64)
        if len(where):
            sep_code = int(where[0])
        is_sep = codes == sep_code
        passage = np.cumsum(is_sep) + first
        initial = np.empty(len(codes), dtype=bool)
        if len(codes):
            initial[0] = True
            initial[1:] = is_sep[:-1]
        keep = ~is_sep
        named_parts.append(named_chunk[keep] if named_chunk is not None else np.zeros(int(keep.sum()), dtype=bool))
        form_parts.append(form_ids[codes[keep]])
        initial_parts.append(initial[keep])
        passage_parts.append(passage[keep].astype(np.int32))
    forms = np.concatenate(form_parts) if form_parts else np.zeros(0, dtype=np.int32)
    del form_parts
    initial = np.concatenate(initial_parts) if initial_parts else np.zeros(0, dtype=bool)
    passage = np.concatenate(passage_parts) if passage_parts else np.zeros(0, dtype=np.int32)
    named = np.concatenate(named_parts) if named_parts else np.zeros(0, dtype=bool)
    vocabulary.learn_names(forms, initial)
    return TokenArrays(
        keys=vocabulary.keys_of(forms).astype(np.int32),
        names=vocabulary.names_of(forms) | named,
        passage=passage,
    )


def candidate_pairs(
    tokens: TokenArrays,
    passage_docs: np.ndarray,
    *,
    n: int = 4,
    min_plain: int = 2,
    fanout: int = 32,
    max_docs: int,
    min_shared: int = 2,
    star_evidence: int = 3,
    indexed: np.ndarray | None = None,
    copy_words: int = 12,
) -> np.ndarray:
    """Return the candidate passage pairs as an (m, 2) array of indices, first < second.

    ``passage_docs`` gives the document index of each passage, in passage order (passages of
    one document are contiguous). ``max_docs``: an n-gram in more documents is a stock phrase,
    except in a passage where such n-grams follow one another over ``copy_words`` words or more
    (a sentence carried by that many outlets is syndicated copy: it goes through the hub).
    A pair needs ``min_shared`` rare n-grams, or ``star_evidence`` n-grams shared through a hub.
    ``indexed`` (one flag per passage) leaves the other passages out of the index (copies of
    a representative, see ``duplicate_groups``).
    """
    keys, passage = tokens.keys, tokens.passage
    size = len(keys) - n + 1
    if size <= 0:
        return np.zeros((0, 2), dtype=np.int64)
    valid = passage[: size] == passage[n - 1 :]
    if indexed is not None:
        valid &= indexed[passage[:size]]
    csum = np.zeros(len(keys) + 1, dtype=np.int32)
    np.cumsum(~tokens.names, dtype=np.int32, out=csum[1:])
    valid &= (csum[n:] - csum[:size]) >= min_plain
    del csum
    starts = np.flatnonzero(valid).astype(np.int32 if len(keys) < 2**31 else np.int64)
    del valid
    if not len(starts):
        return np.zeros((0, 2), dtype=np.int64)
    h = _ngram_hashes(keys, starts, n)
    order = np.argsort(h, kind="stable")  # stable: passages stay in order within an n-gram
    if len(order) < 2**31:
        order = order.astype(np.int32)
    h = h[order]
    owner = passage[starts[order]]
    # Stock phrases: n-grams in more than max_docs documents, except where they make up a long
    # run of such n-grams (a copied passage carried by many outlets, not a phrase).
    common = _in_many_documents(h, passage_docs[owner], max_docs)
    if common.any():
        flagged = np.zeros(len(h), dtype=bool)
        flagged[order] = common
        del common
        stock = flagged & ~_long_runs(starts, flagged, passage, n=n, min_words=copy_words)
        del flagged
        keep = ~stock[order]
        del stock
        h, owner = h[keep], owner[keep]
        del keep
    del order, starts
    # One posting per (n-gram, passage).
    fresh = np.ones(len(h), dtype=bool)
    fresh[1:] = (h[1:] != h[:-1]) | (owner[1:] != owner[:-1])
    h = h[fresh]
    owner = owner[fresh]
    del fresh
    run_start = np.flatnonzero(np.concatenate(([True], h[1:] != h[:-1])))
    run_len = np.diff(np.concatenate((run_start, [len(h)])))
    shared = run_len >= 2
    run_start, run_len = run_start[shared], run_len[shared]
    del h

    pairs: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    small = run_len <= fanout
    for length in np.unique(run_len[small]):
        starts_l = run_start[small & (run_len == length)]
        i, j = np.triu_indices(int(length), 1)
        a = owner[starts_l[:, None] + i[None, :]].ravel()
        b = owner[starts_l[:, None] + j[None, :]].ravel()
        pairs.append(np.stack((a, b), axis=1))
        weights.append(np.full(len(a), rarity_weight(int(length), min_shared)))
    rare, evidence = _unique_rows(pairs, weights=weights)
    rare = rare[evidence >= 1.0 - 1e-9]

    big_start, big_len = run_start[~small], run_len[~small]
    if len(big_start):
        hub = np.repeat(owner[big_start], big_len - 1)
        offsets = np.arange(int((big_len - 1).sum())) - np.repeat(
            np.cumsum(big_len - 1) - (big_len - 1), big_len - 1
        )
        spoke = owner[np.repeat(big_start, big_len - 1) + 1 + offsets]
        star, counts = _unique_rows([np.stack((hub, spoke), axis=1)], counts=True)
        star = star[counts >= star_evidence]
        rare = _unique_rows([rare, star])
    return rare


def _passage_hashes(keys: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    # A word's hash depends on its key and its position, mixed non-linearly so that the sum
    # over a passage depends on word order. ``bounds`` are offsets into ``keys`` plus bounds[0].
    local = bounds - bounds[0]
    position = np.arange(len(keys), dtype=np.int64)
    position -= np.repeat(local[:-1], np.diff(local))
    x = keys.astype(np.uint64) * _MULTIPLIERS[0]
    x ^= (position.astype(np.uint64) + np.uint64(1)) * _MULTIPLIERS[1]
    del position
    x ^= x >> np.uint64(31)
    x *= _MULTIPLIERS[2]
    x ^= x >> np.uint64(29)
    csum = np.zeros(len(keys) + 1, dtype=np.uint64)
    np.cumsum(x, out=csum[1:])
    return csum[local[1:]] - csum[local[:-1]]


def _in_many_documents(h: np.ndarray, docs: np.ndarray, max_docs: int) -> np.ndarray:
    # h sorted, postings of one n-gram in passage (so document) order: count document changes.
    first = np.flatnonzero(np.concatenate(([True], h[1:] != h[:-1])))
    new_doc = np.ones(len(h), dtype=bool)
    np.not_equal(docs[1:], docs[:-1], out=new_doc[1:])
    new_doc[first] = True
    per_gram = np.add.reduceat(new_doc, first, dtype=np.int64)
    return np.repeat(per_gram > max_docs, np.diff(np.append(first, len(h))))


def _long_runs(
    starts: np.ndarray, flagged: np.ndarray, passage: np.ndarray, *, n: int, min_words: int
) -> np.ndarray:
    # Flagged n-gram starts (ascending word positions) that belong to a run of flagged n-grams
    # covering at least min_words words of one passage; a single edited word (n + 1 positions
    # without a flagged start) does not break a run.
    idx = np.flatnonzero(flagged)
    out = np.zeros(len(flagged), dtype=bool)
    if not len(idx):
        return out
    s = starts[idx].astype(np.int64)
    brk = np.ones(len(s), dtype=bool)
    brk[1:] = (np.diff(s) > n + 1) | (passage[s[1:]] != passage[s[:-1]])
    first = np.flatnonzero(brk)
    last = np.append(first[1:] - 1, len(s) - 1)
    long_run = (s[last] - s[first] + n) >= min_words
    out[idx] = np.repeat(long_run, np.diff(np.append(first, len(s))))
    return out


def duplicate_groups(tokens: TokenArrays, n_passages: int, *, min_words: int) -> np.ndarray:
    """Return, for each passage, the first passage (lowest index) with the same words.

    Words compare by matching key, in order, so case and light inflection do not separate two
    copies. A passage with no copy, or with fewer than ``min_words`` words (short stock
    sentences such as "He declined to comment." are no evidence), is its own representative.
    Passages are hashed once each (64 bits), and copies are checked word by word against
    their representative, so a hash collision cannot join two different texts.
    """
    keys, passage = tokens.keys, tokens.passage
    bounds = np.searchsorted(passage, np.arange(n_passages + 1))
    lengths = np.diff(bounds)
    rep = np.arange(n_passages, dtype=np.int64)
    eligible = np.flatnonzero(lengths >= max(min_words, 1))
    if len(eligible) < 2:
        return rep
    h = np.zeros(n_passages, dtype=np.uint64)
    lo = 0
    while lo < n_passages:  # in slices of whole passages, to bound memory
        hi = int(np.searchsorted(bounds, bounds[lo] + _HASH_CHUNK, side="right")) - 1
        hi = min(max(hi, lo + 1), n_passages)
        h[lo:hi] = _passage_hashes(keys[bounds[lo] : bounds[hi]], bounds[lo : hi + 1])
        lo = hi
    h ^= lengths.astype(np.uint64) * _MULTIPLIERS[3]
    order = eligible[np.lexsort((eligible, h[eligible]))]
    hs = h[order]
    first = np.concatenate(([True], hs[1:] != hs[:-1]))
    group_first = order[np.flatnonzero(first)[np.cumsum(first) - 1]]
    copies = np.flatnonzero(group_first != order)
    members, heads = order[copies], group_first[copies]
    same = lengths[members] == lengths[heads]
    members, heads = members[same], heads[same]
    # Word by word in bulk, in slices of about _HASH_CHUNK words: a numpy comparison per copy
    # was a fifth of the reuse analysis of 1,900 copies of two short texts ("Ab. Cd. " x 20,000).
    lo = 0
    while lo < len(members):
        sizes = lengths[members[lo:]]
        hi = lo + max(1, int(np.searchsorted(np.cumsum(sizes), _HASH_CHUNK, side="right")))
        m, hd, sizes = members[lo:hi], heads[lo:hi], lengths[members[lo:hi]]
        offsets = np.cumsum(sizes) - sizes  # where each copy's words start in the slice
        within = np.arange(int(sizes.sum())) - np.repeat(offsets, sizes)
        differ = keys[np.repeat(bounds[m], sizes) + within] != keys[np.repeat(bounds[hd], sizes) + within]
        equal = np.add.reduceat(differ, offsets) == 0  # every copy has words (min_words >= 1)
        rep[m[equal]] = hd[equal]
        lo = hi
    return rep


def ngram_counts(
    tokens: TokenArrays, *, n: int = 3, counted: np.ndarray | None = None
) -> np.ndarray:
    """Return, at each word, how often the n-gram starting there occurs in all passages.

    0 where no n-gram starts (fewer than ``n`` words left in the passage); counts stop at
    65535. With ``counted`` (one flag per passage), only occurrences in flagged passages are
    counted (each distinct text once), though every word receives its n-gram's count.
    Alignment turns these counts into the specificity of a shared run.
    """
    keys, passage = tokens.keys, tokens.passage
    counts = np.zeros(len(keys), dtype=np.uint16)
    size = len(keys) - n + 1
    if size <= 0:
        return counts
    starts = np.flatnonzero(passage[:size] == passage[n - 1 :])
    if not len(starts):
        return counts
    h = _ngram_hashes(keys, starts, n)
    order = np.argsort(h)
    h = h[order]
    first = np.flatnonzero(np.concatenate(([True], h[1:] != h[:-1])))
    del h
    run_len = np.diff(np.append(first, len(order)))
    if counted is None:
        occurrences = run_len
    else:
        # At least 1: a copy's n-gram is held by its representative, which is counted.
        occurrences = np.maximum(
            np.add.reduceat(counted[passage[starts[order]]].astype(np.int64), first), 1
        )
    capped = np.minimum(occurrences, np.iinfo(np.uint16).max).astype(np.uint16)
    sorted_counts = np.repeat(capped, run_len)
    del first, run_len, capped
    counts[starts[order]] = sorted_counts
    return counts


def _ngram_hashes(keys: np.ndarray, starts: np.ndarray, n: int) -> np.ndarray:
    # A 64-bit hash of the n words from each start (wrapping multiply-add, then a mix).
    h = keys[starts].astype(np.uint64)
    h *= _MULTIPLIERS[0]
    for k in range(1, n):
        part = keys[starts + k].astype(np.uint64)
        part += np.uint64(k)
        part *= _MULTIPLIERS[k % len(_MULTIPLIERS)]
        h += part
        del part
    h ^= h >> np.uint64(29)
    return h


def rarity_weight(postings: int, min_shared: int) -> float:
    """Return the evidence one shared n-gram gives a pair, from how many passages hold it.

    An n-gram held by exactly two passages is full evidence; one held by more needs company:
    ``min_shared`` of them make a candidate.
    """
    return 1.0 if postings <= 2 else 1.0 / min_shared


def _unique_rows(
    parts: list[np.ndarray], *, counts: bool = False, weights: list[np.ndarray] | None = None
):
    if not parts:
        empty = np.zeros((0, 2), dtype=np.int64)
        return (empty, np.zeros(0)) if (counts or weights is not None) else empty
    rows = np.concatenate(parts)
    packed = (rows[:, 0].astype(np.int64) << 32) | rows[:, 1].astype(np.int64)
    if weights is not None:
        uniq, inverse = np.unique(packed, return_inverse=True)
        extra = np.bincount(inverse, weights=np.concatenate(weights), minlength=len(uniq))
    elif counts:
        uniq, extra = np.unique(packed, return_counts=True)
    else:
        uniq, extra = np.unique(packed), None
    out = np.stack((uniq >> 32, uniq & 0xFFFFFFFF), axis=1)
    return out if extra is None else (out, extra)
