"""Web pages, feeds and sitemaps -> bytes -> documents, guarded for a shared server.

A URL a user pastes is fetched by the server, inside the team's network, so the fetcher refuses
what would let a URL reach the server itself or its neighbours (server-side request forgery):

- only ``http`` and ``https``, no user name or password in the URL;
- the host name is resolved once per hop, every address is checked, and the connection goes to
  the checked address (the ``Host`` header and TLS name stay the host's), so a DNS answer that
  changes between the check and the connection (rebinding) cannot switch the target;
- loopback, private, link-local (cloud metadata at 169.254.169.254), shared, multicast and
  reserved addresses are refused unless the administrator's allow-list (``PARALLAX_FETCH_ALLOW``)
  names the network or the host; redirects are followed by hand and every hop is checked again;
- a size cap (the ``Content-Length`` first, then the bytes as they arrive, decompressed), a
  connect, read and total time cap, a polite User-Agent, no cookies and no credentials sent.

urllib3 does the HTTP: it is the library under requests, already installed with trafilatura,
and its connection pools take the address to connect to apart from the name to send and verify
(``server_hostname``/``assert_hostname``), which is what pinning the checked address needs;
requests and httpx hide that choice behind their transports.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from analysis.ingest.files import documents_from_bytes
from analysis.text.records import Document

ENV_ALLOW = "PARALLAX_FETCH_ALLOW"  # comma-separated networks (10.2.0.0/16, 127.0.0.1) or host names
USER_AGENT = "Parallax/0.1 (news coverage analysis for a newsroom; fetches only the pages a user names)"
MAX_URL_CHARS = 2000

Kind = Literal["blocked", "bad url", "unreachable", "timeout", "too large", "http error", "redirects",
               "not a web page", "no article", "error"]
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Sequence[str]]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_XML_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
                        "text/xml"})
# Query parameters that only track the click; dropped when comparing URLs for duplicates.
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")
# Prefixes that carry an IPv4 address inside an IPv6 one (NAT64); the embedded address is checked too.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class FetchError(Exception):
    """A URL that could not be turned into a page: the URL, what went wrong, and its kind."""

    def __init__(self, url: str, reason: str, kind: Kind) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.kind = kind


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """What the fetcher may reach and how much it may take."""

    allow_networks: tuple[Network, ...] = ()
    allow_hosts: frozenset[str] = frozenset()
    max_bytes: int = 5 * 1024 * 1024  # the largest news pages measured are under 2 MB of HTML
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    total_timeout: float = 20.0
    max_redirects: int = 5
    max_feed_items: int = 200
    per_host: int = 2  # requests at once to one site
    user_agent: str = USER_AGENT
    resolver: Resolver | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response read whole: the URL asked for, where it ended after redirects, its type and bytes."""

    url: str
    final_url: str
    status: int
    content_type: str
    charset: str
    body: bytes
    fetched_at: datetime


@dataclass(frozen=True, slots=True)
class FeedLinks:
    """The article links a feed or sitemap lists (at most the cap), and how many it lists in all."""

    kind: Literal["feed", "sitemap", "sitemap index"]
    links: tuple[str, ...]
    total: int


def policy_from_env(environ: Mapping[str, str] | None = None, **knobs: object) -> FetchPolicy:
    """Return the default policy with the allow-list of ``PARALLAX_FETCH_ALLOW`` (raise ValueError on a bad entry)."""
    env = os.environ if environ is None else environ
    networks: list[Network] = []
    hosts: set[str] = set()
    for raw in env.get(ENV_ALLOW, "").replace(";", ",").split(","):
        entry = raw.strip().strip("[]")
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
            continue
        except ValueError:
            pass
        name = entry.lower().rstrip(".")
        if not name or any(not (c.isalnum() or c in "-.") for c in name):
            raise ValueError(f"{ENV_ALLOW}: {raw.strip()!r} is neither a network (10.0.0.0/8, 127.0.0.1) nor a host name")
        hosts.add(name)
    return replace(FetchPolicy(allow_networks=tuple(networks), allow_hosts=frozenset(hosts)), **knobs)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- URLs


def canonical_url(url: str) -> str:
    """Return ``url`` in the form used to recognise duplicates ("" when it is not an http(s) URL).

    Scheme and host in lower case, default port, fragment and tracking parameters dropped,
    an empty path written "/". Both schemes count as one page.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    host = parts.hostname.lower().rstrip(".")
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not k.lower().startswith(_TRACKING)])
    return urlunsplit(("http", netloc, parts.path or "/", query, ""))


def urls_in(text: str, *, limit: int = 1000) -> tuple[tuple[str, ...], tuple[FetchError, ...]]:
    """Return the URLs of ``text`` (one per line; blanks and # comments skipped; repeats once) and the bad lines."""
    urls: dict[str, str] = {}
    bad: list[FetchError] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if len(urls) >= limit:
            bad.append(FetchError(line[:200], f"more than {limit:,} URLs at once: the rest were left out", "bad url"))
            break
        try:
            _checked_url(line)
        except FetchError as exc:
            bad.append(exc)
            continue
        urls.setdefault(canonical_url(line), line)
    return tuple(urls.values()), tuple(bad)


@dataclass(frozen=True, slots=True)
class _Target:
    scheme: str
    host: str
    port: int
    target: str  # path and query, as sent
    host_header: str


def _checked_url(url: str) -> _Target:
    shown = url[:200]
    if len(url) > MAX_URL_CHARS:
        raise FetchError(shown, f"the URL is over {MAX_URL_CHARS:,} characters", "bad url")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(shown, f"not a valid URL ({exc})", "bad url") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        why = "has no http:// or https:// in front" if not scheme else f"is a {scheme}: URL"
        raise FetchError(shown, f"{why}; only http and https pages are fetched", "bad url")
    if not parts.hostname:
        raise FetchError(shown, "names no host", "bad url")
    if parts.username is not None or parts.password is not None:
        raise FetchError(shown, "carries a user name or password; such URLs are not fetched", "bad url")
    try:
        host = parts.hostname.rstrip(".").encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise FetchError(shown, "has a host name that is not valid", "bad url") from None
    default = 443 if scheme == "https" else 80
    port = port or default
    shown_host = f"[{host}]" if ":" in host else host
    return _Target(
        scheme=scheme,
        host=host,
        port=port,
        target=(parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
        host_header=shown_host if port == default else f"{shown_host}:{port}",
    )


# --------------------------------------------------------------------------- addresses


def _embedded(addr: Address) -> Address | None:
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.ipv4_mapped is not None:
            return addr.ipv4_mapped
        if addr.sixtofour is not None:
            return addr.sixtofour
        if addr.teredo is not None:
            return addr.teredo[1]
        if addr in _NAT64:
            return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    return None


def address_problem(address: str) -> str | None:
    """Return why the server must not connect to ``address`` by default (None for a public address)."""
    try:
        addr: Address = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    inner = _embedded(addr)
    if inner is not None:
        return address_problem(str(inner))
    if addr.is_loopback:
        return "a loopback address (this server itself)"
    if addr.is_link_local:
        return "a link-local address (where cloud metadata services answer)"
    if addr.is_multicast:
        return "a multicast address"
    if addr.is_unspecified:
        return "an unspecified address"
    if addr.is_private or not addr.is_global:
        return "a private or reserved address (inside the network)"
    return None


def _allowed(addr: str, host: str, policy: FetchPolicy) -> bool:
    if host in policy.allow_hosts:
        return True
    ip = ipaddress.ip_address(addr.split("%", 1)[0])
    inner = _embedded(ip)
    return any(ip in net or (inner is not None and inner in net) for net in policy.allow_networks)


_RESOLVER_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="parallax-dns")


def _system_resolver(host: str, port: int) -> Sequence[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return tuple(dict.fromkeys(str(info[4][0]) for info in infos))


def _address_for(url: str, target: _Target, policy: FetchPolicy, deadline: float) -> str:
    """Resolve the host once and return the address to connect to (raise FetchError when none is allowed)."""
    resolve = policy.resolver or _system_resolver
    try:
        ipaddress.ip_address(target.host)
        addresses: Sequence[str] = (target.host,)
    except ValueError:
        # getaddrinfo has no timeout of its own: wait for it in a thread, at most the time left.
        future: Future[Sequence[str]] = _RESOLVER_POOL.submit(resolve, target.host, target.port)
        try:
            addresses = future.result(timeout=max(0.1, min(policy.connect_timeout, deadline - time.monotonic())))
        except FutureTimeout:
            raise FetchError(url, f"looking up {target.host} took too long", "timeout") from None
        except (OSError, UnicodeError) as exc:
            raise FetchError(url, f"the host {target.host} could not be found ({_plain(exc)})", "unreachable") from None
    if not addresses:
        raise FetchError(url, f"the host {target.host} has no address", "unreachable")
    refused: list[str] = []
    for address in addresses:
        problem = address_problem(address)
        if problem is None or _allowed(address, target.host, policy):
            return address
        refused.append(f"{address} is {problem}")
    raise FetchError(url, f"blocked: {target.host} resolves to {'; '.join(refused)}. The server fetches such "
                     f"addresses only when the administrator names them in {ENV_ALLOW}", "blocked")


# --------------------------------------------------------------------------- fetching


def fetch(url: str, *, policy: FetchPolicy | None = None) -> Fetched:
    """Fetch ``url`` within the policy's limits, following checked redirects; raise FetchError."""
    import urllib3

    policy = policy or FetchPolicy()
    deadline = time.monotonic() + policy.total_timeout
    current = url.strip()
    for _hop in range(policy.max_redirects + 1):
        target = _checked_url(current)
        address = _address_for(url, target, policy, deadline)
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchError(url, f"no complete answer within {policy.total_timeout:g} s", "timeout")
        timeout = urllib3.Timeout(connect=min(policy.connect_timeout, left), read=min(policy.read_timeout, left))
        pool: urllib3.HTTPConnectionPool
        if target.scheme == "https":
            pool = urllib3.HTTPSConnectionPool(address, target.port, timeout=timeout, retries=False, maxsize=1,
                                               server_hostname=target.host, assert_hostname=target.host,
                                               cert_reqs="CERT_REQUIRED")
        else:
            pool = urllib3.HTTPConnectionPool(address, target.port, timeout=timeout, retries=False, maxsize=1)
        headers = {
            "Host": target.host_header,
            "User-Agent": policy.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                      "application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5",
            "Accept-Encoding": "gzip, deflate",
            "Connection": "close",
        }
        try:
            response = pool.urlopen("GET", target.target, headers=headers, redirect=False, retries=False,
                                    preload_content=False, assert_same_host=False, release_conn=False)
        except urllib3.exceptions.HTTPError as exc:
            pool.close()
            raise _transport_error(url, target, exc) from None
        try:
            if response.status in _REDIRECTS:
                location = response.headers.get("Location", "").strip()
                if not location:
                    raise FetchError(url, f"the server answered {response.status} without saying where to",
                                     "http error")
                current = urljoin(current, location)
                continue
            if response.status >= 400:
                raise FetchError(url, f"the server answered {response.status} {response.reason or ''}".rstrip(),
                                 "http error")
            body = _read_body(url, response, policy, deadline)
            media, charset = _content_type(response.headers.get("Content-Type", ""))
            return Fetched(url=url, final_url=current, status=response.status, content_type=media, charset=charset,
                           body=body, fetched_at=datetime.now(UTC))
        except urllib3.exceptions.HTTPError as exc:
            raise _transport_error(url, target, exc) from None
        finally:
            response.release_conn()
            response.close()
            pool.close()
    raise FetchError(url, f"more than {policy.max_redirects} redirects", "redirects")


def _read_body(url: str, response: object, policy: FetchPolicy, deadline: float) -> bytes:
    headers = getattr(response, "headers", {})
    declared = headers.get("Content-Length", "")
    if declared.strip().isdigit() and int(declared) > policy.max_bytes:
        raise FetchError(url, f"too large: the page is {_size(int(declared))}, over the {_size(policy.max_bytes)} "
                         "limit", "too large")
    chunks: list[bytes] = []
    total = 0
    while True:
        if time.monotonic() > deadline:
            raise FetchError(url, f"no complete answer within {policy.total_timeout:g} s", "timeout")
        chunk = response.read1(64 * 1024)  # type: ignore[attr-defined]
        if not chunk:
            break
        total += len(chunk)
        if total > policy.max_bytes:
            raise FetchError(url, f"too large: more than the {_size(policy.max_bytes)} limit", "too large")
        chunks.append(chunk)
    return b"".join(chunks)


def _transport_error(url: str, target: _Target, exc: Exception) -> FetchError:
    import urllib3

    errors = urllib3.exceptions
    # NewConnectionError subclasses ConnectTimeoutError in urllib3 2: a refused connection is not a timeout.
    if isinstance(exc, errors.NewConnectionError):
        return FetchError(url, f"{target.host} could not be reached ({_plain(exc)})", "unreachable")
    if isinstance(exc, errors.ConnectTimeoutError):
        return FetchError(url, f"{target.host} did not answer in time", "timeout")
    if isinstance(exc, errors.TimeoutError):
        return FetchError(url, f"{target.host} stopped sending before the page was complete", "timeout")
    if isinstance(exc, errors.SSLError):
        return FetchError(url, f"the secure connection to {target.host} failed ({_plain(exc)})", "unreachable")
    if isinstance(exc, errors.DecodeError):
        return FetchError(url, "the page's compressed content is damaged", "error")
    return FetchError(url, f"{target.host} could not be reached ({_plain(exc)})", "unreachable")


def _plain(exc: BaseException) -> str:
    text = str(exc.__cause__ or exc) or type(exc).__name__
    # urllib3 wraps socket errors in long reprs: keep the tail that says what happened.
    for sep in ("Failed to establish a new connection: ", "] "):
        if sep in text:
            text = text.split(sep)[-1]
    return text.strip("()'\" ")[:160]


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:,.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:,.0f} KB"


def _content_type(header: str) -> tuple[str, str]:
    media, _, params = header.partition(";")
    charset = ""
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower()
    return media.strip().lower(), charset


# --------------------------------------------------------------------------- what came back


PageKind = Literal["html", "feed", "pdf", "other"]


def page_kind(fetched: Fetched) -> PageKind:
    """Return what a response is: a web page, a feed or sitemap, a PDF, or something else."""
    head = fetched.body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf-") or fetched.content_type == "application/pdf":
        return "pdf"
    if fetched.content_type in _HTML_TYPES:
        return "html"
    looks_xml = head.startswith(b"<?xml") or any(tag in head for tag in (b"<rss", b"<feed", b"<urlset",
                                                                          b"<sitemapindex", b"<rdf:rdf"))
    if fetched.content_type in _XML_TYPES or (not fetched.content_type and looks_xml):
        return "feed" if looks_xml else "other"
    if not fetched.content_type and (head.startswith(b"<!doctype html") or b"<html" in head):
        return "html"
    return "other"


def not_a_page_reason(fetched: Fetched) -> str:
    """Return the message for a response that is not a web page (a PDF, an image, plain XML...)."""
    if page_kind(fetched) == "pdf":
        return "is a PDF, not a web page: download it and upload its text instead"
    shown = fetched.content_type or "of an unknown type"
    return f"is {shown}, not a web page (HTML), a feed or a sitemap"


def feed_links(body: bytes, base_url: str, *, limit: int = 200) -> FeedLinks | None:
    """Return the links an RSS/Atom feed or a sitemap lists (None when ``body`` is neither)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(body, parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    name = etree.QName(root).localname.lower()
    links: list[str] = []
    if name in ("rss", "rdf"):
        kind: Literal["feed", "sitemap", "sitemap index"] = "feed"
        for item in root.iter("{*}item"):
            link = _child_text(item, "link") or _permalink(item)
            if link:
                links.append(link)
    elif name == "feed":
        kind = "feed"
        for entry in root.iter("{*}entry"):
            hrefs = [(a.get("rel") or "alternate", a.get("href") or "") for a in entry.iter("{*}link")]
            href = next((h for rel, h in hrefs if rel == "alternate" and h), "")
            if href:
                links.append(href)
    elif name in ("urlset", "sitemapindex"):
        kind = "sitemap" if name == "urlset" else "sitemap index"
        for loc in root.iter("{*}loc"):
            if loc.text and loc.text.strip():
                links.append(loc.text.strip())
    else:
        return None
    found = [u for u in dict.fromkeys(urljoin(base_url, link.strip()) for link in links) if canonical_url(u)]
    return FeedLinks(kind=kind, links=tuple(found[:limit]), total=len(found))


def _child_text(item: object, tag: str) -> str:
    for child in item.iterchildren():  # type: ignore[attr-defined]
        if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == tag and (child.text or "").strip():
            return child.text.strip()
    return ""


def _permalink(item: object) -> str:
    for child in item.iterchildren():  # type: ignore[attr-defined]
        if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "guid" \
                and (child.get("isPermaLink") or "true").lower() == "true" and (child.text or "").startswith("http"):
            return child.text.strip()
    return ""


def fetched_document(fetched: Fetched) -> Document:
    """Return the article of a fetched web page through the HTML path; raise FetchError when there is none."""
    parts = urlsplit(fetched.final_url)
    host = (parts.hostname or "web").lower()
    stem = PurePosixPath(parts.path).stem or host
    body = fetched.body
    if fetched.charset:
        # The HTTP header's charset wins over guessing: re-encode as UTF-8 with a BOM, which the decoder honours.
        try:
            body = b"\xef\xbb\xbf" + body.decode(fetched.charset).encode("utf-8")
        except (LookupError, UnicodeDecodeError):
            body = fetched.body
    docs, errors = documents_from_bytes(f"{host}/{stem}.html", body, max_bytes=max(len(body), 1))
    if not docs:
        reason = errors[0].error if errors else "no article text found in the page"
        raise FetchError(fetched.url, reason, "no article")
    doc = docs[0]
    site = host.removeprefix("www.")
    # The URL fetched, not the page's own canonical link: some sites point every article's og:url at the
    # home page, which would make every later article a "duplicate" of the first.
    return replace(doc, url=fetched.final_url, source=doc.source or site, path=f"{host}{parts.path or '/'}"[:300])


def fetch_all(urls: Iterable[str], *, policy: FetchPolicy | None = None, workers: int = 4,
              then: Callable[[Fetched], object] | None = None) -> Iterator[tuple[str, object | FetchError]]:
    """Fetch the URLs (a few at once, at most ``policy.per_host`` per site), yielding each as it finishes.

    Each result is the Fetched response, or ``then(fetched)`` when given (run in the worker, so
    slow extraction happens off the caller's thread), or the FetchError that stopped it.
    """
    policy = policy or FetchPolicy()
    gates: dict[str, threading.Semaphore] = {}
    lock = threading.Lock()

    def one(url: str) -> object:
        host = (urlsplit(url).hostname or "").lower()
        with lock:
            gate = gates.setdefault(host, threading.Semaphore(policy.per_host))
        with gate:
            fetched = fetch(url, policy=policy)
        return then(fetched) if then is not None else fetched

    pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="parallax-fetch")
    try:
        futures = {pool.submit(one, url): url for url in urls}
        for future in as_completed(futures):
            url = futures[future]
            try:
                yield url, future.result()
            except FetchError as exc:
                yield url, exc
            except Exception as exc:  # a parser bug must not stop the other URLs: report it against this one
                yield url, FetchError(url, f"could not be read ({type(exc).__name__}: {str(exc)[:160]})", "error")
    finally:
        # A caller that stops early (the page was left) must not wait for the URLs not started yet.
        pool.shutdown(wait=False, cancel_futures=True)
