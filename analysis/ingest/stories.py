"""Stories: which articles cover the same news event, given by the input or grouped by content and time.

A corpus usually holds several stories, and facts are only comparable inside one: a date of the
2019 shutdown deal says nothing about Netanyahu's visit. The input may name each article's story
(a ``story`` field or manifest column, or ``story_id``, ``event``, ``cluster``, ``topic``,
BASIL's ``triplet-uuid``); articles without one are grouped here.

Grouping reads what an article is about from its rarest shared words, names weighing more
than common words (tf-idf over the corpus, the strongest ``_SIGNATURE`` terms of each article),
and how close in time it was published. Two articles' similarity is the cosine of their
signatures, damped when their publication dates lie apart. Groups are merged by average
linkage: two groups join only when their articles are, on average over every pair, similar;
a pair never compared counts as dissimilar. That prefers splitting to merging: one strong link
does not chain two stories together.

Only pairs that time allows are compared (published at most ``_MAX_DAYS`` apart, or undated),
so 10,000 articles group in seconds (benchmarks/stories.py).

An article too short to judge (a sentence or two) cannot be grouped by content; when nothing
in the corpus tells stories apart, such articles share one story, so a corpus of one story (or
of a few sentences) behaves as a single story.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import compress
from operator import itemgetter

import numpy as np

from analysis.text.records import Corpus, Document, Story
from analysis.text.scripts import ascii_words

__all__ = ["grouped_stories", "story_corpus", "story_label"]


_SIGNATURE = 60  # strongest terms kept per article
_MIN_TERMS = 12  # distinct content words below which an article is too short to group by content
_MIN_SIMILARITY = 0.1  # groups merge at this average similarity: on BASIL B-cubed P=0.990 R=0.964 (benchmarks/stories.py)
_NAME_BOOST = 2.0  # capitalised words inside a sentence are names: stronger story signals
_SAME_DAYS = 3  # publication dates this close are the same news cycle
_HALF_LIFE_DAYS = 5.0  # beyond that, similarity halves every five days
_MAX_DAYS = 45  # and is ignored beyond this gap
# A word pairing more articles published together than this share of the corpus (and at least
# _COMMON_FLOOR) links too many pairs to tell stories apart; it still counts in each article's norm.
_COMMON_SHARE = 0.01
_COMMON_FLOOR = 60
# At most this many pair contributions in all (see _similarities): about 130 MB of arrays.
_PAIR_BUDGET = 8_000_000

# Function words (English and the commonest German ones) and news-writing verbs: every story has them.
_STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself said says say told tell according also mr mrs ms dr one two three new
    last first year years week weeks day days time times monday tuesday wednesday thursday friday
    saturday sunday people could would may might must shall many much even still yet however since
    der die das und ist nicht ein eine einer eines den dem des mit von für auf sich auch als wie bei
    nach aus zum zur wird wurde sind hat haben""".split()
)

# Words (letters with inner hyphens and apostrophes), and capitalised words inside a sentence
# (after a lower-case letter, a digit or a comma): names. Found by two scans of the whole text
# rather than a test per word: at 10,000 articles per-word Python took 9 s, the scans 2 s.
# A possessive is the word itself: "Takaichi's" counts as "takaichi".
_TAIL = r"(?:-[^\W\d_]+|['’](?![sS]\b)[^\W\d_]+)*"
_WORDS = re.compile(rf"[^\W\d_]{{3,}}{_TAIL}")
# Each opens with its capital and looks behind after it: a pattern opening with a look-behind or
# \b is tried at every character, one opening with a class skips to the next capital (the two
# scans of 400 KB of prose took 11 ms, now 6).
_NAMES = re.compile(rf"[A-Z](?<=[a-z0-9,;] [A-Z])[^\W\d_]{{2,}}{_TAIL}")
_CAPITALISED = re.compile(rf"[A-Z](?<!\w[A-Z])[^\W\d_]{{2,}}{_TAIL}")
# Spelled with ASCII classes, for a text of ``ascii_words`` (no letter or digit outside
# ASCII: most news prose), where they find the same words in two thirds of the time (400 KB of
# prose on one line: the three scans 19 -> 13 ms); ``\b`` after the possessive's
# "s" is the end of the word characters, spelled as such.
_ASCII_TAIL = r"(?:-[A-Za-z]+|['’](?![sS](?![0-9A-Za-z_]))[A-Za-z]+)*"
_ASCII_WORDS = re.compile(rf"[A-Za-z]{{3,}}{_ASCII_TAIL}")
# _NAMES and _CAPITALISED in one scan: every name is a capitalised word (after a space, so after
# no word character), matched from the same capital, and none is inside an earlier one; each
# capitalised word comes with the letter after its capital where it is a name, "" where not
# (400 KB of prose: 6.1 -> 4.6 ms for the two Counters).
_ASCII_CAPITALISED_NAMED = re.compile(
    rf"([A-Z](?<![0-9A-Za-z_][A-Z])(?:(?<=[a-z0-9,;] [A-Z])(?=(.))|)[A-Za-z]{{2,}}{_ASCII_TAIL})"
)


@dataclass(frozen=True, slots=True)
class _Signature:
    """An article's strongest terms with their weights, and the norm of its full term vector."""

    weights: dict[str, float]
    norm: float
    distinct: int


def _terms(text: str) -> Counter[str]:
    """Return the content words of a text, lower-cased; names (capitalised inside a sentence at
    least as often as written in lower case) marked with "^"."""
    # Lower-casing keeps a text of ``ascii_words`` one (tests/test_scripts.py checks every character).
    plain = ascii_words(text)
    counts = Counter((_ASCII_WORDS if plain else _WORDS).findall(text.lower()))
    for word in _STOP & counts.keys():
        del counts[word]
    if plain:
        found = _ASCII_CAPITALISED_NAMED.findall(text)
        words = list(map(itemgetter(0), found))
        names = Counter(compress(words, map(itemgetter(1), found)))
        if not names:
            return counts
        capitalised = Counter(words)
    else:
        names = Counter(_NAMES.findall(text))
        if not names:
            return counts
        capitalised = Counter(_CAPITALISED.findall(text))
    for name, k in names.items():
        word = name.lower()
        total = counts.get(word, 0)
        if total and k >= total - capitalised[name]:
            counts["^" + word] = counts.pop(word)
    return counts


def _signatures(counts: Sequence[Counter[str]]) -> list[_Signature]:
    """Return each article's tf-idf signature (log tf, smoothed idf, names boosted)."""
    n = len(counts)
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    idf = {term: math.log(1 + n / k) * (_NAME_BOOST if term[0] == "^" else 1.0) for term, k in df.items()}
    log = math.log
    out = []
    for c in counts:
        weights = {term: idf[term] if tf == 1 else (1 + log(tf)) * idf[term] for term, tf in c.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        top = {t: weights[t] for t in heapq.nlargest(_SIGNATURE, weights, key=weights.__getitem__)}
        out.append(_Signature(top, norm, len(c)))
    return out


def _time_factors(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Return how much of a similarity two publication dates keep (day ordinals, -1 unknown).

    1 within ``_SAME_DAYS`` or when either date is unknown, halving every ``_HALF_LIFE_DAYS``
    beyond, 0 beyond ``_MAX_DAYS``.
    """
    gap = np.abs(a - b).astype(np.float64)
    factor = np.where(gap <= _SAME_DAYS, 1.0, 0.5 ** ((gap - _SAME_DAYS) / _HALF_LIFE_DAYS))
    factor[gap > _MAX_DAYS] = 0.0
    factor[(a < 0) | (b < 0)] = 1.0
    return factor


_CHUNK = 4_000_000  # pair contributions summed at a time (about 100 MB of keys and weights)


def _similarities(
    signatures: Sequence[_Signature], dates: Sequence[date | None], *, floor: float
) -> dict[tuple[int, int], float]:
    """Return the similarity of every pair of articles sharing a signature term, time-damped,
    when it reaches ``floor``.

    Pairs come from an inverted index of the signature terms, and only pairs that time does not
    rule out: published at most ``_MAX_DAYS`` apart, or one of them undated. A term that would
    pair more articles than ``_COMMON_SHARE`` of the corpus published together is left out (it
    pairs everything of its time), so the work grows with the pairs that share rare words, not
    with the square of the corpus; a word common over ten years but rare in any month still
    links its month's articles. The contributions of each shared term are summed with numpy:
    at 10,000 articles of random real sentences (the worst case) there are 6 million of them,
    26 s as a Python loop.
    """
    n = len(signatures)
    ordinals = np.array([d.toordinal() if d is not None else -1 for d in dates], dtype=np.int64)
    postings: dict[str, list[int]] = defaultdict(list)
    for i in np.argsort(ordinals, kind="stable").tolist():  # each posting in date order, undated first
        for term in signatures[i].weights:
            postings[term].append(i)
    cap = max(_COMMON_FLOOR, int(_COMMON_SHARE * n))
    budget = cap * (cap - 1) // 2
    norms = np.array([sig.norm for sig in signatures])
    # A pair's key (i * n + j) in four bytes when it fits (n up to 65,536): the keys of 8 million
    # contributions, their sort and its inverse are half as large (50,000 tiny articles: peak
    # 1,141 -> 1,066 MB).
    key_type = np.uint32 if n * n <= np.iinfo(np.uint32).max else np.int64
    keys_done: np.ndarray = np.empty(0, dtype=key_type)
    sums_done: np.ndarray = np.empty(0, dtype=np.float64)
    pending_keys: list[np.ndarray] = []
    pending_vals: list[np.ndarray] = []
    pending = 0

    def reduce() -> None:
        nonlocal keys_done, sums_done, pending
        keys = np.concatenate([keys_done, *pending_keys])
        vals = np.concatenate([sums_done, *pending_vals])
        keys_done, inverse = np.unique(keys, return_inverse=True)
        sums_done = np.bincount(inverse, weights=vals, minlength=len(keys_done))
        pending_keys.clear()
        pending_vals.clear()
        pending = 0

    # First the pairs each term would add, then which terms are read: when all of them would add
    # more than _PAIR_BUDGET contributions, the terms pairing the most articles are left out
    # (the commonest, the weakest evidence) until the rest fit. Real news stays far under it
    # (10,000 articles of random real sentences: 6 million); 20,000 tiny articles drawn from one
    # 5,000-word vocabulary added 49 million, 3.7 GB and 38 s, and 50,000 did not finish in 10 min.
    # The terms kept are read in the same order as before, so a corpus under the budget groups
    # exactly as it did.
    plans: list[tuple[str, list[int], np.ndarray, np.ndarray, int]] = []
    for term, docs in postings.items():
        m = len(docs)
        if m < 2:
            continue
        idx = np.asarray(docs, dtype=np.int64)
        days = ordinals[idx]
        # Each article pairs with the later ones of its window; an undated one with all after it.
        ends = np.where(days < 0, m, np.searchsorted(days, days + _MAX_DAYS, side="right"))
        counts = ends - np.arange(m) - 1
        total = int(counts.sum())
        if total == 0 or total > budget:
            continue
        plans.append((term, docs, idx, counts, total))
    if sum(plan[4] for plan in plans) > _PAIR_BUDGET:
        kept, room = set(), _PAIR_BUDGET
        for k in sorted(range(len(plans)), key=lambda k: plans[k][4]):  # the fewest pairs first
            if plans[k][4] > room:
                break
            kept.add(k)
            room -= plans[k][4]
        plans = [plan for k, plan in enumerate(plans) if k in kept]
    for term, docs, idx, counts, total in plans:
        m = len(docs)
        left = np.repeat(np.arange(m), counts)
        right = left + 1 + np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        w = np.array([signatures[i].weights[term] for i in docs]) / norms[idx]
        a, b = idx[left], idx[right]
        pending_keys.append((np.minimum(a, b) * n + np.maximum(a, b)).astype(key_type))
        pending_vals.append(w[left] * w[right])
        pending += total
        if pending >= _CHUNK:
            reduce()
    reduce()
    if not len(keys_done):
        return {}
    # Time only lowers a similarity (its factor is at most 1): pairs under the floor already are
    # dropped before the pairs are split and dated (50,000 tiny articles: peak 1,066 -> 962 MB).
    near = sums_done >= floor
    keys_done, sums_done = keys_done[near], sums_done[near]
    first, second = (keys_done // n).astype(np.int64), (keys_done % n).astype(np.int64)
    sims = sums_done * _time_factors(ordinals[first], ordinals[second])
    keep = sims >= floor
    return dict(zip(zip(first[keep].tolist(), second[keep].tolist()), sims[keep].tolist()))


def _average_linkage(n: int, sims: dict[tuple[int, int], float], threshold: float) -> list[int]:
    """Return a group number per article: groups merged while their average pairwise similarity
    (pairs never compared counting 0) reaches ``threshold``.

    The heap holds each pair of groups at its average when pushed. A merge only lowers the
    averages of the merged group's other links (its size grew, their sums did not), so an
    entry popped above its current average is pushed back at the current one: lazy updates,
    each merge touching only the links of the smaller group.
    """
    size = [1] * n
    parent = list(range(n))
    links: list[dict[int, float]] = [{} for _ in range(n)]
    for (i, j), s in sims.items():
        links[i][j] = links[i].get(j, 0.0) + s
        links[j][i] = links[j].get(i, 0.0) + s
    heap = [(-s, i, j) for (i, j), s in sims.items() if s >= threshold]
    heapq.heapify(heap)
    alive = [True] * n
    while heap:
        neg, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]) or b not in links[a]:
            continue
        average = links[a][b] / (size[a] * size[b])
        if average < -neg - 1e-12:
            if average >= threshold:
                heapq.heappush(heap, (-average, a, b))
            continue
        if len(links[a]) < len(links[b]):
            a, b = b, a
        # Merge b into a: a's link to each neighbour c of b gains b's.
        alive[b] = False
        parent[b] = a
        size[a] += size[b]
        del links[a][b]
        for c, s in links[b].items():
            if c == a:
                continue
            total = links[a].get(c, 0.0) + s
            links[a][c] = total
            links[c][a] = total
            del links[c][b]
            avg = total / (size[a] * size[c])
            if avg >= threshold:
                heapq.heappush(heap, (-avg, a, c))
        links[b] = {}
    root = list(range(n))
    for i in range(n):
        r = i
        while parent[r] != r:
            r = parent[r]
        root[i] = r
    return root


def story_label(counts: Sequence[Counter[str]], *, terms: int = 3) -> str:
    """Return a readable label for a story: its most telling words, names first ("Takaichi · Lee · Nara")."""
    total: Counter[str] = Counter()
    for c in counts:
        total.update({t: 1 for t in c})  # in how many of the story's articles
    weighted = Counter({t: k * (2 if t[0] == "^" else 1) for t, k in total.items()})
    words: list[str] = []
    for term, _ in weighted.most_common():
        word = term.lstrip("^")
        shown = word.title() if term[0] == "^" else word
        if shown.lower() not in (w.lower() for w in words):
            words.append(shown)
        if len(words) == terms:
            break
    return " · ".join(words)


def _article_text(doc: Document) -> str:
    return doc.text


def grouped_stories(
    documents: Sequence[Document], *, texts: Sequence[str] | None = None, threshold: float = _MIN_SIMILARITY
) -> tuple[tuple[Document, ...], tuple[Story, ...]]:
    """Return the documents with ``story`` set, and the corpus's stories (given, then inferred).

    A story the input gives is kept as it is (``how="given"``); the other articles are grouped
    by content and time (``how="inferred"``, ids ``story-1``, ``story-2`` ... in corpus order).
    ``texts`` are the articles' own words (title and body, without page chrome) when known;
    otherwise the full texts are read.
    """
    texts = list(texts) if texts is not None else [_article_text(d) for d in documents]
    counts = [_terms(t) for t in texts]
    given_ids: dict[str, list[int]] = defaultdict(list)
    loose: list[int] = []
    for i, d in enumerate(documents):
        if d.story.strip():
            given_ids[d.story.strip()].append(i)
        else:
            loose.append(i)
    groups = _inferred_groups([counts[i] for i in loose], [documents[i].published for i in loose], threshold)
    taken = set(given_ids)
    inferred: dict[int, list[int]] = defaultdict(list)
    for k, g in zip(loose, groups):
        inferred[g].append(k)
    story_of: dict[int, str] = {}
    stories: list[Story] = []
    for story_id, members in given_ids.items():
        for i in members:
            story_of[i] = story_id
        stories.append(Story(story_id, _given_label(story_id, [counts[i] for i in members]),
                             tuple(documents[i].doc_id for i in members), "given"))
    n = 0
    for members in sorted(inferred.values(), key=lambda m: m[0]):
        n += 1
        story_id = f"story-{n}"
        while story_id in taken:
            n += 1
            story_id = f"story-{n}"
        for i in members:
            story_of[i] = story_id
        stories.append(Story(story_id, story_label([counts[i] for i in members]),
                             tuple(documents[i].doc_id for i in members), "inferred"))
    docs = tuple(d if d.story == story_of[i] else replace(d, story=story_of[i]) for i, d in enumerate(documents))
    return docs, tuple(stories)


_OPAQUE_ID = re.compile(r"^[\d\W_]*$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)


def _given_label(story_id: str, counts: Sequence[Counter[str]]) -> str:
    """Return a given story's id when it reads as a label, else its telling words."""
    return (story_label(counts) or story_id) if _OPAQUE_ID.match(story_id) else story_id


def _inferred_groups(counts: Sequence[Counter[str]], dates: Sequence[date | None], threshold: float) -> list[int]:
    """Return a group number per article, grouped by content and time.

    Articles too short to judge join the one story the rest forms (or, when all are short,
    make one story together); when the rest forms several, each stays alone: nothing says
    which story it belongs to, and splitting is safer than merging.
    """
    n = len(counts)
    if n <= 1:
        return [0] * n  # one article is one story: no signatures to weigh
    signatures = _signatures(counts)
    judged = [i for i in range(n) if signatures[i].distinct >= _MIN_TERMS]
    short = [i for i in range(n) if signatures[i].distinct < _MIN_TERMS]
    groups = [0] * n
    if judged:
        # Pairs under half the threshold hardly move an average; dropping them keeps the
        # linkage small (and counts them as dissimilar: splitting, not merging).
        sims = _similarities([signatures[i] for i in judged], [dates[i] for i in judged], floor=threshold / 2)
        roots = _average_linkage(len(judged), sims, threshold)
        for k, i in enumerate(judged):
            groups[i] = judged[roots[k]]
    formed = {groups[i] for i in judged}
    if len(formed) > 1:
        for i in short:
            groups[i] = i  # the corpus holds several stories and nothing says which: alone
    else:
        home = next(iter(formed)) if formed else (short[0] if short else 0)
        for i in short:
            groups[i] = home
    return groups


def story_corpus(corpus: Corpus, story_id: str) -> Corpus:
    """Return the part of ``corpus`` that covers one story: its documents, passages and Story.

    The load errors are the whole corpus's (a file that could not be read belongs to no story).
    An unknown story gives a corpus without documents.
    """
    story = next((s for s in corpus.stories if s.story_id == story_id), None)
    if story is None:
        return Corpus((), (), corpus.errors)
    members = set(story.doc_ids)
    return Corpus(
        documents=tuple(d for d in corpus.documents if d.doc_id in members),
        passages=tuple(p for p in corpus.passages if p.doc_id in members),
        errors=corpus.errors,
        stories=(story,),
    )
