"""The framing lexicon: canonical terms grouped by frame, each with the variants that count as it.

The lexicon is a small TOML file a journalist can edit by hand (format: docs/lexicon.md).
Each top-level table is a frame; each key in it is a canonical term; its value lists the other
forms that count as that term::

    [hawkishness]
    hawk = ["hawks", "hawkish", "hawkishness"]
    hardline = ["hard-line", "hardliner", "hardliners"]

Records are frozen and hashable, so the dashboard can cache on them (or on
``lexicon_to_toml(lexicon)``).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

# Letters, digits, spaces, hyphens/dashes, apostrophes, periods, ampersands and the * wildcard.
_VARIANT_OK = re.compile(r"[\w][\w\s\-‐‑‒–'’.&*]*")
_SPACES = re.compile(r"\s+")
_WORD_SPLIT = re.compile(r"[\s\-‐‑‒–]+")
# Limits that keep matching fast whatever a hand-edited lexicon holds.
MAX_FORM_LENGTH = 80  # characters in one form
MAX_FORM_WORDS = 8  # words in one form
MAX_FORMS = 50  # forms of one term, the term included
_TOML_LINE = re.compile(r"at line (\d+)")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


class LexiconError(ValueError):
    """A lexicon that cannot be used: the problem, its 1-based line and the file, when known."""

    def __init__(self, message: str, line: int | None = None, path: str | None = None) -> None:
        self.message = message
        self.line = line
        self.path = path
        where = ", ".join(
            part for part in (path, f"line {line}" if line is not None else None) if part
        )
        super().__init__(f"{where}: {message}" if where else message)


def _clean(form: str) -> str:
    return _SPACES.sub(" ", form.strip())


def _check_form(form: str, *, what: str, line: int | None = None) -> str:
    cleaned = _clean(form)
    if not cleaned:
        raise LexiconError(f"{what} is empty", line)
    if len(cleaned) > MAX_FORM_LENGTH:
        raise LexiconError(
            f"{what} {cleaned[:40]!r}... is {len(cleaned)} characters long; at most "
            f"{MAX_FORM_LENGTH} are allowed",
            line,
        )
    if not _VARIANT_OK.fullmatch(cleaned) or cleaned.replace("*", "") == "":
        raise LexiconError(
            f"{what} {cleaned!r} may only contain letters, digits, spaces, hyphens, apostrophes, "
            "periods, ampersands and the * wildcard, and must start with a letter or digit",
            line,
        )
    words = [w for w in _WORD_SPLIT.split(cleaned) if w]
    if len(words) > MAX_FORM_WORDS:
        raise LexiconError(
            f"{what} {cleaned!r} has {len(words)} words; at most {MAX_FORM_WORDS} are allowed", line
        )
    for word in words:
        if word.count("*") > 1:
            # Two wildcards in one word ("a*a*b") make matching take exponential time on
            # some texts; one is all an inflection needs.
            raise LexiconError(
                f"{what} {cleaned!r} has {word.count('*')} wildcards in {word!r}; "
                "a word may hold one * at most",
                line,
            )
    return cleaned


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One canonical term of a frame and the other forms that count as it.

    ``variants`` excludes the term itself (it always matches); blanks and duplicates
    (case-insensitive) are dropped when the entry is built.
    """

    term: str
    frame: str
    variants: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        term = _check_form(self.term, what="term")
        frame = _clean(self.frame)
        if not frame:
            raise LexiconError(f"term {term!r} has an empty frame name")
        seen = {term.casefold()}
        variants: list[str] = []
        for v in self.variants:
            form = _check_form(v, what=f"variant of {term!r}")
            if form.casefold() not in seen:
                seen.add(form.casefold())
                variants.append(form)
        if len(variants) + 1 > MAX_FORMS:
            raise LexiconError(
                f"term {term!r} has {len(variants) + 1} forms; at most {MAX_FORMS} are allowed "
                "(use a * wildcard for inflections)"
            )
        object.__setattr__(self, "term", term)
        object.__setattr__(self, "frame", frame)
        object.__setattr__(self, "variants", tuple(variants))

    @property
    def forms(self) -> tuple[str, ...]:
        """Return every form that counts as this term: the term first, then its variants."""
        return (self.term, *self.variants)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Lexicon entries grouped by frame, in file order; a term belongs to exactly one frame.

    Entries are regrouped by frame (frames in order of first appearance, terms in order
    within a frame) when the lexicon is built, so it reads back from TOML unchanged.
    """

    entries: tuple[LexiconEntry, ...] = ()

    def __post_init__(self) -> None:
        entries = tuple(e for group in _by_frame(self.entries).values() for e in group)
        seen: dict[str, str] = {}
        for e in entries:
            key = e.term.casefold()
            if key in seen:
                raise LexiconError(
                    f"term {e.term!r} appears twice (frames {seen[key]!r} and {e.frame!r})"
                )
            seen[key] = e.frame
        object.__setattr__(self, "entries", entries)

    @property
    def frames(self) -> tuple[str, ...]:
        """Return the frame names in order of first appearance."""
        return tuple(dict.fromkeys(e.frame for e in self.entries))

    @property
    def terms(self) -> tuple[str, ...]:
        """Return the canonical terms in file order."""
        return tuple(e.term for e in self.entries)

    def entry(self, term: str) -> LexiconEntry:
        """Return the entry for a canonical term (case-insensitive; KeyError when absent)."""
        key = _clean(term).casefold()
        for e in self.entries:
            if e.term.casefold() == key:
                return e
        raise KeyError(term)

    def entries_of(self, frame: str) -> tuple[LexiconEntry, ...]:
        """Return the entries of one frame in file order."""
        return tuple(e for e in self.entries if e.frame == frame)

    def with_entry(self, term: str, frame: str, variants: Iterable[str] = ()) -> Lexicon:
        """Return a lexicon with this entry added, or replacing the entry with the same term."""
        new = LexiconEntry(term, frame, tuple(variants))
        key = new.term.casefold()
        replaced = False
        entries: list[LexiconEntry] = []
        for e in self.entries:
            if e.term.casefold() == key:
                entries.append(new)
                replaced = True
            else:
                entries.append(e)
        if not replaced:
            entries.append(new)
        return Lexicon(tuple(entries))

    def without_entry(self, term: str) -> Lexicon:
        """Return a lexicon without the entry for this term (unchanged when absent)."""
        key = _clean(term).casefold()
        return Lexicon(tuple(e for e in self.entries if e.term.casefold() != key))


def parse_lexicon(text: str) -> Lexicon:
    """Return the lexicon written in ``text`` (TOML, format in docs/lexicon.md).

    Raises LexiconError naming the line of the first problem.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        if found:
            line: int | None = int(found.group(1))
        elif "end of document" in str(exc):
            line = max(1, len(text.splitlines()))
        else:
            line = None
        reason = _TOML_LINE.sub("", str(exc)).replace("(, column", "(column")
        reason = reason.replace(" (at end of document)", " at the end of the file").strip()
        raise LexiconError(f"not valid TOML: {reason}", line) from exc
    locate = _Locator(text)
    entries: list[LexiconEntry] = []
    seen: dict[str, str] = {}
    for frame, terms in data.items():
        if not isinstance(terms, dict):
            raise LexiconError(
                f"{frame!r} must be a frame table like [{frame}] with term = [variants] lines",
                locate.key(None, frame),
            )
        if not terms:
            raise LexiconError(f"frame {frame!r} has no terms", locate.table(frame))
        for term, variants in terms.items():
            try:
                entries.append(_entry(frame, term, variants, seen))
            except LexiconError as exc:
                # Lines are looked up only for the error: locating every term read the text twice.
                raise LexiconError(exc.message, locate.key(frame, term)) from None
    return Lexicon(tuple(entries))


def _entry(frame: str, term: str, variants: object, seen: dict[str, str]) -> LexiconEntry:
    """Return the entry of one ``term = variants`` line of a frame, noting its term in ``seen``."""
    if isinstance(variants, dict):
        variants = _forms_by_language(term, variants)
    if isinstance(variants, str):
        variants = [variants]
    if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
        raise LexiconError(
            f"the variants of {term!r} must be a list of strings, "
            f'like {json.dumps(term)} = ["variant one", "variant two"]'
        )
    entry = LexiconEntry(term, frame, tuple(variants))
    key = entry.term.casefold()
    if key in seen:
        raise LexiconError(f"term {entry.term!r} is already in frame {seen[key]!r}; a term belongs to one frame")
    seen[key] = frame
    return entry


_LANGUAGE_KEY = re.compile(r"[a-z]{2,3}(?:-[A-Za-z]{2,4})?")


def _forms_by_language(term: str, table: dict) -> list[str]:
    """Return the forms of a per-language table (``{en = [...], ko = [...]}``) as one list.

    Languages only organise the file: each form matches in the text of its own script
    (framing.hits), so the forms are kept in file order, languages one after another.
    """
    forms: list[str] = []
    for language, listed in table.items():
        if not _LANGUAGE_KEY.fullmatch(language):
            raise LexiconError(
                f"{language!r} in the forms of {term!r} is not a language code (en, ko, ja, zh, ...)"
            )
        if isinstance(listed, str):
            listed = [listed]
        if not isinstance(listed, list) or not all(isinstance(v, str) for v in listed):
            raise LexiconError(f'the {language} forms of {term!r} must be a list of strings, like {language} = ["..."]')
        forms.extend(listed)
    return forms


def load_lexicon(path: str | Path) -> Lexicon:
    """Return the lexicon stored in a TOML file (LexiconError names the file and line)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"cannot read lexicon ({exc})", path=str(p)) from exc
    try:
        return parse_lexicon(text)
    except LexiconError as exc:
        raise LexiconError(exc.message, exc.line, str(p)) from None


# The lexicons shipped with Parallax (analysis/data/<name>.toml), one per beat, by name and title.
# The first is the default: it was written for the bundled seeds, a Korea–Japan summit.
LEXICON_PRESETS: dict[str, str] = {
    "diplomacy": "Korea–Japan diplomacy",
    "us_politics": "US politics",
    "economy": "Economy",
}
DEFAULT_PRESET = "diplomacy"


def preset_lexicon(name: str) -> Lexicon:
    """Return the lexicon shipped for one beat (a key of ``LEXICON_PRESETS``)."""
    if name not in LEXICON_PRESETS:
        raise LexiconError(f"no lexicon preset named {name!r} (presets: {', '.join(LEXICON_PRESETS)})")
    path = f"data/{name}.toml"
    try:
        return parse_lexicon(resources.files("analysis").joinpath(path).read_text(encoding="utf-8"))
    except LexiconError as exc:
        raise LexiconError(exc.message, exc.line, f"analysis/{path}") from None


def default_lexicon() -> Lexicon:
    """Return the default lexicon: the Korea–Japan diplomacy preset."""
    return preset_lexicon(DEFAULT_PRESET)


def lexicon_to_toml(lexicon: Lexicon) -> str:
    """Return the lexicon as TOML text that parse_lexicon reads back to an equal lexicon."""
    lines = ["# Parallax framing lexicon: [frame] tables of  term = [variants]  (docs/lexicon.md)"]
    for frame, entries in _by_frame(lexicon.entries).items():
        lines.append("")
        lines.append(f"[{_toml_key(frame)}]")
        for e in entries:
            variants = ", ".join(json.dumps(v, ensure_ascii=False) for v in e.variants)
            lines.append(f"{_toml_key(e.term)} = [{variants}]")
    return "\n".join(lines) + "\n"


def _by_frame(entries: Iterable[LexiconEntry]) -> dict[str, list[LexiconEntry]]:
    """Return the entries grouped by frame, frames in order of first appearance (one pass)."""
    groups: dict[str, list[LexiconEntry]] = {}
    for e in entries:
        groups.setdefault(e.frame, []).append(e)
    return groups


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else json.dumps(key, ensure_ascii=False)


class _Locator:
    """Find the line of a table header or key in TOML text, for error messages.

    The text is read into an index of first lines on the first look-up, that is only when a
    lexicon has an error (a scan of all lines per term made a 16,000-term lexicon take 87 s).
    """

    _HEADER = re.compile(r"^\s*\[\s*(?P<name>\"(?:[^\"\\]|\\.)*+\"|'[^']*+'|[A-Za-z0-9_-]++)\s*\]")
    _KEY = re.compile(r"^\s*(?P<name>\"(?:[^\"\\]|\\.)*+\"|'[^']*+'|[A-Za-z0-9_-]++)\s*=")

    def __init__(self, text: str) -> None:
        self._text = text
        self._tables: dict[str, int] = {}
        self._keys: dict[tuple[str | None, str], int] = {}
        self._read = False

    def _index(self) -> None:
        if self._read:
            return
        self._read = True
        current: str | None = None
        for i, raw in enumerate(self._text.splitlines(), 1):
            header = self._HEADER.match(raw)
            if header:
                current = self._unquote(header.group("name"))
                self._tables.setdefault(current, i)
                continue
            m = self._KEY.match(raw)
            if m:
                self._keys.setdefault((current, self._unquote(m.group("name"))), i)

    @staticmethod
    def _unquote(name: str) -> str:
        if name.startswith('"'):
            try:
                return str(json.loads(name))
            except ValueError:
                return name.strip('"')
        return name.strip("'")

    def table(self, frame: str) -> int | None:
        """Return the line of the first ``[frame]`` header."""
        self._index()
        return self._tables.get(frame)

    def key(self, frame: str | None, key: str) -> int | None:
        """Return the first line of ``key = ...`` in ``[frame]``; with no frame, a top-level key or a header."""
        self._index()
        found = [self._keys.get((frame, key))]
        if frame is None:
            found.append(self._tables.get(key))
        lines = [n for n in found if n is not None]
        return min(lines) if lines else None
