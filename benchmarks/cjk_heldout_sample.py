"""Print the sentences the held-out date and ordinal set (cjk_claims_heldout.json) was annotated from.

Sentences of Korean and Japanese Wikinews and of FLORES-200 zho_Hans that hold a date- or
ordinal-like pattern (broader than Parallax's rules, so that the sample does not favour what they
find), from documents not in tests/fixtures/cjk_claims.json, shuffled with random.Random(1212):
the first 50 per language, each with its record id, reference date and offset, the patterns
marked 【】. Every date and ordinal expression in them was then annotated by hand.

Round 2 (cjk_claims_heldout2.json), drawn after the rules were fixed on round 1 and never used to
fix them: random.Random(1213), documents of neither the fixture nor round 1, 20 per language.

    .venv/bin/python benchmarks/cjk_heldout_sample.py ko [2]
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from paths import corpora_dir

from analysis.text.segmenting import paragraph_spans, sentence_spans

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "cjk_claims.json"
ROUND_ONE = Path(__file__).resolve().parent / "cjk_claims_heldout.json"
ROUNDS = {1: (1212, 50), 2: (1213, 20)}  # seed, sentences per language
TRIGGERS = {
    "ko": re.compile(
        r"\d+\s?(?:년|월|일)|(?<![가-힣])(?:지난달|지난해|지난주|올해|작년|내년|이날|어제|오늘|내일|전날|이튿날"
        r"|다음날|이달|다음 달|다음달|금년)|번째|제\s?\d+\s?(?:차|회|대)|\d+\s?(?:차|회째)(?![가-힣])|첫째|둘째"
    ),
    "ja": re.compile(
        r"\d+\s?[年月日]|[一二三四五六七八九十〇]+[年月日]|昨年|去年|今年|来年|先月|今月|来月|先週|今週|来週|昨日"
        r"|今日|明日|同日|本日|一昨年|第[\d一二三四五六七八九十百千]+|\d+(?:回目|度目|番目|代目|人目)|初の|初めて"
        r"|(?:平成|昭和|令和)\d+年"
    ),
    "zh": re.compile(
        r"\d+\s?[年月日号]|[一二三四五六七八九十〇零]+[年月日号]|去年|今年|明年|前年|上周|本周|下周|上个月|下个月"
        r"|本月|昨天|今天|明天|当天|当日|第\s?[\d一二三四五六七八九十百千]+|首次|首届|首度"
    ),
}
_FULL_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def records(language: str) -> Iterator[dict]:
    """Yield the corpus records of one language."""
    root = corpora_dir()
    path = root / "flores200_cjk" / "documents.jsonl" if language == "zh" else root / f"wikinews_{language}" / "articles.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if language != "zh" or record.get("flores_code") == "zho_Hans":
            yield record


def reference_of(language: str, record: dict) -> str | None:
    """Return the reference date a record is read against (None: the record is left out)."""
    if language == "ko":
        return record.get("published") or None
    if language == "zh":
        return "2011-06-15"
    found = [(int(y), int(m), int(d)) for y, m, d in _FULL_DATE.findall(record["text"])
             if 1 <= int(m) <= 12 and 1 <= int(d) <= 31]
    if not found:
        return None
    year, month, day = max(found)
    return f"{year:04d}-{month:02d}-{day:02d}"


def sample(language: str, round_: int = 1) -> list[tuple[str, str, int, int, list[tuple[int, int]]]]:
    """Return the sampled sentences: (record id, reference, start, end, pattern spans)."""
    seed, count = ROUNDS[round_]
    used = {item["id"] for item in json.loads(FIXTURE.read_text(encoding="utf-8"))["items"]}
    if round_ == 2:
        used |= {item["id"] for item in json.loads(ROUND_ONE.read_text(encoding="utf-8"))["items"]}
    candidates = []
    for record in records(language):
        reference = reference_of(language, record)
        if record["id"] in used or reference is None:
            continue
        text = record["text"]
        for para in paragraph_spans(text):
            for sent in sentence_spans(text, para.start, para.end):
                spans = [(m.start(), m.end()) for m in TRIGGERS[language].finditer(text, sent.start, sent.end)]
                if spans:
                    candidates.append((record["id"], reference, sent.start, sent.end, spans))
    random.Random(seed).shuffle(candidates)
    return candidates[:count]


def main() -> None:
    language = sys.argv[1] if len(sys.argv) > 1 else "ko"
    round_ = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    texts = {r["id"]: r["text"] for r in records(language)}
    for k, (doc, reference, start, end, spans) in enumerate(sample(language, round_)):
        text = texts[doc]
        shown, pos = "", start
        for a, b in spans:
            shown += text[pos:a] + "【" + text[a:b] + "】"
            pos = b
        print(f"#{k} {doc} ref={reference} sentence@{start}: {shown + text[pos:end]}")


if __name__ == "__main__":
    main()
