"""Give every paragraph of every document a role, and a reason when it is not article text.

Cleaning marks and never deletes. Signals combined: the headline, page chrome and short
UI fragments, disclaimers, cookie and consent banners, related-article blocks (opened by
a heading in any of the corpus's languages), paragraphs in another script or language
than the article, and template text repeated across documents. Repetition alone is not
boilerplate: the same paragraph in two outlets' articles is wire copy or reuse, which
the reuse analysis must see. Repeated text counts as template only when it recurs on one
outlet's pages, or is short furniture found in a large share of the corpus.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from analysis.text.languages import CJK_LANGUAGES, has_segmented_script, text_language
from analysis.text.records import Document, Role
from analysis.text.scripts import (
    LANGUAGE_NAMES,
    SCRIPT_NAMES,
    SCRIPT_OF_LANGUAGE,
    dominant_script,
    dominant_scripts,
    guess_language,
    outside_ascii,
)
from analysis.text.segmenting import Span, paragraph_spans
from analysis.text.tokens import estimated_word_count

_RELATED_HEADING = re.compile(
    r"""^\W*(?:
        related(?:\s+(?:articles?|stories|news|posts|content|coverage|reading|links|topics))?
        |read\s+(?:more|also|next)|see\s+also|more\s+(?:from|on|stories|news|articles|in|coverage)\b.*+
        |you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)|recommended(?:\s+for\s+you)?
        |most\s+(?:read|popular|viewed)|trending(?:\s+now)?|top\s+stories|latest\s+news|further\s+reading
        |مقالات\s+ذات\s+صلة|أخبار\s+ذات\s+صلة|اقرأ\s+أيضا|اقرأ\s+أيضًا|اقرأ\s+المزيد|مواضيع\s+ذات\s+صلة
        |(?:à\s+)?lire\s+aussi|articles?\s+similaires|sur\s+le\s+même\s+sujet|ver\s+también|noticias\s+relacionadas
        |lesen\s+sie\s+auch|mehr\s+zum\s+thema|weitere\s+artikel|leggi\s+anche|articoli\s+correlati|leia\s+também
        |관련\s*기사|関連記事|相关新闻|相关文章|相關新聞|читайте\s+также|похожие\s+статьи
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)


_READ_MORE_LINE = re.compile(r"^\W*(?:read\s+(?:more|also)|see\s+also|also\s+read|اقرأ\s+أيضا)\s*[:：|»›-]\s*\S", re.I)


_DISCLAIMER = re.compile(
    r"""AI[-\s]generated|generated\s+(?:by|with|using)\s+(?:AI|artificial\s+intelligence)|we\s+strive\s+for\s+accuracy
    |errors\s+may\s+occur|verify(?:ing)?\s+(?:it\s+)?with\s+the\s+original\s+source|all\s+rights\s+reserved
    |(?:does|do)\s+not\s+(?:necessarily\s+)?reflect\s+the\s+(?:views|opinions)|views\s+expressed\s+(?:here|in\s+this)
    |not\s+(?:intended\s+as|constitute)\s+(?:financial|investment|legal)\s+advice|machine[-\s]translat
    |this\s+(?:article|content|story)\s+(?:was|has\s+been|is)\s+(?:generated|produced|written|translated)\s+(?:by|with|using)
    |copyright\s+©|©\s*\d{4}|من\s+إعداد\s+الذكاء\s+الاصطناعي|بواسطة\s+الذكاء\s+الاصطناعي""",
    re.IGNORECASE | re.VERBOSE,
)


# "cookie ... consent" on one line: the first "cookie" of a line is the only start tried (an
# atomic group), since a later one can only see less of the line. "\bcookies?\b.*\b(...)" tried
# every "cookie" of "cookie.cookie.cookie..." against the rest of the line: quadratic.
_COOKIE = re.compile(
    r"""^(?>[^\n]*?\bcookies?\b)[^\n]*\b(?:we\s+use|this\s+(?:site|website)|our\s+(?:site|website|partners)|accept
    |consent|settings|preferences|browsing|analytics|personali[sz]e)
    |^(?>[^\n]*?\b(?:we\s+use|this\s+(?:site|website)\s+uses|accept(?:\s+all)?)\b)[^\n]*\bcookies?\b
    |\b(?:our|read\s+our)\s+privacy\s+(?:policy|notice)|manage\s+(?:your\s+)?(?:cookie\s+)?(?:consent|preferences)
    |ملفات\s+تعريف\s+الارتباط|سياسة\s+الخصوصية|datenschutzerklärung|nous\s+utilisons\s+des\s+cookies
    |utilizamos\s+cookies|politique\s+de\s+confidentialit|política\s+de\s+privacidad""",
    re.IGNORECASE | re.VERBOSE | re.MULTILINE,
)


# A notice speaking as the site about its own content ("This content is ...", "We recommend ...").
_SITE_VOICE = re.compile(
    r"\b(?:this\s+(?:content|article|story|page|site|website|summary|report)|we\s+(?:strive|recommend|use|do\s+not)"
    r"|our\s+(?:site|website|content|editors|newsroom|newsletter|app)|sign\s+up|subscribe|follow\s+us"
    r"|download\s+(?:our|the)\s+app)\b|من\s+إعداد|بواسطة",
    re.IGNORECASE,
)


_UI_WORDS = re.compile(
    r"""^\W*(?:share|tweet|print|email|e-mail|copy\s+link|subscribe|sign\s+(?:in|up)|log\s+(?:in|out)|menu|search
    |advertisement|sponsored|skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|home|close|accept(?:\s+all)?|reject(?:\s+all)?
    |decline|ok|got\s+it|listen(?:\s+to\s+(?:this\s+)?article)?|comments?|follow\s+us|newsletter|رفض|قبول|موافق
    |facebook|twitter|x|whatsapp|telegram|linkedin|reddit|more|next|previous|load\s+more|show\s+more)\W*$""",
    re.IGNORECASE | re.VERBOSE,
)


_CHROME = re.compile(
    r"""\b\d+\s*px\b|[↺↻⟳]|\b\d+\s*min(?:ute)?s?\s*read|^\W*(?:date|published|posted|updated)\s*+(?::\s*+)?\d{4}-\d{2}-\d{2}
    |\S\s*\|\s*\S""",
    re.VERBOSE,
)


# Words glued by a lost line break in a capture ("PoliticsAI Analysis", "readSource"): chrome only
# on very short lines, so product names in a subhead ("OpenAI responds") stay article text.
# Three lower-case letters before a capital say the same as three or more, with a bounded
# match: "[a-z]{3,}[A-Z]" rescanned a long lower-case word from each of its letters (quadratic:
# a 557,000-letter word never finished).
_GLUED = re.compile(r"[a-z]{3}[A-Z]")


# Furniture of Korean, Japanese and Chinese news pages, each with the reason it is set aside:
# copyright and redistribution notices, bylines and credit lines standing alone, photo captions,
# subscription prompts. Only short paragraphs (see _classify) are read: the same words inside
# reporting ("무단 전재 금지 조항을 어겼다") stay article text.
_CJK_FURNITURE = (
    (re.compile(r"무단\s{0,4}전재|재배포\s{0,4}금지|저작권자\s{0,4}[ⓒ©(]|[ⓒ©]\s{0,4}\S+|転載禁止|無断転載|著作権は|版权所有|版權所有"
                r"|未经授权.{0,8}转载|不得转载|禁止转载|All\s+rights\s+reserved", re.IGNORECASE), "copyright notice"),
    (re.compile(r"^\W{0,20}(?:\(\s{0,4}\S{1,12}\s{0,4}=\s{0,4}\S{1,12}\s{0,4}\)\s{0,4})?(?:[가-힣]{2,4}\s{0,4}){1,3}(?:기자|특파원|통신원)\s{0,4}(?:=|[\w.+-]{1,64}@[\w.-]{1,255})?\W{0,20}$"
                r"|^\W{0,20}【[^】]{1,12}】\W{0,20}$|^\W{0,20}(?:記者|特派員)\s{0,4}[:：]?\s{0,4}\S{1,12}\W{0,20}$|^\W{0,20}[(（]?(?:记者|編輯|编辑|責任編集|责任编辑)\s{0,4}[:：]?\s{0,4}\S{1,12}[)）]?\W{0,20}$"),
     "byline"),
    (re.compile(r"^\W{0,20}(?:\[?\s{0,4}사진\s{0,4}(?:=|제공|출처)|\[?\s{0,4}그래픽\s{0,4}=|写真\s{0,4}[:：=]|（?写真）?\s{0,4}[:：]|图片来源|圖片來源|图\s{0,4}[/:：]|圖\s{0,4}[/:：])"),
     "photo caption"),
    (re.compile(r"구독(?:하기|\s{0,4}신청|자\s{0,4}전용)|뉴스레터|購読(?:する|のお申し込み|はこちら)|有料会員|会員登録|订阅|訂閱|关注我们|關注我們"),
     "subscription prompt"),
)


def cjk_furniture(text: str) -> str:
    """Return why a short Korean, Japanese or Chinese paragraph is page furniture ("" when it is not)."""
    for pattern, reason in _CJK_FURNITURE:
        if pattern.search(text):
            return reason
    return ""


# Sentence ends of Chinese, Japanese and Korean prose (a UI fragment has none).
_CJK_ENDS = ("。", "！", "？", "」", "』", "다.", "요.")


_TRAILER = re.compile(r"^[A-Z][\w-]*(?:\.[A-Za-z][\w-]*)+$")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of a document with the role cleaning gave it."""

    span: Span
    role: Role
    reason: str = ""


def is_chrome_line(line: str) -> bool:
    """Return True for a short line of page chrome or UI (``+ ↺ − 16 px``, ``2 min readSource``, ``Home|Site``)."""
    s = line.strip()
    if not s:
        return False
    words = s.split(None, 8)  # nine pieces at most: more than eight words is all the test needs
    if len(words) > 8 or s.endswith((".", "?", "!", "”", '"')):
        return False
    if has_segmented_script(s) and (s.endswith(_CJK_ENDS) or estimated_word_count(s) > 8):
        return False  # Korean, Japanese, Chinese prose: no spaces to count words by
    if _UI_WORDS.match(s) or _CHROME.search(s) or (len(words) <= 3 and _GLUED.search(s)):
        return True
    # Three letters settle it: counting every letter of a 557,000-letter "word" cost more.
    letters = 0
    for ch in s:
        if ch.isalpha():
            letters += 1
            if letters == 3:
                return False
    return True


_NON_WORDS = re.compile(r"\W+")
_DIGIT_RUNS = re.compile(r"\d+")


_NON_WORDS_BUT_NUL = re.compile(r"[^\w\x00]+")


def _norm(text: str) -> str:
    return _DIGIT_RUNS.sub("0", _NON_WORDS.sub(" ", text.lower())).strip()


def _norms(texts: Sequence[str]) -> list[str]:
    """Return ``_norm`` of each text, the texts read in one pass (joined by NUL) when none holds a NUL.

    Three C calls per paragraph were a sixth of cleaning 32,000 one-word lines. NUL is neither
    a word character nor cased, so it splits the runs and the final-sigma rule of ``lower`` as
    the ends of separate texts do.
    """
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:
        return [_norm(t) for t in texts]
    normed = _DIGIT_RUNS.sub("0", _NON_WORDS_BUT_NUL.sub(" ", joined.lower()))
    return list(map(str.strip, normed.split("\x00"))) if texts else []


def classify_documents(docs: Sequence[Document]) -> dict[str, tuple[Paragraph, ...]]:
    """Return each document's paragraphs with roles and reasons, using corpus-wide repetition."""
    spans = {d.doc_id: paragraph_spans(d.text) for d in docs}
    texts = {d.doc_id: [d.text[s.start : s.end] for s in spans[d.doc_id]] for d in docs}
    if len(docs) > 1:
        keys = {d.doc_id: _norms(texts[d.doc_id]) for d in docs}
    else:
        # Repetition counts across documents: alone, a document repeats nothing, and its
        # paragraphs need no key (two regex passes: 16 ms of the 110 ms loading 400 KB of prose took).
        keys = {d.doc_id: [""] * len(texts[d.doc_id]) for d in docs}
    holders: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        for k in keys[d.doc_id]:
            if k:
                holders[k].add(d.doc_id)
    outlet = {d.doc_id: d.source.strip().lower() for d in docs}
    # Holders of each paragraph per outlet, counted once: the number of same-outlet pages holding
    # a paragraph is then a look-up, not a pass over every holder (quadratic in the documents
    # when one line recurs on all of them).
    per_outlet: Counter[tuple[str, str]] = Counter(
        (k, outlet[doc_id]) for k, doc_ids in holders.items() for doc_id in doc_ids if outlet[doc_id]
    )
    # A document most of whose paragraphs occur elsewhere is a copy or syndication, not a template.
    copies = {
        d.doc_id
        for d in docs
        if keys[d.doc_id] and sum(len(holders[k]) > 1 for k in keys[d.doc_id]) * 2 > len(keys[d.doc_id])
    }
    n_docs = len(docs)
    titles = {d.doc_id: set(re.findall(r"\w+", d.title.lower())) for d in docs}
    shared_keys = {d.doc_id: set(keys[d.doc_id]) for d in docs}

    def versions_of_one_story(doc_id: str, other: str, key: str) -> bool:
        # One agency's successive versions of a story share more than this paragraph (another
        # one) or most of their headline; template pages share only furniture.
        a, b = titles[doc_id], titles[other]
        if a and b and len(a & b) * 2 >= max(len(a), len(b)):
            return True
        return len((shared_keys[doc_id] & shared_keys[other]) - {key, ""}) >= 1

    def template_reason(doc: Document, key: str, words: int, text: str) -> str:
        # The key is one of this document's own paragraphs, so the document is among its holders.
        others = len(holders.get(key, ())) - 1
        if others <= 0 or doc.doc_id in copies:
            return ""
        same_outlet = per_outlet[key, outlet[doc.doc_id]] - 1 if outlet[doc.doc_id] else 0
        if same_outlet and words <= 50:
            # A sentence of reporting repeated across one outlet's versions of a story is wire copy
            # (the reuse analysis must see it), never template text. all() stops at the first page
            # that is not another version, so template furniture costs one look.
            reporting = words >= 8 and text.rstrip().endswith((".", "!", "?", "”", '"')) and not _SITE_VOICE.search(text)
            wire = reporting and all(
                versions_of_one_story(doc.doc_id, o, key)
                for o in holders[key]
                if o != doc.doc_id and outlet[o] == outlet[doc.doc_id]
            )
            if not wire:
                return f"template text repeated on {same_outlet + 1} pages of {doc.source}"
        share = (others + 1) / n_docs
        # Short furniture shared by much of the corpus; a repeated full sentence of reporting is
        # wire copy (reuse), unless it speaks as the site ("Sign up for our newsletter.").
        furniture = not text.rstrip().endswith((".", "!", "?", "”", '"')) or _SITE_VOICE.search(text)
        if n_docs >= 5 and others + 1 >= 3 and share >= 0.4 and words <= 25 and furniture:
            return f"template text: short line repeated in {others + 1} of {n_docs} documents"
        return ""

    def repeats(key: str) -> int:
        return len(holders.get(key, ()))

    return {
        d.doc_id: _classify(d, spans[d.doc_id], texts[d.doc_id], keys[d.doc_id], template_reason, repeats) for d in docs
    }


def _classify(
    doc: Document,
    spans: Sequence[Span],
    texts: Sequence[str],
    keys: Sequence[str],
    template_reason: Callable[[Document, str, int, str], str],
    repeats: Callable[[str], int],
) -> tuple[Paragraph, ...]:
    # One scan of the document says whether any paragraph can hold CJK (or Thai ...) letters:
    # a scan per paragraph was a tenth of cleaning 32,000 one-word lines.
    segmented = has_segmented_script(doc.text)
    if segmented:
        words = [estimated_word_count(t) if has_segmented_script(t) else len(t.split()) for t in texts]
    elif texts and max(map(len, texts)) >= _LONG_PARAGRAPH:
        words = list(map(_piece_count, texts))  # a long paragraph's pieces counted in its bytes
    else:
        words = list(map(len, map(str.split, texts)))  # in C: 32,000 one-word lines
    scripts = dominant_scripts(texts)
    expected = SCRIPT_OF_LANGUAGE.get(doc.language[:2], "LATIN" if doc.language else "")
    doc_script = expected or dominant_script(doc.text)[0]
    guesses: dict[str, str] = {}

    def guess(text: str) -> str:
        # guess_language reads letters, words and the first characters: trailing white space
        # changes nothing, so a one-paragraph document is read once, not again as its paragraph
        # (a quarter of cleaning "Ab. Cd. " x 20,000).
        key = text.rstrip()
        found = guesses.get(key)
        if found is None:
            found = guesses[key] = guess_language(key)
        return found

    doc_language = doc.language[:2] or guess(doc.text)
    foreign = [bool(sc) and sc != doc_script and share >= 0.6 for sc, share in scripts]
    # Korean written with many Hanja (李在明 大統領은) is mostly Han characters, and still Korean.
    if doc_language in CJK_LANGUAGES:
        foreign = [f and text_language(t, hint=doc_language) != doc_language for f, t in zip(foreign, texts)]
    title_index = _title_index(doc, texts)
    trailer_index = len(texts) - 1 if texts and len(texts[-1]) <= 40 and _TRAILER.match(texts[-1]) else -1
    headings = [i for i, t in enumerate(texts) if words[i] <= 8 and _RELATED_HEADING.match(t)]
    heading_set = set(headings)
    # Words of article-language paragraphs before each index: the words before and after a
    # heading are two look-ups ("Related" x 32,000 summed every paragraph per heading: 43 s).
    own_words = list(accumulate((0 if f else w for w, f in zip(words, foreign)), initial=0))
    # The page's tail: after the last long paragraph of article text (before any related block).
    # Notices (disclaimers, cookie banners) count as boilerplate there, in the page header, or
    # when repeated across pages; the same words inside an article's prose are reporting.
    limit = headings[0] if headings else len(texts)
    long_ones = [i for i in range(limit) if words[i] >= 40 and not foreign[i]]
    tail_from = (long_ones[-1] + 1) if long_ones else 0
    head_until = max(title_index, 1)
    out: list[Paragraph] = []
    related_mode = ""  # "" outside a block; "tail": to the page end; "list": headline-like lines only
    for i, (span, text) in enumerate(zip(spans, texts)):
        n = words[i]
        role: Role = "body"
        reason = ""
        script = scripts[i][0]
        if i == title_index:
            role = "title"
        elif i in heading_set:
            role, reason = "related", "related-articles heading"
            before = own_words[i]
            after = own_words[-1] - own_words[i + 1]
            related_mode = "tail" if after <= before else "list"
        # Whether the paragraph lies outside the article's prose, asked only of short paragraphs
        # that reach the notice tests (not of every heading of 32,000); the walrus sets it
        # whenever the second test reads it.
        elif n <= 80 and (outside := i >= tail_from or i < head_until or repeats(keys[i]) > 1) and _COOKIE.search(text):
            role, reason = "boilerplate", "cookie or consent banner"
        elif n <= 80 and outside and _is_disclaimer(text):
            role, reason = "boilerplate", "disclaimer"
        elif n <= 30 and segmented and has_segmented_script(text) and not text.rstrip().endswith(_CJK_ENDS) and (furniture := cjk_furniture(text)):
            role, reason = "boilerplate", furniture
        # A line of chrome has at most 8 words, counted as ``words`` counts them on a page with
        # no unspaced script: longer paragraphs are not split again (400 KB of prose on one line).
        elif (n <= 8 or segmented) and is_chrome_line(text):
            role, reason = "boilerplate", "page chrome (short UI fragment)"
        elif related_mode and (foreign[i] or _in_related_block(related_mode, text, n)):
            role, reason = "related", "inside a related-articles block"
            if foreign[i]:
                role, reason = "boilerplate", f"off-language block ({SCRIPT_NAMES.get(script, script.title())} script) in a related-articles block"
        elif _READ_MORE_LINE.match(text):
            role, reason = "related", "read-more link"
        elif i == trailer_index:
            role, reason = "boilerplate", f"outlet trailer ({text})"
        elif foreign[i]:
            role = "boilerplate"
            reason = f"off-language block ({SCRIPT_NAMES.get(script, script.title())} script in a {SCRIPT_NAMES.get(doc_script, doc_script.title())}-script article)"
        elif title_index > 0 and i < title_index and n <= 25:
            role, reason = "boilerplate", "page header above the headline (navigation, caption or section label)"
        else:
            lang = guess(text) if n >= 12 else ""
            if lang and doc_language and lang != doc_language and script == doc_script:
                role = "boilerplate"
                reason = f"off-language block ({LANGUAGE_NAMES.get(lang, lang)} paragraph in a {LANGUAGE_NAMES.get(doc_language, doc_language)} article)"
            else:
                template = template_reason(doc, keys[i], n, text)
                if template:
                    role, reason = "boilerplate", template
        if related_mode and role == "body":
            related_mode = ""  # the article resumes
        out.append(Paragraph(span, role, reason))
    return tuple(out)


# Each ASCII byte of white space (as str.isspace tells it) a space, every other byte an "x".
_SPACE_BYTES = bytes(32 if chr(c).isspace() else 120 for c in range(128)) + bytes([120] * 128)
_LONG_PARAGRAPH = 10_000  # characters from which a paragraph's pieces are counted in its bytes


def _piece_count(text: str) -> int:
    """Return ``len(text.split())``, a long text with no white space outside ASCII counted in its bytes.

    Its pieces are the runs of bytes that are not white space (every byte of a character outside
    ASCII is one, as the character is): a 400 KB paragraph split into 66,000 strings to count
    them took 3.2 ms, its bytes 1.3.
    """
    if len(text) < _LONG_PARAGRAPH or any(map(str.isspace, outside_ascii(text))):
        return len(text.split())
    data = text.encode("utf-8", "surrogatepass").translate(_SPACE_BYTES)
    return data.count(b" x") + data.startswith(b"x")


def _is_disclaimer(text: str) -> bool:
    """Return True for a notice: two disclaimer phrases, or one in the site's own voice."""
    found = {m.group(0).lower() for m in _DISCLAIMER.finditer(text)}
    return len(found) >= 2 or (len(found) == 1 and _SITE_VOICE.search(text) is not None)


def _in_related_block(mode: str, text: str, words: int) -> bool:
    """Return True when a paragraph continues the related block it follows.

    At the page's end ("tail") a block runs on through its short summaries; a heading in the
    middle of an article ("list") only takes the headline-like lines right after it.
    """
    if mode == "tail":
        return words < 90
    return words <= 20 and not text.rstrip().endswith((".", "!", "?", "”", '"'))


def _title_index(doc: Document, texts: Sequence[str]) -> int:
    title = doc.title.strip()
    if not title:
        return -1
    for i, text in enumerate(texts[:10]):
        if text.strip() == title or text.strip().lstrip("#").strip() == title:
            return i
    return -1
