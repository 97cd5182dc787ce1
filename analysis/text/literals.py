"""What every match of a regular expression must contain, read from the pattern itself.

A scan with a pattern costs a pass over the text even when the text cannot hold a match;
testing for a few literals the pattern requires ("Jan" ... "Dec" for a month name, "/" for
1/13/26) costs a fraction of that. The literals are read from the pattern's parse tree, so
they follow the pattern when it changes: a rule edited or added is filtered correctly
without anyone declaring what it needs.

A requirement is a clause: every match holds one of its literals. A pattern has several
(all must hold): "June 13" needs a month name and a digit. The filter is conservative: it
may let a text through that holds no match, never the reverse.

Soundness rests on modelling what a literal or a class matches. Literals are read as ASCII
only, and ``\\d`` as 0-9: on a text holding a non-ASCII digit, or one of the four non-ASCII
letters that match an ASCII letter case-insensitively (İ ı ſ K, checked against all of
Unicode by tests/test_literals.py), every pattern is let through.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice, product
from math import prod
from operator import itemgetter, le, methodcaller
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

__all__ = [
    "FOLDS_TO_ASCII", "LiteralFilter", "first_characters", "led_by_first_characters", "longest_match", "match_spans",
    "required_literals",
]

# A clause: the literals (any one is in every match) and whether they are lower case, to be
# looked for in the lower-cased text (case-insensitive parts), or as written.
Clause = tuple[tuple[str, ...], bool]

_MAX_LITERALS = 64  # a clause or a run of fixed characters with more alternatives is not used
_MAX_CLASS = 12  # a character class with more members is not spelled out

# Characters outside ASCII that an ASCII letter matches case-insensitively, or that \d
# matches: a text holding one is not modelled (tests/test_literals.py checks the letters).
FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"
_DIGIT = re.compile("[0-9]")
# One class first (a non-ASCII digit is a \d that is not 0-9): the engine skips the characters
# outside it in one C loop, where two alternatives were tried at every character (every Korean,
# Japanese and Chinese passage is read by it: 2,000 Japanese articles 27 -> 16 ms).
_UNMODELLED = re.compile(f"[{FOLDS_TO_ASCII}\\d](?<![0-9])")

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


def _class_members(items: list[tuple[Any, Any]]) -> set[str] | None:
    """Return the characters of a small, positive ASCII class ([12], [5-9], \\d), else None."""
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL and isinstance(av, int) and av < 128:
            chars.add(chr(av))
        elif op is sre.RANGE and isinstance(av, tuple) and av[1] < 128:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        elif op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
            chars.update("0123456789")
        else:
            return None
        if len(chars) > _MAX_CLASS:
            return None
    return chars


def _fixed(data: Iterable[tuple[Any, Any]], fold: bool) -> set[str] | None:
    """Return every string a (small, finite) subpattern matches, lower-cased when ``fold``, else None."""
    out = {""}
    for op, av in data:
        item = _fixed_item(op, av, fold)
        if item is None:
            return None
        out = {a + b for a, b in product(out, item)}
        if len(out) > _MAX_LITERALS:
            return None
    return out


def _fixed_item(op: Any, av: Any, fold: bool) -> set[str] | None:
    """Return every string one item of a parse tree matches, else None (see ``_fixed``)."""
    if op is sre.LITERAL and isinstance(av, int) and av < 128:
        return {chr(av).lower() if fold else chr(av)}
    if op is sre.IN:
        chars = _class_members(av)
        return None if chars is None else {c.lower() if fold else c for c in chars}
    if op in _ZERO_WIDTH:
        return {""}
    if op is sre.SUBPATTERN:
        _, add, remove, sub = av
        # A group that switches case-insensitivity on or off is not joined to its neighbours:
        # one clause is looked for either as written or lower-cased, never half and half.
        return _fixed(sub.data, fold) if _folds(fold, add, remove) == fold else None
    if op is sre.ATOMIC_GROUP:
        return _fixed(av.data, fold)
    if op is sre.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            strings = _fixed(alternative.data, fold)
            if strings is None or len(out | strings) > _MAX_LITERALS:
                return None
            out |= strings
        return out
    if op in _REPEATS:
        low, high, sub = av
        if high == 0:
            return {""}
        strings = _fixed(sub.data, fold)
        if strings is None or high > 1:
            return None
        return strings | {""} if low == 0 else strings
    return None


def _folds(fold: bool, add: int, remove: int) -> bool:
    if add & sre.SRE_FLAG_IGNORECASE:
        return True
    return False if remove & sre.SRE_FLAG_IGNORECASE else fold


def _minimal(strings: set[str]) -> tuple[str, ...]:
    """Return the strings that hold none of the others (finding "Jan" answers for "January")."""
    return tuple(sorted(s for s in strings if not any(t != s and t in s for t in strings)))


def _clauses(data: Sequence[tuple[Any, Any]], fold: bool) -> list[tuple[set[str], bool]]:
    """Return the clauses a sequence of parse-tree items requires (see the module docstring)."""
    out: list[tuple[set[str], bool]] = []
    run: set[str] = {""}

    def close() -> None:
        nonlocal run
        if "" not in run:
            out.append((run, fold))
        run = {""}

    for op, av in _flat(data, fold):
        item = _fixed_item(op, av, fold)
        if item is not None:
            joined = {a + b for a, b in product(run, item)}
            if len(joined) <= _MAX_LITERALS:
                run = joined
                continue
            close()
            run = item if len(item) <= _MAX_LITERALS else {""}
            continue
        repeated = _fixed(av[2].data, fold) if op in _REPEATS and av[0] >= 1 else None
        if repeated is not None and "" not in repeated:
            # "\d{1,4}th": the first repetition follows what came before, the last one
            # precedes what comes after.
            joined = {a + b for a, b in product(run, repeated)}
            if len(joined) <= _MAX_LITERALS:
                run = joined
            close()
            run = repeated if len(repeated) <= _MAX_LITERALS else {""}
            continue
        close()
        out.extend(_inner_clauses(op, av, fold))
    close()
    return out


def _flat(data: Iterable[tuple[Any, Any]], fold: bool) -> Iterator[tuple[Any, Any]]:
    """Yield the items of a sequence with groups that keep the case rule opened in place."""
    for op, av in data:
        if op is sre.SUBPATTERN and _folds(fold, av[1], av[2]) == fold:
            yield from _flat(av[3].data, fold)
        else:
            yield op, av


def _inner_clauses(op: Any, av: Any, fold: bool) -> list[tuple[set[str], bool]]:
    """Return the clauses of one item that matches no small finite set of strings."""
    if op is sre.SUBPATTERN:
        _, add, remove, sub = av
        return _clauses(sub.data, _folds(fold, add, remove))
    if op is sre.ATOMIC_GROUP:
        return _clauses(av.data, fold)
    if op in _REPEATS:
        low, _, sub = av
        return _clauses(sub.data, fold) if low >= 1 else []
    if op is sre.BRANCH:
        # Every alternative must require something; the union of a clause of each holds. The
        # union of each one's best clause is not always the best union: "the '90s" or "'90s"
        # would need "the" or "90s" (any English sentence), where both need "90s".
        options = [_clauses(alternative.data, fold) for alternative in av[1]]
        if not all(options):
            return []
        greedy = [max(found, key=lambda c: _strength(c[0])) for found in options]
        combos = product(*options) if prod(map(len, options)) <= _MAX_COMBINATIONS else iter(())
        best: tuple[set[str], bool] | None = None
        for combo in itertools.chain([greedy], combos):
            union = _union(combo)
            # Ranked as tested: a literal holding another ("'90s", "90s") adds nothing.
            if len(union[0]) <= _MAX_LITERALS and (
                best is None or _strength(set(_minimal(union[0]))) > _strength(set(_minimal(best[0])))
            ):
                best = union
        return [best] if best is not None else []
    return []


_MAX_COMBINATIONS = 256  # clause choices weighed for the alternatives of one group


def _union(clauses: Iterable[tuple[set[str], bool]]) -> tuple[set[str], bool]:
    """Return the union of clauses, lower-cased when any of them is folded."""
    chosen = list(clauses)
    folded = any(f for _, f in chosen)
    union: set[str] = set()
    for strings, _ in chosen:
        union |= {s.lower() for s in strings} if folded else strings
    return union, folded


def _strength(strings: set[str]) -> tuple[int, int]:
    """Rank a clause: longer shortest literal first, then fewer literals."""
    return min(map(len, strings)), -len(strings)


def required_literals(pattern: re.Pattern[str]) -> tuple[Clause, ...]:
    """Return the clauses every match of ``pattern`` satisfies (modelled as the module says).

    Each clause is (literals, folded): the match (lower-cased when ``folded``) holds at least
    one of the literals. An empty tuple means nothing is required.
    """
    fold = bool(pattern.flags & re.IGNORECASE)
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    seen: dict[Clause, None] = {}
    for strings, folded in _clauses(parsed.data, fold):
        clause = (_minimal({s.lower() for s in strings} if folded else strings), folded)
        if all(clause[0]):
            seen[clause] = None
    # Strongest first: a text is turned away by the rarest literal before the others are tried.
    return tuple(sorted(seen, key=lambda c: _strength(set(c[0])), reverse=True))


class LiteralFilter:
    """Tell, per text, which of several patterns may match it, by the literals they require.

    Clauses several patterns share (a month name, a digit) are tested once per text.
    """

    def __init__(self, patterns: Sequence[re.Pattern[str]], *, declared: Sequence[Sequence[Clause]] = ()) -> None:
        """Prepare the clauses of ``patterns``.

        ``declared`` adds clauses per pattern that its owner vouches for; they are applied to
        every text, the clauses read from the patterns only to the texts the model covers.
        """
        table: dict[Clause, int] = {}
        self._needs: list[tuple[int, ...]] = []
        self._declared: list[tuple[int, ...]] = []
        for k, pattern in enumerate(patterns):
            own = [table.setdefault(c, len(table)) for c in (declared[k] if k < len(declared) else ())]
            read = [table.setdefault(c, len(table)) for c in required_literals(pattern)]
            self._declared.append(tuple(own))
            # Declared clauses first, then the rarest literals: a text is turned away sooner
            # (on BASIL prose 10% faster than the fewest literals first).
            self._needs.append(tuple(dict.fromkeys(own + read)))
        # Each clause by its number across all filters (_CLAUSES): one filter's answer for a
        # text serves the next filter asking about the same text.
        ids = [_clause_id(clause) for clause in table]
        self._count = len(patterns)
        # Per kind of text, the patterns it may hold (none of whose clauses is left without
        # literals), grouped: a Japanese sentence without Latin letters asks nothing of the cues.
        empty = [[not any(s for s in lits if not (d and _DIGIT.search(s) or t and _LETTER.search(s))) for d, t in _KINDS]
                 for lits, _ in table]
        self._modelled = [self._grouped(self._needs, [e[kind] for e in empty], ids) for kind in range(len(_KINDS))]
        self._unmodelled = [self._grouped(self._declared, [e[kind] for e in empty], ids) for kind in range(len(_KINDS))]

    @staticmethod
    def _grouped(
        needs: list[tuple[int, ...]], empty: list[bool], ids: list[int]
    ) -> list[tuple[int, list[tuple[int, tuple[int, ...]]]]]:
        # Patterns by their first clause: a clause that fails turns its whole group away at once
        # (the dates' 35 patterns, one at a time, cost 11 us a passage before any literal was read).
        # The clauses are numbered as in _CLAUSES.
        groups: dict[int, list[tuple[int, tuple[int, ...]]]] = {}
        for p, need in enumerate(needs):
            if any(empty[c] for c in need):
                continue
            first, rest = (ids[need[0]], tuple(ids[c] for c in need[1:])) if need else (-1, ())
            groups.setdefault(first, []).append((p, rest))
        return list(groups.items())

    def possible(self, text: str) -> list[bool]:
        """Return, per pattern, False when it cannot match anywhere in ``text``."""
        reading = _last[0]
        if reading[0] is not text and reading[0] != text:
            reading = _last[0] = _reading(text)
        clauses = _CLAUSES
        if len(reading[4]) < len(clauses):  # a filter made since this text was read
            if reading[5] is not reading[0] and _SPACED:  # read as words, and a literal with a space since
                reading = _last[0] = _reading(text)
            else:
                reading[4].extend([None] * (len(clauses) - len(reading[4])))
        _, modelled, kind, low, known, plain = reading
        out = [False] * self._count
        for first, members in (self._modelled if modelled else self._unmodelled)[kind]:
            if first >= 0:
                holds = known[first]
                if holds is None:
                    tests, folded = clauses[first]
                    holds = known[first] = tests[kind](low if folded else plain)
                if not holds:
                    continue
            for p, rest in members:
                for k in rest:
                    holds = known[k]
                    if holds is None:
                        tests, folded = clauses[k]
                        holds = known[k] = tests[kind](low if folded else plain)
                    if not holds:
                        break
                else:
                    out[p] = True
        return out


def _reading(text: str) -> tuple[str, bool, int, str, list[bool | None], str]:
    """Return what ``possible`` reads of a text: it, whether the model covers it, its kind, the
    texts the clauses are tested on (lower-cased, as is) and no clause answered yet."""
    modelled = text.isascii() or not _UNMODELLED.search(text)
    # Which of _KINDS the text is (outside the model, lower-casing can make ASCII letters).
    kind = (not _DIGIT.search(text)) * 2 + (modelled and not _LETTER.search(text))
    if len(text) >= _LONG_TEXT and not _SPACED:
        # No literal holds white space or a NUL: one is in the text exactly when it is in one
        # of its distinct words, joined by NULs. A long text repeating itself is read as its
        # few words (the 600 KB anchored-dates case: 28 ms of failing scans of the whole text
        # for 17 ms of splitting); one that does not is read as at most itself. The words
        # lower-cased are the lower-cased words (lower-casing makes or removes no white space):
        # split once, 17 -> 9 ms.
        plain = _words_joined(text)
        low = plain.lower()
    else:
        low, plain = text.lower(), text
    return text, modelled, kind, low, [None] * len(_CLAUSES), plain


def _words_joined(text: str) -> str:
    """Return the distinct white-space-separated words of ``text``, joined by NULs."""
    return "\0".join(set(text.split()))


_LONG_TEXT = 10_000  # characters from which a text's clauses are tested on its distinct words
# The clauses some literal of which holds white space or a NUL (none so far: then long texts
# are tested as themselves).
_SPACED: set[int] = set()


# The kinds of text a clause is tested on, in the order of LiteralFilter.possible's ``kind``:
# (without digits, without ASCII letters).
_KINDS = ((False, False), (False, True), (True, False), (True, True))
_LETTER = re.compile("[A-Za-z]")

# Every filter's clauses, numbered: per clause and per kind of text, a test for the literals
# such a text can hold, and whether it is read folded. A text without digits holds no literal
# with a digit (most prose sentences have none, and years alone are sixty literals); one
# without ASCII letters (most Japanese, Korean and Chinese sentences) none with a letter: a
# clause left without literals fails.
_CLAUSES: list[tuple[tuple[Callable[[str], bool], ...], bool]] = []
_CLAUSE_IDS: dict[Clause, int] = {}

# The text asked about last, with its kind, lower-cased, and what each clause answered for it
# (None: not asked yet). A passage is asked about by several filters in turn (its dates,
# ordinals, numbers, the phrases pointing back, the source cues): it is read once, and a clause
# two filters share is tested once (400 KB of prose in one line, 2,830 passages: 86 -> 73 ms).
# One tuple, replaced whole: a thread reading another text keeps its own.
_last: list[tuple[str | None, bool, int, str, list[bool | None], str]] = [(None, True, 0, "", [], "")]


def _clause_id(clause: Clause) -> int:
    """Return the number of a clause in _CLAUSES, adding its tests the first time."""
    if clause not in _CLAUSE_IDS:
        lits, folded = clause
        if any(ch.isspace() or ch == "\0" for literal in lits for ch in literal):
            _SPACED.add(len(_CLAUSES))
        _CLAUSE_IDS[clause] = len(_CLAUSES)
        _CLAUSES.append((
            tuple(_any_of(tuple(s for s in lits if not (no_digit and _DIGIT.search(s) or no_letter and _LETTER.search(s))))
                  for no_digit, no_letter in _KINDS),
            folded,
        ))
    return _CLAUSE_IDS[clause]


def _any_of(literals: tuple[str, ...]) -> Callable[[str], bool]:
    """Return a test of whether a text holds any of ``literals`` (none: a test that always fails)."""
    if not literals:
        return lambda text: False
    if len(literals) <= _FEW_LITERALS:
        return lambda text: any(map(text.__contains__, literals))
    # One scan for them all: a text holding none was read once per literal (the sixty year
    # prefixes "150" ... "209" read the 600 KB anchored-dates case sixty times: 49 -> 5 ms).
    search = re.compile(_branching(literals)).search
    return lambda text: search(text) is not None


def _branching(literals: Iterable[str]) -> str:
    """Return a pattern matching where any of ``literals`` starts, one character at a time.

    The alternatives share their first characters ("0(?:nd|rd|st|th)|1(?:nd|...)"): at a digit
    the engine tries ten branches, not the hundred "0nd" ... "9th" (the ordinal suffixes over
    the 600 KB anchored-dates case: 18.6 -> 5.3 ms; its filters 57 -> 41 ms). Whether a text holds one is all it answers.
    """
    rests: dict[str, list[str]] = {}
    for literal in literals:
        rests.setdefault(literal[0], []).append(literal[1:])
    parts = []
    for first, after in sorted(rests.items()):
        if "" in after or len(after) == 1:  # the character alone is a literal, or one literal starts with it
            parts.append(re.escape(first + min(after, key=len)))
        else:
            parts.append(f"{re.escape(first)}(?:{_branching(after)})")
    return "|".join(parts)


# Up to this many literals, substring tests beat one scan on a sentence. The four claim
# filters over BASIL's 7,984 sentences: 0.31 s with tests only, 0.35 s with a scan for every
# clause, 0.29 s with scans above eight; on the 600 KB anchored-dates case 0.106 -> 0.060 s.
_FEW_LITERALS = 8


def longest_match(pattern: re.Pattern[str]) -> int:
    """Return the most characters a match of ``pattern`` can span (look-arounds span none)."""
    return int(_parser.parse(pattern.pattern, pattern.flags).getwidth()[1])


def first_characters(pattern: re.Pattern[str]) -> str | None:
    """Return a character class (``[...]``) holding the first character of every match, else None.

    None when the pattern can match the empty string or starts with something not modelled
    (``\\w``, a negated class, a group reference). Case-insensitive letters stand for both cases
    and for the four non-ASCII characters that match an ASCII letter ignoring case; ``\\d`` and
    ``\\s`` stay as they are (every Unicode digit and space).
    """
    fold = bool(pattern.flags & re.IGNORECASE)
    found, nullable = _first_of(_parser.parse(pattern.pattern, pattern.flags).data, fold)
    if found is None or nullable or not found:
        return None
    return "[" + "".join(sorted(found)) + "]"


def led_by_first_characters(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """Return ``pattern`` behind a lookahead for its first characters: the same matches, found sooner.

    A pattern that opens with ``\\b`` and alternatives ("January|February|...") tries them at
    every word boundary; the lookahead turns most positions away on one character. The 35 date
    patterns over the 600 KB anchored-dates benchmark case: 0.66 -> 0.36 s.
    """
    lead = first_characters(pattern)
    if lead is None:
        return pattern
    # Global inline flags ("(?m)") must stay first.
    flags = _GLOBAL_FLAGS.match(pattern.pattern)
    head = flags.group() if flags else ""
    return re.compile(f"{head}(?={lead})" + pattern.pattern[len(head):], pattern.flags)


_GLOBAL_FLAGS = re.compile(r"(?:\(\?[aiLmsux]+\))+")


def match_spans(pattern: re.Pattern[str]) -> Callable[[str], list[tuple[int, int]]]:
    """Return a function giving the spans of ``pattern.finditer(text)``, found sooner.

    A pattern that opens with a lookahead or ``\\b`` is tried by the engine at every position
    of the text; one that opens with a (case-sensitive) character class is skipped to by the
    engine's own loop in C. So the text is searched for the first characters as such a class,
    the pattern itself read from the character found as a lookahead inside a one-character
    look-behind, which captures the whole match: the same matches, one after the other as
    ``finditer`` takes them (the ten date scans of the 600 KB anchored-dates case, spans listed:
    97 -> 84 ms; all 31 over 400 KB of prose as one text: 220 -> 172 ms).
    A pattern this cannot rewrite (no first characters, verbose or global inline flags, a group
    referred to by number) is scanned as it is. tests/test_literals.py checks the spans are finditer's.
    """
    lead = first_characters(pattern)
    body, flags = pattern.pattern, pattern.flags
    if lead is None or flags & re.VERBOSE or _GLOBAL_FLAGS.match(body) or _REFERS_TO_GROUP.search(body):
        finditer = pattern.finditer
        return lambda text: [m.span() for m in finditer(text)]
    if flags & re.IGNORECASE:
        # The class leads case-sensitively (it holds both cases already); the pattern keeps its case rule.
        body, flags = f"(?i:{body})", flags & ~re.IGNORECASE
    finditer = re.compile(f"{lead}(?<=(?=({body}))(?s:.))", flags).finditer

    def spans(text: str) -> list[tuple[int, int]]:
        # Every start where the pattern matches, with its match's span, read in C: the matches
        # finditer takes are those starting where the one taken before ends or later (one
        # search per match, from Python, cost the anchored-dates case 4 ms more).
        found = list(map(_WHOLE, finditer(text)))
        if len(found) < 2 or all(map(le, map(_END, found), map(_START, islice(found, 1, None)))):
            return found  # none starts inside the one before it
        out = []
        at = 0
        for span in found:
            if span[0] >= at:
                out.append(span)
                at = span[1]
        return out

    return spans


_WHOLE = methodcaller("span", 1)
_START = itemgetter(0)
_END = itemgetter(1)


# A reference to a group by number ("\\1", "(?(1)...)") or name ("(?P=n)"): wrapping the pattern in
# a group would renumber the first kind; a pattern with any is scanned as it is.
_REFERS_TO_GROUP = re.compile(r"\\[1-9]|\(\?\(|\(\?P=")


def _first_of(data: Iterable[tuple[Any, Any]], fold: bool) -> tuple[set[str] | None, bool]:
    """Return the (escaped) first characters of a sequence of items, and whether it can match empty."""
    out: set[str] = set()
    for op, av in data:
        if op in _ZERO_WIDTH:
            continue
        found, nullable = _first_item(op, av, fold)
        if found is None:
            return None, False
        out |= found
        if not nullable:
            return out, False
    return out, True


def _first_item(op: Any, av: Any, fold: bool) -> tuple[set[str] | None, bool]:
    """Return the (escaped) first characters of one item, and whether it can match empty."""
    if op is sre.LITERAL:
        return _cases(chr(av), fold), False
    if op is sre.IN:
        return _first_in_class(av, fold), False
    if op is sre.SUBPATTERN:
        _, add, remove, sub = av
        return _first_of(sub.data, _folds(fold, add, remove))
    if op is sre.ATOMIC_GROUP:
        return _first_of(av.data, fold)
    if op is sre.BRANCH:
        out: set[str] = set()
        any_empty = False
        for alternative in av[1]:
            found, nullable = _first_of(alternative.data, fold)
            if found is None:
                return None, False
            out |= found
            any_empty = any_empty or nullable
        return out, any_empty
    if op in _REPEATS:
        low, high, sub = av
        if high == 0:
            return set(), True
        found, nullable = _first_of(sub.data, fold)
        return found, nullable or low == 0
    return None, False


def _first_in_class(items: list[tuple[Any, Any]], fold: bool) -> set[str] | None:
    """Return the (escaped) characters of a positive class of literals, ranges, ``\\d`` and ``\\s``, else None."""
    out: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            found = _cases(chr(av), fold)
        elif op is sre.RANGE and av[1] - av[0] < 64:
            found = set()
            for code in range(av[0], av[1] + 1):
                one = _cases(chr(code), fold)
                if one is None:
                    return None
                found |= one
        elif op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
            found = {"\\d"}
        elif op is sre.CATEGORY and av is sre.CATEGORY_SPACE:
            found = {"\\s"}
        else:
            return None
        if found is None:
            return None
        out |= found
    return out


def _cases(char: str, fold: bool) -> set[str] | None:
    """Return a character as it may stand in the text (both cases, ignoring case), escaped; None outside ASCII."""
    if not fold or not char.isalpha():
        return {re.escape(char)}
    if not char.isascii():
        return None
    return {char.lower(), char.upper(), *FOLDS_TO_ASCII}
