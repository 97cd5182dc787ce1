"""Bytes -> text: UTF-8/16/32 with or without BOM, Western code pages, a refusal for binary or damaged text."""

from __future__ import annotations

import re
import unicodedata


class UnreadableFile(Exception):
    """A file that cannot be turned into documents, with the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


# What must never reach a log line or a message raw: C0/C1 controls (newlines and U+0085 forge log
# lines), line and paragraph separators, lone surrogates (file names that are not UTF-8 decode to
# them, and they cannot be written out) and the bidi controls that reorder a terminal line.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """Return ``text`` with control, separator, surrogate and bidi characters written as escapes.

    For file names and messages shown on one line: a name holding a newline shows it as the two
    characters ``\\n``, so it cannot start a forged line of its own. Applying it twice changes
    nothing more.
    """
    return _UNPRINTABLE.sub(lambda m: _SHORT.get(m[0]) or f"\\u{ord(m[0]):04x}", text)


def without_surrogates(text: str) -> tuple[str, int]:
    """Return ``text`` with every lone surrogate replaced by U+FFFD, and how many there were.

    JSON escapes such as ``\\ud800`` decode to them; they cannot be encoded as UTF-8, so one in
    a document would break every export and page that shows it.
    """
    # Only a surrogate stops UTF-8 encoding, which runs in C at memory speed: a text without one
    # (nearly all) costs that, not a pattern's scan (400 KB of prose: 1.2 -> 0.35 ms, and every
    # loaded document is checked twice, by the loader and the corpus).
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.subn("\ufffd", text)
    return text, 0


# Non-ASCII characters that Windows-1252 text in Western European languages is made of. A
# cp1252 decoding that yields anything else (³ ¹ ¾ ð þ ý Ð ...) is some other code page read wrong.
_WESTERN = frozenset(
    "àâäáãåæçéèêëíìîïñóòôöõøœùúûüÿßÀÂÄÁÃÅÆÇÉÈÊËÍÌÎÏÑÓÒÔÖÕØŒÙÚÛÜŸ"
    "“”‘’„‚«»–—…•·€£¥¢§©®™°±×÷¼½¡¿ªº\u00a0"
)


def decode_bytes(data: bytes, name: str) -> str:
    """Decode article bytes: BOMs first, then strict UTF-8, then a checked legacy encoding.

    Raises UnreadableFile for binary data or text whose encoding cannot be told reliably,
    rather than returning mojibake.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", name)
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return _strict(data, "utf-32", name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", name)
    if b"\x00" in data[:65536]:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise UnreadableFile(name, "binary data (NUL bytes), not a text file")
        return _strict(data, utf16, name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _legacy(data, name, exc)
    _reject_binary_text(text, name)
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """Return "utf-16-le"/"utf-16-be" when NUL bytes sit at every other position (ASCII-heavy UTF-16)."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.6 and even < 0.05:
        return "utf-16-le"
    if even > 0.6 and odd < 0.05:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(name, f"not valid {encoding.upper()}: byte {exc.start} is invalid") from None
    text = text.lstrip("\ufeff")
    _reject_binary_text(text, name)
    return text


def _legacy(data: bytes, name: str, err: UnicodeDecodeError) -> str:
    from charset_normalizer import from_bytes

    where = f"invalid UTF-8 at byte {err.start}"
    repaired = data.decode("utf-8", errors="replace")
    if any(ord(ch) > 0x7F and ch != "\ufffd" for ch in repaired):
        # Real multi-byte UTF-8 sequences next to invalid bytes: a damaged UTF-8 file, not a legacy one.
        raise UnreadableFile(name, f"{where} in an otherwise UTF-8 file (damaged or mixed encodings); repair it or save it as UTF-8")
    # Windows-1252 is by far the commonest legacy encoding of news text; detectors confuse it with
    # cp1250/cp1254. Take it when every non-ASCII character it yields is one Western text uses.
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = ""
    if western and all(ch.isascii() or ch in _WESTERN for ch in western):
        _reject_binary_text(western, name)
        return western
    best = from_bytes(data).best()
    if best is None:
        raise UnreadableFile(name, f"{where}, and no other encoding fits; save it as UTF-8")
    encoding = best.encoding
    text = str(best)
    # Accept a legacy guess only when it is plausible text: its non-ASCII characters are letters
    # or common punctuation, and there are no C1 controls.
    odd = [ch for ch in text if not ch.isascii() and not ch.isalpha() and ch not in _WESTERN]
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    if best.chaos > 0.2 or controls or len(odd) > max(2, len(text) // 500):
        raise UnreadableFile(
            name, f"{where}; the encoding could not be determined reliably (best guess {encoding}); save it as UTF-8"
        )
    if encoding.replace("_", "").lower() in {"utf8", "ascii"}:
        raise UnreadableFile(name, f"{where}; save it as valid UTF-8")
    suspicious = sorted({ch for ch in text if ch in "þðýÞÐÝ"})
    if suspicious and encoding.lower().replace("-", "_") in {"cp1252", "latin_1", "iso8859_1", "iso8859_15", "mac_roman"}:
        # Icelandic letters in a Western reading are the signature of another code page (Turkish
        # cp1254 ş ı ğ) read as cp1252: refuse rather than show mojibake.
        raise UnreadableFile(
            name, f"{where}; the legacy encoding is ambiguous ({encoding} gives {''.join(suspicious)}); save it as UTF-8"
        )
    return text


_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _reject_binary_text(text: str, name: str) -> None:
    sample = text[:65536]
    if not sample:
        return
    # The Cc category is exactly U+0000-001F and U+007F-009F; counted by a regex in C, not per
    # character in Python.
    controls = len(_CONTROLS.findall(sample))
    if controls > max(8, len(sample) // 100):
        raise UnreadableFile(name, "binary data (control characters), not a text file")
