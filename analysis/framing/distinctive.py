"""Distinctive terms: the words and phrases that set each outlet apart from the rest.

The statistic is the log-odds ratio with an informative Dirichlet prior of Monroe, Colaresi
and Quinn (2008, "Fightin' Words", Political Analysis 16(4), section 3.5), computed for one
outlet against all the others pooled. The prior is the whole corpus's term distribution
scaled to ``prior`` pseudo-counts, which shrinks rare terms toward zero so a word used twice
by one outlet does not top the list. The z-score divides the log-odds by its approximate
standard error; raw counts are reported next to it so a reader can judge how much evidence
there is.

What says who wrote an article rather than how it was written is not counted: the outlets' own
names ("Fox News", "foxnews.com", "Fox's"), bylines and credit lines ("By Jane Doe", "John Roe
contributed to this report"), and the abbreviations house styles put before names ("Sen.",
"Rep.", "Gov.") or after them ("(D-Calif.)"). On BASIL these were Fox News's top terms ("fox
news", "fox", "news", "sen", "rep") and four of HuffPost's top 25 ("rep", "sen", "d-n", "d-calif").
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator

import pandas as pd

from analysis.text.languages import LANGUAGE_NAMES_ALL, base_language, has_segmented_script
from analysis.text.records import WORD, Corpus, count_words
from analysis.text.tokens import words

DISTINCTIVE_COLUMNS: tuple[str, ...] = ("outlet", "term", "count", "count_rest", "log_odds", "z")

# Below these sizes the z-scores rest on a handful of occurrences (see small_corpus_warning).
MIN_OUTLET_WORDS = 5_000
MIN_OUTLETS = 2

_STOPWORDS = frozenset(
    """a about above after again against ago all almost also although am among an and another
    any are around as at be because been before being below between both but by can could did
    do does doing down during each either else even ever every few for from further had has
    have having he her here hers herself him himself his how however i if in into is it its
    itself just last least less like made make many may me might more most much must my
    myself near neither no nor not now of off on once one only or other others our ours
    ourselves out over own per perhaps rather said same say says she should since so some
    still such than that the their theirs them themselves then there these they this those
    though through to too toward towards under until up upon us very was we were what when
    where whether which while who whom whose why will with within without would yet you your
    yours yourself yourselves also mr mrs ms s t don't it's he's she's that's there's
    they're we're i'm isn't wasn't aren't weren't can't won't didn't doesn't""".split()
)


# Titles house styles abbreviate before a name ("Sen. Schumer", "Gov. Cuomo", "Lt. Gen."): an
# outlet that writes "Sen." where another writes "Senator" is not framing anything.
_STYLE_ABBREVIATIONS = frozenset(
    """sen sens rep reps gov govs lt gen col maj capt cmdr sgt adm gens atty supt pres prof
    dr rev hon jr sr messrs""".split()
)
# Party and state after a name: "(D-Calif.)", "(R-N.C.)" (tokens "d-calif", "r-n").
_PARTY_TAG = re.compile(r"[dri]-[a-z]{1,5}")
# A credit line or sentence: "By Jane Doe", "Written by ...", "Jane Doe contributed to this report.",
# "Reporting by ...; Editing by ...".
_BYLINE = re.compile(r"(?<!\s)\s*+(?:by|written by|reported by|reporting by)\s+\S.{0,80}", re.IGNORECASE)
_CREDIT = re.compile(r"\b(?:contributed(?: to)?(?: this)? report(?:ing)?|additional reporting|(?:reporting|editing) by)\b",
                     re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
# Words that follow an outlet's name as part of it ("Fox News Digital", "Korea Times").
_NAME_TAIL = frozenset(
    "news digital online times post daily journal network media tribune herald press magazine channel tv radio com".split()
)
_MASK = ""  # stands where an outlet's name was: no phrase reaches across it


# Particles and function words of Korean, Japanese and Chinese (as matching keys): like the
# English stopwords, never the edge of a distinctive phrase.
_CJK_STOPWORDS = frozenset(
    """은 는 이 가 을 를 의 에 에서 와 과 도 로 으로 만 까지 부터 에게 한테 께 보다 처럼 이나 나 고 라고 이라고
    며 및 등 것 수 하 되 있 없 않 그 이번 지난 위해 대해 통해 따르
    は が を に の で と も へ から まで より や か ね よ て って という する なる ある いる れる られる こと もの
    ため よう その この それ これ など 日 年 月
    的 了 在 是 和 与 也 就 都 而 及 或 被 把 对 为 这 那 个 中 上 下 有 我 他 她 它 们 我们 他们 说 将 会 要 等 并
    于 以 从 到 年 月 日""".split()
)


def _tokens(text: str, language: str = "") -> list[str]:
    if has_segmented_script(text):
        # Words of the language (keys: dictionary forms, Simplified characters); numbers out.
        return [t.key for t in words(text, language) if not t.key[:1].isdigit()]
    return [t.lower().replace("’", "'") for t in WORD.findall(text)]


def _is_content(token: str) -> bool:
    if token in _CJK_STOPWORDS:
        return False
    # One Hangul syllable or Han character can be a word (법, 党); one Latin letter cannot.
    return (token not in _STOPWORDS and token not in _STYLE_ABBREVIATIONS and not _PARTY_TAG.fullmatch(token)
            and any(ch.isalpha() for ch in token) and (len(token) > 1 or not token.isascii()))


def _without_credits(text: str) -> str:
    """Return a passage's text without its credit sentences; a passage that is a byline becomes empty."""
    if len(text.split()) <= 12 and _BYLINE.fullmatch(text.strip()):
        return ""
    if not _CREDIT.search(text):
        return text
    return " ".join(m.group() for m in _SENTENCE.finditer(text) if not _CREDIT.search(m.group()))


def _name_forms(outlets: Iterable[str]) -> dict[str, list[tuple[str, ...]]]:
    """Return the token sequences that name an outlet, by first token (longest first).

    For each outlet: its name, its name without a leading "the" and trailing words such as
    "news" or "times" ("fox" for "Fox News"), and the name written as one word ("foxnews").
    """
    forms: set[tuple[str, ...]] = set()
    for outlet in outlets:
        words = tuple(_tokens(outlet))
        core = words[1:] if words[:1] == ("the",) else words
        while len(core) > 1 and core[-1] in _NAME_TAIL:
            core = core[:-1]
        forms.update(f for f in (words, core, ("".join(words),)) if f and f != ("",))
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for form in sorted(forms, key=len, reverse=True):
        by_first.setdefault(form[0], []).append(form)
    return by_first


def _masked(tokens: list[str], names: dict[str, list[tuple[str, ...]]]) -> list[str]:
    """Return the tokens with each outlet name (and the name words after it) replaced by a mask."""
    out: list[str] = []
    i = 0
    bare = [t[:-2] if t.endswith("'s") else t for t in tokens]  # "Fox's" names Fox
    while i < len(tokens):
        form = next((f for f in names.get(bare[i], ()) if tuple(bare[i : i + len(f)]) == f), None)
        if form is None:
            out.append(tokens[i])
            i += 1
            continue
        i += len(form)
        while i < len(tokens) and bare[i] in _NAME_TAIL:
            i += 1
        out.append(_MASK)
    return out


def _ngrams(tokens: list[str], sizes: range) -> Iterator[str]:
    for n in sizes:
        for i in range(len(tokens) - n + 1):
            gram = tokens[i : i + n]
            # Phrases may hold stopwords inside ("face history squarely") but not at their edges,
            # and never reach across an outlet's name.
            if _is_content(gram[0]) and _is_content(gram[-1]) and _MASK not in gram:
                yield " ".join(gram)


def _sizes(ngram: int | tuple[int, int]) -> range:
    lo, hi = (ngram, ngram) if isinstance(ngram, int) else ngram
    if lo < 1 or hi < lo:
        raise ValueError(f"ngram must be n >= 1 or a range (lo, hi) with 1 <= lo <= hi, got {ngram!r}")
    return range(lo, hi + 1)


def _outlet_counts(
    corpus: Corpus, sizes: range, language: str | None = None
) -> tuple[dict[str, Counter[str]], dict[str, Counter[str]], dict[str, int]]:
    """Return per-outlet term counts, per-outlet document frequencies and documents per outlet."""
    counts: dict[str, Counter[str]] = {}
    doc_freq: dict[str, Counter[str]] = {}
    n_docs: Counter[str] = Counter()
    names = _name_forms({doc.outlet for doc in corpus.documents})
    for doc in corpus.documents:
        if language is not None and base_language(doc.language) != base_language(language):
            continue
        outlet = doc.outlet
        n_docs[outlet] += 1
        in_doc: Counter[str] = Counter()
        for p in corpus.passages_of(doc.doc_id):
            if p.is_article:
                in_doc.update(_ngrams(_masked(_tokens(_without_credits(p.text), doc.language), names), sizes))
        counts.setdefault(outlet, Counter()).update(in_doc)
        doc_freq.setdefault(outlet, Counter()).update(in_doc.keys())
    return counts, doc_freq, dict(n_docs)


def distinctive_terms(
    corpus: Corpus,
    *,
    min_count: int = 3,
    min_docs: int = 2,
    top: int = 20,
    ngram: int | tuple[int, int] = (1, 2),
    prior: float = 1_000.0,
    language: str | None = None,
) -> pd.DataFrame:
    """Return each outlet's most over-represented terms against the rest of the corpus.

    Parameters:
        min_count: a term must occur at least this often in the outlet's article text.
        min_docs: ... and in at least this many of its articles (capped at the number the
            outlet has), so one article's repeated name does not define an outlet.
        top: the number of terms kept per outlet, highest z first (only z > 0).
        ngram: the phrase lengths counted, an n or an inclusive range (lo, hi).
        prior: the pseudo-count mass of the informative Dirichlet prior (alpha_0), capped at
            the number of term occurrences in the corpus.
        language: compare only the articles in this language ("ko", "ja", ...): words of one
            language set its outlets apart from outlets writing another by that alone, so
            outlets are compared within a language (across languages, through lexicon terms).

    Returns a DataFrame with columns outlet, term, count, count_rest, log_odds, z; empty
    (same columns) when the corpus has fewer than two outlets.
    """
    sizes = _sizes(ngram)
    counts, doc_freq, n_docs = _outlet_counts(corpus, sizes, language)
    rows: list[tuple[str, str, int, int, float, float]] = []
    if len(counts) >= MIN_OUTLETS:
        total: Counter[str] = Counter()
        for c in counts.values():
            total.update(c)
        n_total = sum(total.values())
        # The prior never outweighs the data: on a tiny corpus a fixed alpha_0 would shrink
        # every log-odds to nothing.
        prior = min(prior, float(n_total))
        for outlet in sorted(counts):
            rows.extend(
                _outlet_rows(
                    outlet, counts[outlet], doc_freq[outlet], total, n_total,
                    min_count=min_count, min_docs=min(min_docs, n_docs[outlet]), top=top,
                    prior=prior,
                )
            )
    df = pd.DataFrame(rows, columns=list(DISTINCTIVE_COLUMNS))
    return df.astype(
        {"outlet": "object", "term": "object", "count": "int64", "count_rest": "int64",
         "log_odds": "float64", "z": "float64"}
    )


def _outlet_rows(
    outlet: str,
    mine: Counter[str],
    doc_freq: Counter[str],
    total: Counter[str],
    n_total: int,
    *,
    min_count: int,
    min_docs: int,
    top: int,
    prior: float,
) -> list[tuple[str, str, int, int, float, float]]:
    n_i = sum(mine.values())
    n_j = n_total - n_i
    if n_i == 0 or n_j == 0 or top <= 0:
        return []
    scored = []
    for term, y_i in mine.items():
        if y_i < min_count or doc_freq[term] < min_docs:
            continue
        y_w = total[term]
        y_j = y_w - y_i
        alpha_w = prior * y_w / n_total
        log_odds = math.log((y_i + alpha_w) / (n_i + prior - y_i - alpha_w)) - math.log(
            (y_j + alpha_w) / (n_j + prior - y_j - alpha_w)
        )
        z = log_odds / math.sqrt(1.0 / (y_i + alpha_w) + 1.0 / (y_j + alpha_w))
        if z > 0:
            scored.append((outlet, term, y_i, y_j, log_odds, z))
    scored.sort(key=lambda r: (-r[5], r[1]))
    return scored[:top]


def small_corpus_warning(
    corpus: Corpus, *, min_outlet_words: int = MIN_OUTLET_WORDS, language: str | None = None
) -> str | None:
    """Return a warning when the corpus (or its articles in ``language``) is too small for distinctive terms."""
    words: Counter[str] = Counter()
    articles: Counter[str] = Counter()
    for doc in corpus.documents:
        if language is not None and base_language(doc.language) != base_language(language):
            continue
        articles[doc.outlet] += 1
        words[doc.outlet] += sum(
            count_words(p.text, doc.language) for p in corpus.passages_of(doc.doc_id) if p.is_article
        )
    if len(words) < MIN_OUTLETS:
        only = f" ({next(iter(words))})" if words else ""
        # Per language, the corpus may have many outlets and this language one: say which.
        name = LANGUAGE_NAMES_ALL.get(base_language(language), language) if language is not None else ""
        where = f"this corpus's {name} articles come from" if language is not None else "this corpus has"
        more = f" in {name}" if language is not None else ""
        return (
            f"Distinctive terms compare one outlet with the others, but {where} "
            f"{len(words)} outlet{'' if len(words) == 1 else 's'}{only}. Add articles from at "
            f"least one more outlet{more}."
        )
    smallest = min(words, key=lambda o: (words[o], o))
    if words[smallest] < min_outlet_words:
        n_docs = sum(articles.values())
        return (
            f"This corpus is too small for distinctive-term statistics to mean much: "
            f"{n_docs} article{'' if n_docs == 1 else 's'} and {sum(words.values()):,} article "
            f"words in all, and {smallest} has only {words[smallest]:,} "
            f"(about {min_outlet_words:,} words per outlet are needed before a z-score rests on "
            "more than a few uses). Read the terms as leads to check in the text, not as findings."
        )
    return None
