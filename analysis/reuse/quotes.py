"""The quote ledger: the same quotation across outlets, its speaker, and each outlet's wording.

Outlets quoting one speaker is not copying, but how each outlet renders the quotation says a
lot: word for word, trimmed, with words changed, spliced from pieces, paraphrased, translated.

1. Quotations: the text inside quotation marks (``analysis.text.quotes.quote_spans``) in the
   article passages of every document, of at least ``min_words`` words (scare quotes of one or
   two words are left out), each with its speaker when the sentence names one ("..., Lee
   said", "Lee said: ...", "according to Lee"; a pronoun takes the last named speaker of the
   document).
2. Groups: two quotations in documents of different outlets are one quotation when their words
   align (word 3-grams shared, then an LCS of at least ``min_words`` words making at least
   half of the shorter); groups are joined through these links. With an encoder, quotations of
   the article pairs given (same story, another language) are linked when their sentence
   embeddings are close: translations and paraphrases.
3. Variants: the fullest version (most words, then earliest) is the reference; each other
   version is classed against it.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, Protocol

import numpy as np
from rapidfuzz.distance import Indel

from analysis.reuse.clusters import DisjointSet
from analysis.reuse.index import TOKEN, normal_form
from analysis.text.quotes import quote_spans
from analysis.text.records import Corpus, Document, Passage
from analysis.text.scripts import dominant_script, guess_language

VariantClass = Literal["verbatim", "trimmed", "altered", "spliced", "paraphrased", "translated"]
VARIANT_CLASSES: tuple[VariantClass, ...] = ("verbatim", "trimmed", "altered", "spliced", "paraphrased", "translated")

# A 3-gram held by more quotations than this is a stock phrase ("I don't think"), no evidence.
_STOCK_QUOTES = 200
# Quotations are one only in articles published within this many days of each other (or
# undated): on BASIL, linking across events chained "as soon as possible" and "Face the Nation"
# into groups spanning ten years.
SAME_STORY_DAYS = 7
# Two quotations whose sentence embeddings are at least this close are one (paraphrased or
# translated). FLORES ko/ja/zh-en translation pairs: 5th percentile 0.54-0.59, unrelated
# sentences' 99th percentile 0.27 (benchmarks/reuse_semantic.py).
QUOTE_SIMILARITY = 0.6
# Two quotations of one language must be closer to be one paraphrased quotation: on BASIL, at
# 0.6, different quotations of one speaker on one story were joined.
QUOTE_PARAPHRASE_SIMILARITY = 0.85

_VERBS = (r"said|says|told|tells|added|adds|wrote|writes|argued|argues|explained|insisted|stated|continued|"
          r"noted|declared|tweeted|posted|asked|replied|responded|warned|recalled|remarked|admitted|"
          r"conceded|claimed|announced|stressed|emphasized|emphasised|maintained|acknowledged|suggested")
# A name of up to six words, starting where no word character precedes (read once per word, not
# from inside it: unbounded and unanchored, a run of capitals was quadratic).
_NAME = r"(?<![\w.'’-])[A-Z][\w.'’-]*+(?:\s+(?:[A-Z][\w.'’-]*+|de|van|von|bin|al|la|le)){0,5}"
_ROLES = (r"spokesman|spokeswoman|spokesperson|official|officials|president|minister|aide|statement|senator|"
          r"governor|lawmaker|source|sources|lawyer|attorney|adviser|advisor|leader|chairman|director|"
          r"ministry|agency|report|secretary|ambassador|envoy|prosecutor|judge|police|campaign|office")
_DESCRIBED = rf"(?:the|a|an|one|another)\s+(?:[a-z-]+\s+){{0,2}}(?:{_ROLES})"
_PRONOUN = r"he|she|they|we|I"
_AFTER = re.compile(
    rf"^[\s,.;:—–-]*(?:(?P<pron>{_PRONOUN})|(?P<name>{_NAME})|(?P<desc>{_DESCRIBED}))\s+(?:{_VERBS})\b"
    rf"|^[\s,.;:—–-]*(?:{_VERBS})\s+(?:(?P<name2>{_NAME})|(?P<desc2>{_DESCRIBED}))"
)
_BEFORE = re.compile(
    rf"(?:(?P<pron>\b(?:{_PRONOUN}))|(?P<name>{_NAME})|(?P<desc>\b{_DESCRIBED}))\s+(?:{_VERBS})\b[^\"“”]{{0,60}}$"
    rf"|according\s+to\s+(?P<name2>{_NAME})[^\"“”]{{0,30}}$"
)
_LEADING_TITLE = re.compile(r"^(?:The|A|An|But|And|So|Then|Still|Yet|However)\s+")


class Encoder(Protocol):
    """Anything that turns sentences into L2-normalised vectors (see ``analysis.reuse.semantic``)."""

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True, slots=True)
class Quotation:
    """The words inside one pair of quotation marks, with the speaker the sentence names."""

    quote_id: str  # "<doc_id>@<start>"
    doc_id: str
    passage_id: str
    start: int
    end: int
    text: str
    speaker: str


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    """One outlet's wording of a quotation, classed against the group's reference wording.

    ``diff`` lists the changes from the reference for ``altered`` (and ``spliced``) versions:
    (operation, reference words, this version's words), operation ``replace``, ``insert`` or
    ``delete``.
    """

    quotation: Quotation
    outlet: str
    published: date | None
    variant: VariantClass
    reference: bool
    diff: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """The same quotation in the articles of two or more outlets."""

    group_id: str
    speaker: str
    variants: tuple[QuoteVariant, ...]

    @property
    def outlets(self) -> tuple[str, ...]:
        """Return the outlets quoting it, in the order of the variants."""
        return tuple(dict.fromkeys(v.outlet for v in self.variants))

    @property
    def reference(self) -> QuoteVariant:
        """Return the reference wording (the fullest version)."""
        return next(v for v in self.variants if v.reference)


def quotations(corpus: Corpus, *, min_words: int = 3) -> tuple[Quotation, ...]:
    """Return every quotation of at least ``min_words`` words in the article text, with its speaker."""
    found: list[Quotation] = []
    for doc in corpus.documents:
        found.extend(_document_quotations(doc, corpus.passages_of(doc.doc_id), min_words))
    return tuple(found)


def _document_quotations(doc: Document, passages: Sequence[Passage], min_words: int) -> list[Quotation]:
    text = doc.text
    paragraphs: dict[int, list[Passage]] = {}
    for p in passages:
        if p.is_article:
            paragraphs.setdefault(p.paragraph, []).append(p)
    out: list[Quotation] = []
    last_speaker = ""
    for _, group in sorted(paragraphs.items()):
        lo, hi = group[0].start, group[-1].end
        starts = [p.start for p in group]
        for s, e in quote_spans(text, lo, hi):
            start, end = _inner(text, s, e)
            if end <= start or sum(1 for _ in TOKEN.finditer(text, start, end)) < min_words:
                continue
            speaker = _speaker(text[lo:s], text[e:hi])
            if speaker in {"he", "she", "they", "we", "I"}:
                speaker = last_speaker
            elif speaker:
                last_speaker = speaker
            # Passages are disjoint and in text order: bisect for the one holding the quotation,
            # not a scan of the paragraph per quotation (quadratic when prose is one long line).
            k = bisect.bisect_right(starts, start) - 1
            holder = group[k] if k >= 0 and start < group[k].end else group[0]
            out.append(Quotation(f"{doc.doc_id}@{start}", doc.doc_id, holder.passage_id, start, end,
                                 text[start:end], speaker))
    return out


def _inner(text: str, start: int, end: int) -> tuple[int, int]:
    # Drop the marks, then white space and trailing punctuation the quotation ends with.
    if start < end and text[start] in "\"“«'‘":
        start += 1
    if end > start and text[end - 1] in "\"”»'’":
        end -= 1
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def _speaker(before: str, after: str) -> str:
    m = _AFTER.match(after[:120])
    if m is None:
        m = _BEFORE.search(before[-160:])
    if m is None:
        return ""
    if m.group("pron"):
        return m.group("pron")
    name = m.group("name") or m.group("name2") or ""
    if name:
        return _LEADING_TITLE.sub("", name).strip().rstrip(".,;:")
    return (m.group("desc") or m.group("desc2") or "").strip()


def quote_ledger(
    corpus: Corpus,
    *,
    min_words: int = 3,
    encoder: Encoder | None = None,
    article_pairs: Iterable[tuple[str, str]] = (),
    min_similarity: float = QUOTE_SIMILARITY,
    same_story_days: int = SAME_STORY_DAYS,
) -> tuple[QuoteGroup, ...]:
    """Return the quotations found in two or more outlets, each with every outlet's wording.

    ``encoder`` and ``article_pairs`` (document id pairs, such as the semantic tier's candidate
    pairs) also link quotations of those pairs by meaning: translated and paraphrased quotes.
    Groups come most outlets first.
    """
    if len({d.outlet for d in corpus.documents}) < 2:
        return ()  # a group spans two outlets: one upload has none (0.08 s CPU on 400 KB of prose)
    quotes = quotations(corpus, min_words=min_words)
    outlet = {d.doc_id: d.outlet for d in corpus.documents}
    day = {d.doc_id: d.published.toordinal() if d.published else None for d in corpus.documents}

    def close_in_time(x: int, y: int) -> bool:
        dx, dy = day[quotes[x].doc_id], day[quotes[y].doc_id]
        return dx is None or dy is None or abs(dx - dy) <= same_story_days

    keys = [[normal_form(w.group()) for w in TOKEN.finditer(q.text)] for q in quotes]
    sets = DisjointSet(len(quotes))
    find, union = sets.find, sets.union

    postings: dict[tuple[str, str, str], list[int]] = {}
    for k, words in enumerate(keys):
        for gram in set(zip(words, words[1:], words[2:])):
            postings.setdefault(gram, []).append(k)
    tried: set[tuple[int, int]] = set()
    for holders in postings.values():
        if len(holders) < 2 or len(holders) > _STOCK_QUOTES:
            continue
        for x_pos, x in enumerate(holders):
            for y in holders[x_pos + 1 :]:
                if (x, y) in tried or outlet[quotes[x].doc_id] == outlet[quotes[y].doc_id] \
                        or not close_in_time(x, y):
                    continue
                tried.add((x, y))
                if find(x) != find(y) and _same_words(keys[x], keys[y], min_words):
                    union(x, y)
    semantic: set[tuple[int, int]] = set()
    if encoder is not None:
        language = {d.doc_id: d.language[:2].lower() for d in corpus.documents}
        semantic = _semantic_links(quotes, encoder, article_pairs, outlet, language, min_similarity)
        for x, y in semantic:
            union(x, y)
    groups: dict[int, list[int]] = {}
    for k in range(len(quotes)):
        groups.setdefault(find(k), []).append(k)
    docs = {d.doc_id: d for d in corpus.documents}
    found = []
    for members in groups.values():
        if len({outlet[quotes[k].doc_id] for k in members}) < 2:
            continue
        found.append(_group(members, quotes, keys, docs, outlet, semantic))
    found.sort(key=lambda g: (-len(g.outlets), -len(g.variants), g.reference.quotation.quote_id))
    return tuple(
        QuoteGroup(f"quote-{n}", g.speaker, g.variants) for n, g in enumerate(found, start=1)
    )


def _same_words(a: Sequence[str], b: Sequence[str], min_words: int) -> bool:
    # Half the shorter quotation and a quarter of the longer: a stock phrase inside a long
    # quotation ("as soon as possible") does not make two quotations one.
    shared = sum(op.src_end - op.src_start for op in Indel.opcodes(a, b) if op.tag == "equal")
    return (shared >= min(min_words, len(a), len(b)) and shared * 2 >= min(len(a), len(b))
            and shared * 4 >= max(len(a), len(b)))


def _semantic_links(
    quotes: Sequence[Quotation],
    encoder: Encoder,
    article_pairs: Iterable[tuple[str, str]],
    outlet: dict[str, str],
    language: dict[str, str],
    min_similarity: float,
) -> set[tuple[int, int]]:
    by_doc: dict[str, list[int]] = {}
    for k, q in enumerate(quotes):
        by_doc.setdefault(q.doc_id, []).append(k)
    pairs = [(a, b) for a, b in article_pairs if a in by_doc and b in by_doc and outlet[a] != outlet[b]]
    needed = sorted({k for a, b in pairs for k in (*by_doc[a], *by_doc[b])})
    if not needed:
        return set()
    vectors = encoder.encode([quotes[k].text for k in needed])
    row = {k: n for n, k in enumerate(needed)}
    links: set[tuple[int, int]] = set()
    for a, b in pairs:
        xs, ys = by_doc[a], by_doc[b]
        cut = max(min_similarity, QUOTE_PARAPHRASE_SIMILARITY) if language[a] == language[b] else min_similarity
        sims = vectors[[row[k] for k in xs]] @ vectors[[row[k] for k in ys]].T
        # Mutual best matches only: each quotation pairs with at most one of the other article.
        best_y = sims.argmax(axis=1)
        best_x = sims.argmax(axis=0)
        for i, j in enumerate(best_y.tolist()):
            if best_x[j] == i and sims[i, j] >= cut:
                links.add((min(xs[i], ys[j]), max(xs[i], ys[j])))
    return links


def _group(
    members: Sequence[int],
    quotes: Sequence[Quotation],
    keys: Sequence[Sequence[str]],
    docs: dict[str, Document],
    outlet: dict[str, str],
    semantic: set[tuple[int, int]],
) -> QuoteGroup:
    def published(k: int) -> date:
        return docs[quotes[k].doc_id].published or date.max

    # One version per document (the fullest), the fullest version of all as the reference.
    per_doc: dict[str, int] = {}
    for k in members:
        doc_id = quotes[k].doc_id
        if doc_id not in per_doc or len(keys[k]) > len(keys[per_doc[doc_id]]):
            per_doc[doc_id] = k
    chosen = sorted(per_doc.values(), key=lambda k: (published(k), quotes[k].doc_id))
    ref = max(chosen, key=lambda k: (len(keys[k]), -published(k).toordinal(), quotes[k].quote_id))
    ref_language = _language(docs[quotes[ref].doc_id], quotes[ref].text)
    variants = []
    for k in chosen:
        q = quotes[k]
        doc = docs[q.doc_id]
        if k == ref:
            variant: VariantClass = "verbatim"
            diff: tuple[tuple[str, str, str], ...] = ()
        elif _language(doc, q.text) != ref_language:
            variant, diff = "translated", ()
        else:
            variant, diff = classify_variant(quotes[ref].text, q.text)
        variants.append(QuoteVariant(q, outlet[q.doc_id], doc.published, variant, k == ref, diff))
    speakers = Counter(quotes[k].speaker for k in chosen if quotes[k].speaker)
    # A name before a description ("Lee" before "the statement"), then the most frequent.
    speaker = max(speakers, key=lambda s: (s[:1].isupper(), speakers[s], len(s))) if speakers else ""
    return QuoteGroup("", speaker, tuple(variants))


def _language(doc: Document, text: str) -> str:
    script, _ = dominant_script(text)
    if script and script != "LATIN":
        return script
    return doc.language[:2] or guess_language(text) or "LATIN"


def classify_variant(reference: str, version: str) -> tuple[VariantClass, tuple[tuple[str, str, str], ...]]:
    """Return how ``version`` renders ``reference`` (same language), and the word changes.

    verbatim: the same words; trimmed: a contiguous part of the reference (or the reference a
    part of it); spliced: pieces of the reference with words left out between them; altered:
    words changed, added or dropped inside; paraphrased: fewer than half of the words shared.
    """
    ref_words = [w.group() for w in TOKEN.finditer(reference)]
    ver_words = [w.group() for w in TOKEN.finditer(version)]
    a = [_plain(w) for w in ref_words]
    b = [_plain(w) for w in ver_words]
    if a == b:
        return "verbatim", ()
    ops = [op for op in Indel.opcodes(a, b)]
    shared = sum(op.src_end - op.src_start for op in ops if op.tag == "equal")
    if shared * 2 < min(len(a), len(b)):
        return "paraphrased", ()
    # Changes at the ends are trimming; only changes between equal blocks alter the quote.
    first = next(n for n, op in enumerate(ops) if op.tag == "equal")
    last = max(n for n, op in enumerate(ops) if op.tag == "equal")
    inner = [op for op in ops[first : last + 1] if op.tag != "equal"]
    ends = ops[:first] + ops[last + 1 :]
    changes = _diff(inner, ref_words, ver_words)
    if not inner:
        one_sided = {op.tag for op in ends}
        return ("trimmed", ()) if len(one_sided) == 1 else ("altered", _diff(ends, ref_words, ver_words))
    if all(op.tag == "delete" for op in inner) and all(op.tag == "delete" for op in ends):
        return "spliced", changes
    return "altered", changes


def _plain(word: str) -> str:
    # Typography is not wording: curly and straight apostrophes, F.B.I. and FBI compare equal.
    return word.lower().replace("’", "'").replace(".", "")


def _diff(ops: Sequence, ref_words: Sequence[str], ver_words: Sequence[str]) -> tuple[tuple[str, str, str], ...]:
    # Indel gives delete + insert for a replacement: pair a delete with the insert right after it.
    out: list[tuple[str, str, str]] = []
    k = 0
    while k < len(ops):
        op = ops[k]
        old = " ".join(ref_words[op.src_start : op.src_end])
        new = " ".join(ver_words[op.dest_start : op.dest_end])
        nxt = ops[k + 1] if k + 1 < len(ops) else None
        if nxt is not None and {op.tag, nxt.tag} == {"delete", "insert"} \
                and nxt.src_start == op.src_end and nxt.dest_start == op.dest_end:
            deleted, inserted = (op, nxt) if op.tag == "delete" else (nxt, op)
            out.append(("replace", " ".join(ref_words[deleted.src_start : deleted.src_end]),
                        " ".join(ver_words[inserted.dest_start : inserted.dest_end])))
            k += 2
            continue
        out.append((op.tag, old, new))
        k += 1
    return tuple(out)
