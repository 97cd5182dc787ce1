"""Roles on the bundled seeds and on small synthetic pages."""

import re

import pytest

from analysis.ingest.pipeline import build_corpus
from tests.factories import make_corpus, make_document


@pytest.fixture(scope="module")
def seeds():
    return build_corpus()


def role_of(corpus, doc_prefix: str, snippet: str) -> set[str]:
    doc = next(d for d in corpus.documents if d.doc_id.startswith(doc_prefix))
    roles = {p.role for p in corpus.passages_of(doc.doc_id) if snippet in p.text}
    assert roles, f"{snippet!r} not found in {doc.doc_id}"
    return roles


def test_every_passage_slices_its_document(seeds):
    for p in seeds.passages:
        assert seeds.document(p.doc_id).text[p.start : p.end] == p.text


def test_every_visible_character_has_exactly_one_role(seeds):
    for doc in seeds.documents:
        owner = [0] * len(doc.text)
        for p in seeds.passages_of(doc.doc_id):
            for i in range(p.start, p.end):
                owner[i] += 1
        assert all(n <= 1 for n in owner)
        uncovered = "".join(ch for ch, n in zip(doc.text, owner) if n == 0)
        assert uncovered.strip() == ""


def test_non_article_passages_carry_a_reason(seeds):
    assert all(p.reason for p in seeds.passages if not p.is_article)
    assert all(not p.reason for p in seeds.passages if p.is_article)


@pytest.mark.parametrize("prefix", ["000", "001", "004"])
def test_ai_disclaimer_is_boilerplate(seeds, prefix):
    assert role_of(seeds, prefix, "This content is AI-generated") == {"boilerplate"}


@pytest.mark.parametrize(
    "prefix,snippet",
    [
        ("000", "Related Articles"),
        ("000", "Trump administration has unveiled a 2026 governance plan"),
        ("000", "reinforcing 'shuttle diplomacy' efforts following the Nara summit"),
        ("001", "Greenland takeover bid"),
        ("004", "Related Articles"),
        ("002", "مقالات ذات صلة"),
        ("002", "President Lee Jae Myung arrived in Japan's Nara Prefecture on January 13, 2026"),
        ("002", "two-day visit to Japan's Nara prefecture on January 13-14, 2026"),
        ("002", "plans to discuss practical economic cooperation"),
    ],
)
def test_related_article_blocks_are_related(seeds, prefix, snippet):
    assert role_of(seeds, prefix, snippet) == {"related"}


@pytest.mark.parametrize(
    "prefix,snippet",
    [
        ("003", "16 px"),
        ("004", "Liabooks Home|PRISM News"),
        ("004", "2 min readSource"),
        ("004", "PoliticsAI Analysis"),
        ("002", "يستخدم هذا الموقع ملفات تعريف الارتباط"),
        ("002", "نستخدم ملفات تعريف الارتباط"),
        ("002", "عقد الرئيس الكوري الجنوبي"),
        ("002", "من إعداد الذكاء الاصطناعي"),
    ],
)
def test_chrome_cookies_and_arabic_blocks_are_boilerplate(seeds, prefix, snippet):
    assert role_of(seeds, prefix, snippet) == {"boilerplate"}


@pytest.mark.parametrize(
    "prefix,snippet",
    [
        ("000", "begin their landmark summit in Nara on Jan 13, 2026"),  # standfirst
        ("000", "ties with Japan are as vital as those with China"),
        ("001", "for their second summit in three months"),
        ("002", "will host South Korean President Lee Jae Myung in Nara on January 13 to stabilize"),
        ("002", "symbolizing Japan's adoption of Buddhism"),
        ("003", "This was their second meeting"),
        ("003", "hawkish stance on the historical disputes"),
        ("004", "discusses the upcoming Lee Jae Myung Japan Summit 2026"),
        ("004", "currently consisting of 12 members"),
    ],
)
def test_article_text_and_standfirsts_stay_body(seeds, prefix, snippet):
    assert role_of(seeds, prefix, snippet) == {"body"}


def test_outlet_trailer_is_boilerplate_but_its_mention_in_the_text_is_not(seeds):
    doc = next(d for d in seeds.documents if d.doc_id.startswith("003"))
    trailer = [p for p in seeds.passages_of(doc.doc_id) if p.text == "News.Az"]
    assert [p.role for p in trailer] == ["boilerplate"]
    assert role_of(seeds, "003", "News.Az reports, citing The Diplomat") == {"body"}


def test_headlines_are_titles(seeds):
    assert role_of(seeds, "000", "Balancing History and Pragmatism") == {"title"}
    assert role_of(seeds, "004", "Pivoting from Beijing to Nara") == {"title"}
    assert not [p for p in seeds.passages if p.doc_id.startswith("003") and p.role == "title"]


def test_same_paragraph_in_two_outlets_is_not_boilerplate():
    shared = "The two leaders agreed to expand cooperation on supply chains and to meet again in the spring."
    a = make_document(f"Headline one here\n{shared}\nOther text of outlet A goes here.", doc_id="a", source="A")
    b = make_document(f"Headline two here\n{shared}\nOther words from outlet B follow.", doc_id="b", source="B")
    corpus = make_corpus(a, b)
    assert {p.role for p in corpus.passages if "supply chains" in p.text} == {"body"}


def test_text_repeated_on_one_outlets_pages_is_template():
    furniture = "Follow our live coverage of the summit on every platform we run"
    stories = [
        ("Leaders meet in Nara", "The leaders met in Nara and talked about trade."),
        ("Markets rally on hopes", "Stocks in Tokyo and Seoul rose after the summit ended."),
    ]
    docs = [
        make_document(f"{title}\n{body}\n{furniture}", doc_id=f"x{n}", source="Same Outlet")
        for n, (title, body) in enumerate(stories)
    ]
    corpus = make_corpus(*docs)
    found = [p for p in corpus.passages if "live coverage" in p.text]
    assert {p.role for p in found} == {"boilerplate"}
    assert all("Same Outlet" in p.reason for p in found)


def test_french_paragraph_in_an_english_article_is_off_language():
    text = (
        "Leaders meet in Nara\n"
        "The leaders met in Nara on Tuesday and agreed to work together on trade and security.\n"
        "Les dirigeants se sont rencontrés à Nara et ils ont discuté de la sécurité et du commerce pour la région.\n"
    )
    corpus = make_corpus(make_document(text))
    roles = {p.role for p in corpus.passages if p.text.startswith("Les dirigeants")}
    assert roles == {"boilerplate"}
    reason = next(p.reason for p in corpus.passages if p.text.startswith("Les dirigeants"))
    assert re.search("French", reason)


def test_read_more_line_and_cookie_banner_are_set_aside():
    text = (
        "A headline for the story\n"
        "The talks ended with a joint statement on trade and security cooperation.\n"
        "Read more: Why the summit matters for Asia\n"
        "We use cookies to improve your experience. Accept all\n"
    )
    corpus = make_corpus(make_document(text, title="A headline for the story"))
    by_text = {p.text: p.role for p in corpus.passages}
    assert by_text["Read more: Why the summit matters for Asia"] == "related"
    assert by_text["We use cookies to improve your experience."] == "boilerplate"


LONG = (
    "The leaders spent most of the afternoon on trade, on the export controls that have strained ties, "
    "and on how to handle the history that still divides their two countries after decades of disputes."
)


def _roles(text: str, title: str = "A headline for the story") -> dict[str, str]:
    corpus = make_corpus(make_document(text, title=title))
    return {p.text: p.role for p in corpus.passages}


def test_reporting_about_privacy_consent_or_ai_images_stays_article_text():
    lines = [
        "AI-generated images of the summit spread quickly on social media before officials denied them.",
        "The company said it would update its privacy policy after the ruling.",
        "Users must give consent before their data is shared with partners, the regulator said.",
        "The statements do not reflect the views of most voters, a poll found.",
    ]
    text = "A headline for the story\n" + "\n".join(f"{LONG}\n{line}" for line in lines) + f"\n{LONG}\n"
    roles = _roles(text)
    for line in lines:
        assert roles[line] == "body", line


def test_a_related_heading_inside_an_article_takes_only_the_headline_list_after_it():
    text = (
        "A headline for the story\n" + LONG + "\nRelated\nWhy the summit matters for Asia\nFive things to know about Nara\n"
        + "\n".join([LONG] * 3) + "\nThe talks ended late in the evening with a short statement.\n"
    )
    roles = _roles(text)
    assert roles["Why the summit matters for Asia"] == "related"
    assert roles["Five things to know about Nara"] == "related"
    assert roles["The talks ended late in the evening with a short statement."] == "body"


def test_a_subhead_with_a_product_name_is_not_page_chrome():
    text = "A headline for the story\n" + LONG + "\nOpenAI responds to ChatGPT claims\n" + LONG + "\n"
    assert _roles(text)["OpenAI responds to ChatGPT claims"] == "body"


def test_a_one_sentence_wire_paragraph_in_most_outlets_stays_article_text():
    wire = "The two leaders agreed to resume shuttle diplomacy and meet again in Seoul next year."
    furniture = "Sign up for our morning newsletter."
    stories = [
        ("Tokyo markets rise", "Markets in Tokyo rose after the talks ended.", "Exporters welcomed the signal on chips."),
        ("Seoul critics speak", "Critics in Seoul questioned the timing of the visit.", "Opposition lawmakers demanded a briefing."),
        ("A welcome at the gate", "The prime minister greeted the president at the temple gate.", "Monks watched the ceremony."),
        ("Agenda on trade", "Officials said the agenda covered trade.", "Tariffs on steel were not discussed."),
        ("Protest outside", "Protesters gathered outside the venue in the morning.", "Police kept them behind barriers."),
        ("Talks run long", "The meeting ran an hour longer than planned.", "Aides rearranged the dinner schedule."),
    ]
    docs = [
        make_document(f"{title}\n{a}\n{b}\n{wire}\n{furniture}", doc_id=f"w{n}", source=f"Outlet {n}", title=title)
        for n, (title, a, b) in enumerate(stories)
    ]
    corpus = make_corpus(*docs)
    assert {p.role for p in corpus.passages if p.text == wire} == {"body"}
    assert {p.role for p in corpus.passages if p.text == furniture} == {"boilerplate"}


def test_a_paragraph_repeated_across_one_agencys_versions_of_a_story_is_wire_copy_not_template():
    wire = "The two leaders agreed to expand cooperation on supply chains and to meet again in the spring."
    first = make_document(f"Leaders meet in Nara\nThe summit opened on Tuesday morning in the old capital.\n{wire}",
                          doc_id="v1", source="Agency", title="Leaders meet in Nara")
    update = make_document(f"Leaders meet in Nara, agree on supply chains\nTalks ran late into the evening.\n{wire}",
                           doc_id="v2", source="Agency", title="Leaders meet in Nara, agree on supply chains")
    corpus = make_corpus(first, update)
    assert {p.role for p in corpus.passages if "supply chains and" in p.text} == {"body"}


def test_a_long_paragraph_counted_in_bytes_has_as_many_pieces_as_split_finds():
    from analysis.ingest.cleaning import _piece_count

    prose = "Lee’s “talks” — went on,\tand\x1con\x1fx \n\r\x0bend. " * 400
    for text in (prose, " " + prose, prose.strip(), prose + "\xa0tail", "x" * 12_000, " " * 12_000, prose + "会談 x"):
        assert _piece_count(text) == len(text.split())
