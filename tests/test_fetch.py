"""The guarded fetcher against a real local web server: pages, feeds, redirects, slow and huge answers.

Loopback is reached only through the allow-list (as an administrator would name an intranet
host); the tests without it prove the same URLs are refused before any connection is made.
"""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from analysis.ingest.fetch import (
    ENV_ALLOW,
    FetchError,
    FetchPolicy,
    address_problem,
    canonical_url,
    feed_links,
    fetch,
    fetched_document,
    page_kind,
    policy_from_env,
    urls_in,
)
from dashboard.workspace.imports import import_urls
from dashboard.workspace.records import User
from dashboard.workspace.store import Store
from tests.webserver import Server, web_server

LOOPBACK = (ipaddress.ip_network("127.0.0.1/32"),)
ALLOWED = FetchPolicy(allow_networks=LOOPBACK, max_bytes=1024 * 1024, connect_timeout=1.0, read_timeout=1.0,
                      total_timeout=3.0, max_feed_items=50)
ALICE = User("alice", "Alice")


@pytest.fixture(scope="module")
def web() -> Iterator[Server]:
    with web_server() as server:
        yield server


def _error(url: str, policy: FetchPolicy = ALLOWED) -> FetchError:
    with pytest.raises(FetchError) as info:
        fetch(url, policy=policy)
    return info.value


# --------------------------------------------------------------------------- refused by default


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "2130706433", "0x7f.0.0.1", "[::ffff:127.0.0.1]"])
def test_loopback_is_refused_by_default_in_every_spelling_without_a_request(web: Server, host: str):
    port = web.base.rsplit(":", 1)[1]
    before = len(web.requests)
    error = _error(f"http://{host}:{port}/article/1", FetchPolicy())
    assert error.kind == "blocked", error.reason
    assert ENV_ALLOW in error.reason
    assert len(web.requests) == before


@pytest.mark.parametrize("url, problem", [
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://10.1.2.3/", "private"),
    ("http://192.168.0.1/", "private"),
    ("http://100.100.100.200/", "private"),  # shared address space (a cloud's metadata service)
    ("http://[fd00:ec2::254]/", "private"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://[64:ff9b::a9fe:a9fe]/", "link-local"),  # NAT64 spelling of 169.254.169.254
])
def test_private_link_local_and_metadata_addresses_are_refused(url: str, problem: str):
    error = _error(url, FetchPolicy())
    assert error.kind == "blocked" and problem in error.reason


def test_only_http_and_https_without_credentials_are_fetched():
    for url, why in (("file:///etc/passwd", "file: URL"), ("ftp://example.org/x", "ftp: URL"),
                     ("gopher://example.org/", "gopher: URL"), ("example.org/story", "no http"),
                     ("http://user:pw@example.org/", "user name or password")):
        error = _error(url, FetchPolicy())
        assert (error.kind, why in error.reason) == ("bad url", True), error.reason


def test_the_allow_list_reads_networks_and_host_names_and_refuses_junk():
    policy = policy_from_env({ENV_ALLOW: " 127.0.0.1, 10.2.0.0/16 ;intranet.example.org, [::1] "})
    assert [str(n) for n in policy.allow_networks] == ["127.0.0.1/32", "10.2.0.0/16", "::1/128"]
    assert policy.allow_hosts == frozenset({"intranet.example.org"})
    assert policy_from_env({}).allow_networks == ()
    with pytest.raises(ValueError, match=ENV_ALLOW):
        policy_from_env({ENV_ALLOW: "10.0.0.0/8, not a host!"})


def test_public_addresses_pass_the_address_check():
    assert address_problem("93.184.216.34") is None
    assert address_problem("2606:2800:220:1:248:1893:25c8:1946") is None
    assert address_problem("127.0.0.53") is not None


# --------------------------------------------------------------------------- allowed through the list


def test_an_allowed_page_is_fetched_and_read_through_the_html_path(web: Server):
    fetched = fetch(f"{web.base}/article/1", policy=ALLOWED)
    assert (fetched.status, fetched.content_type, page_kind(fetched)) == (200, "text/html", "html")
    doc = fetched_document(fetched)
    assert doc.title == "Summit story 1"
    assert "The leaders met in Nara" in doc.text and "Home | World" not in doc.text
    assert doc.url == f"{web.base}/article/1" and doc.source
    headers = web.headers[web.requests.index("/article/1")]
    assert headers["user-agent"].startswith("Parallax/") and "cookie" not in headers and "authorization" not in headers


def test_the_http_charset_decides_the_decoding(web: Server):
    doc = fetched_document(fetch(f"{web.base}/latin1", policy=ALLOWED))
    assert doc.title == "Café summit in Nara"


def test_redirects_are_followed_and_every_hop_is_checked(web: Server):
    assert fetch(f"{web.base}/redirect", policy=ALLOWED).final_url == f"{web.base}/article/r"
    assert fetch(f"{web.base}/redirect-absolute", policy=ALLOWED).final_url == f"{web.base}/article/abs"
    for path in ("/redirect-private", "/redirect-metadata"):
        error = _error(f"{web.base}{path}")
        assert error.kind == "blocked", error.reason
    assert _error(f"{web.base}/redirect-file").kind == "bad url"
    assert _error(f"{web.base}/redirect-loop").kind == "redirects"


def test_the_checked_address_is_the_one_connected_to(web: Server):
    """DNS rebinding: the name is resolved once per hop; a second, different answer is never asked for."""
    port = int(web.base.rsplit(":", 1)[1])
    answers = [["127.0.0.1"], ["10.9.9.9"]]
    asked: list[str] = []

    def rebinding(host: str, _port: int) -> list[str]:
        asked.append(host)
        return answers[min(len(asked) - 1, 1)]

    policy = FetchPolicy(allow_networks=LOOPBACK, resolver=rebinding, total_timeout=3.0)
    assert fetch(f"http://news.test:{port}/article/dns", policy=policy).status == 200
    assert asked == ["news.test"]
    headers = web.headers[web.requests.index("/article/dns")]
    assert headers["host"] == f"news.test:{port}"  # the name is sent; the checked address is connected to
    mixed = FetchPolicy(allow_networks=LOOPBACK, resolver=lambda h, p: ["10.0.0.7", "127.0.0.1"], total_timeout=3.0)
    assert fetch(f"http://mixed.test:{port}/article/mixed", policy=mixed).status == 200


def test_a_host_named_in_the_allow_list_may_resolve_to_a_private_address(web: Server):
    port = int(web.base.rsplit(":", 1)[1])
    named = FetchPolicy(allow_hosts=frozenset({"wiki.intra"}), resolver=lambda h, p: ["127.0.0.1"], total_timeout=3.0)
    assert fetch(f"http://wiki.intra:{port}/article/w", policy=named).status == 200
    other = FetchPolicy(allow_hosts=frozenset({"wiki.intra"}), resolver=lambda h, p: ["127.0.0.1"], total_timeout=3.0)
    assert _error(f"http://evil.test:{port}/article/w", other).kind == "blocked"


def test_huge_answers_are_refused_by_their_length_or_by_what_arrives(web: Server):
    start = time.monotonic()
    error = _error(f"{web.base}/huge")
    assert error.kind == "too large" and "2,048.0 MB" in error.reason
    assert time.monotonic() - start < 1.0  # refused on the header, nothing read
    assert _error(f"{web.base}/huge-unannounced").kind == "too large"
    assert _error(f"{web.base}/gzip-bomb").kind == "too large"  # counted after decompression


def test_slow_and_stalled_servers_time_out(web: Server):
    start = time.monotonic()
    assert _error(f"{web.base}/slow").kind == "timeout"
    assert _error(f"{web.base}/stall").kind == "timeout"
    assert time.monotonic() - start < 2 * (ALLOWED.total_timeout + ALLOWED.read_timeout)


def test_unreachable_hosts_and_error_statuses_say_so(web: Server):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    error = _error(f"http://127.0.0.1:{closed}/")
    assert error.kind == "unreachable" and "127.0.0.1" in error.reason
    assert _error("http://no-such-host.invalid/", ALLOWED).kind in ("unreachable", "timeout")
    error = _error(f"{web.base}/missing")
    assert error.kind == "http error" and "404" in error.reason


def test_a_pdf_or_an_image_is_not_a_web_page(web: Server):
    for path in ("/paper.pdf", "/pdf-labelled-html"):
        assert page_kind(fetch(f"{web.base}{path}", policy=ALLOWED)) == "pdf"
    assert page_kind(fetch(f"{web.base}/image.png", policy=ALLOWED)) == "other"


def test_feeds_and_sitemaps_list_their_links_and_entities_are_not_expanded(web: Server):
    rss = feed_links(fetch(f"{web.base}/feed.xml", policy=ALLOWED).body, web.base)
    assert rss is not None and rss.kind == "feed" and rss.total == 3  # the repeated item once
    atom = feed_links(fetch(f"{web.base}/atom.xml", policy=ALLOWED).body, f"{web.base}/atom.xml")
    assert atom is not None and atom.links == (f"{web.base}/item/atom0", f"{web.base}/item/atom1")
    sitemap = feed_links(fetch(f"{web.base}/sitemap.xml", policy=ALLOWED).body, web.base)
    assert sitemap is not None and sitemap.kind == "sitemap" and len(sitemap.links) == 2
    big = feed_links(fetch(f"{web.base}/big-feed.xml", policy=ALLOWED).body, web.base, limit=200)
    assert big is not None and (len(big.links), big.total) == (200, 5000)
    bomb = feed_links(fetch(f"{web.base}/bomb-feed.xml", policy=ALLOWED).body, web.base)
    assert bomb is None or all(len(link) < 1000 for link in bomb.links)
    assert feed_links(b"<html><body>not a feed</body></html>", web.base) is None


def test_urls_are_read_one_per_line_and_compared_canonically():
    urls, bad = urls_in("https://ex.org/a\n\n# a comment\nHTTPS://EX.ORG/a#x\nftp://ex.org/f\nhttps://ex.org/b?utm_source=t\n")
    assert urls == ("https://ex.org/a", "https://ex.org/b?utm_source=t")
    assert [e.kind for e in bad] == ["bad url"]
    assert canonical_url("https://Ex.org:443/a/?utm_medium=x&id=3#frag") == "http://ex.org/a/?id=3"
    assert canonical_url("javascript:alert(1)") == ""


# --------------------------------------------------------------------------- into a collection


def _import(store: Store, cid: str, text: str, policy: FetchPolicy = ALLOWED) -> list:
    return list(import_urls(store, cid, text, user=ALICE, policy=policy))


def test_pasted_urls_and_a_feed_go_into_a_collection_with_one_outcome_each(web: Server, tmp_path: Path):
    store = Store(tmp_path)
    cid = store.create_collection("Desk", user=ALICE).collection_id
    events = _import(store, cid, "\n".join([
        f"{web.base}/article/x1", f"{web.base}/feed.xml", f"{web.base}/paper.pdf", f"{web.base}/missing",
        f"{web.base}/huge", f"{web.base}/redirect-private", f"{web.base}/empty-page", "ftp://nope.example/",
    ]))
    by_url = {e.url: e for e in events}
    assert by_url[f"{web.base}/article/x1"].outcome == "added"
    assert by_url[f"{web.base}/feed.xml"].outcome == "expanded"
    assert "3 links" in by_url[f"{web.base}/feed.xml"].detail
    assert [by_url[f"{web.base}/item/{i}"].outcome for i in range(3)] == ["added"] * 3
    assert "PDF" in by_url[f"{web.base}/paper.pdf"].detail
    assert "404" in by_url[f"{web.base}/missing"].detail
    assert "too large" in by_url[f"{web.base}/huge"].detail
    assert "blocked" in by_url[f"{web.base}/redirect-private"].detail
    assert "no article text" in by_url[f"{web.base}/empty-page"].detail
    assert by_url["ftp://nope.example/"].outcome == "failed"
    info = {i.origin: i for i in store.provenance(cid, user=ALICE)}
    page = info[f"{web.base}/article/x1"]
    assert page.kind == "url" and page.added_by == "Alice"
    raw = store.raw_page(page.raw_sha256)
    assert raw is not None and b"Summit story x1" in raw.body


def test_importing_again_recognises_duplicates_by_url_and_by_text(web: Server, tmp_path: Path):
    store = Store(tmp_path)
    cid = store.create_collection("Desk", user=ALICE).collection_id
    _import(store, cid, f"{web.base}/article/a\n{web.base}/redirect")
    again = _import(store, cid, f"{web.base}/article/a\n{web.base}/same-text\n{web.base}/redirect")
    assert [e.outcome for e in again] == ["duplicate"] * 3
    assert store.collection(cid, user=ALICE).articles == 2


def test_a_feed_of_five_thousand_items_is_cut_to_the_cap_and_says_so(web: Server, tmp_path: Path):
    store = Store(tmp_path)
    cid = store.create_collection("Desk", user=ALICE).collection_id
    policy = FetchPolicy(allow_networks=LOOPBACK, max_feed_items=20, total_timeout=5.0)
    events = _import(store, cid, f"{web.base}/big-feed.xml", policy)
    assert "5,000 links" in events[0].detail and "first 20" in events[0].detail
    assert sum(e.outcome == "added" for e in events) == 20
    assert store.collection(cid, user=ALICE).articles == 20


def test_a_sitemap_index_is_followed_one_level(web: Server, tmp_path: Path):
    store = Store(tmp_path)
    cid = store.create_collection("Desk", user=ALICE).collection_id
    events = _import(store, cid, f"{web.base}/sitemap-index.xml")
    assert [e.outcome for e in events] == ["expanded", "expanded", "added", "added"]


def test_without_the_allow_list_the_import_reports_every_loopback_url_blocked(web: Server, tmp_path: Path):
    store = Store(tmp_path)
    cid = store.create_collection("Desk", user=ALICE).collection_id
    before = len(web.requests)
    events = _import(store, cid, f"{web.base}/article/z\n{web.base}/feed.xml", FetchPolicy())
    assert [e.outcome for e in events] == ["failed", "failed"]
    assert all("blocked" in e.detail for e in events)
    assert len(web.requests) == before and store.collection(cid, user=ALICE).articles == 0
