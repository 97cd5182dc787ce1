"""Articles from the web into a collection: pasted URLs, feeds and sitemaps, one outcome per URL.

Fetching and extraction run in the fetcher's worker threads; this generator, on the caller's
thread, writes each article as it arrives (one short transaction each, so other sessions keep
reading and writing) and yields what happened to every URL, for the page to show as progress.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from analysis.ingest.fetch import (
    FeedLinks,
    Fetched,
    FetchError,
    FetchPolicy,
    canonical_url,
    feed_links,
    fetch_all,
    fetched_document,
    not_a_page_reason,
    page_kind,
    urls_in,
)
from analysis.text.records import Document
from dashboard.workspace.records import NewArticle, RawPage, User
from dashboard.workspace.store import Store

Outcome = Literal["added", "duplicate", "failed", "expanded"]
MAX_DEPTH = 2  # a sitemap index lists sitemaps, which list pages; nothing deeper is followed


@dataclass(frozen=True, slots=True)
class ImportEvent:
    """What happened to one URL: added (with its doc_id and title), a duplicate, failed (why), or a feed expanded."""

    url: str
    outcome: Outcome
    detail: str
    doc_id: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True)
class _Page:
    fetched: Fetched
    document: Document | None
    links: FeedLinks | None


def _read(fetched: Fetched, *, limit: int) -> _Page:
    kind = page_kind(fetched)
    if kind == "html":
        return _Page(fetched, fetched_document(fetched), None)
    if kind == "feed":
        links = feed_links(fetched.body, fetched.final_url, limit=limit)
        if links is None:
            raise FetchError(fetched.url, "is XML but neither an RSS/Atom feed nor a sitemap", "not a web page")
        return _Page(fetched, None, links)
    raise FetchError(fetched.url, not_a_page_reason(fetched), "not a web page")


def import_urls(store: Store, collection_id: str, text: str, *, user: User,
                policy: FetchPolicy) -> Iterator[ImportEvent]:
    """Fetch the URLs in ``text`` (one per line; feeds and sitemaps expanded) into a collection."""
    urls, bad = urls_in(text)
    for error in bad:
        yield ImportEvent(error.url, "failed", error.reason)
    known = store.known_urls(collection_id, user=user)
    queue: list[str] = []
    for url in urls:
        if canonical_url(url) in known:
            yield ImportEvent(url, "duplicate", "already in the collection (same URL)")
        else:
            queue.append(url)
    seen = {canonical_url(u) for u in queue}
    budget = policy.max_feed_items  # links taken from feeds and sitemaps in this import, all of them together
    depth = 0
    while queue:
        found: list[str] = []
        pages = fetch_all(queue, policy=policy, then=lambda f: _read(f, limit=policy.max_feed_items * 50))
        for url, result in pages:
            if isinstance(result, FetchError):
                yield ImportEvent(url, "failed", result.reason)
                continue
            assert isinstance(result, _Page)
            if result.links is not None:
                if depth >= MAX_DEPTH:
                    yield ImportEvent(url, "failed", f"a {result.links.kind} found inside a feed or sitemap is "
                                      "not followed; paste its URL on its own")
                    continue
                new = [u for u in result.links.links if canonical_url(u) not in seen and canonical_url(u) not in known]
                taken = new[:max(0, budget)]
                budget -= len(taken)
                seen.update(canonical_url(u) for u in taken)
                found.extend(taken)
                yield ImportEvent(url, "expanded", _expanded(result.links, len(new), len(taken), policy.max_feed_items))
                continue
            yield _store(store, collection_id, url, result, user=user)
        queue = found
        depth += 1


def _expanded(links: FeedLinks, new: int, taken: int, cap: int) -> str:
    listed = f"The {links.kind} lists {links.total:,} link{'s' if links.total != 1 else ''}"
    if taken == new:
        already = links.total - new
        return f"{listed}; {taken:,} to fetch" + (f" ({already:,} already in the collection or this import)"
                                                   if already else "")
    return f"{listed}; the first {taken:,} new ones are fetched (at most {cap:,} links from feeds per import)"


def _store(store: Store, collection_id: str, url: str, page: _Page, *, user: User) -> ImportEvent:
    assert page.document is not None
    fetched = page.fetched
    raw = RawPage(url=fetched.url, final_url=fetched.final_url, content_type=fetched.content_type,
                  fetched_at=fetched.fetched_at.replace(microsecond=0).isoformat(), body=fetched.body)
    result = store.add_articles(collection_id, [NewArticle(page.document, origin=url, kind="url", raw=raw)], user=user)
    if result.duplicates:
        dup = result.duplicates[0]
        return ImportEvent(url, "duplicate", f"already in the collection ({dup.reason} as “{dup.title}”)",
                           dup.doc_id, dup.title)
    return ImportEvent(url, "added", page.document.title or page.document.doc_id, result.added[0],
                       page.document.title)
