"""A local web server on 127.0.0.1 for the fetch tests: articles, feeds, sitemaps, redirects, slow and huge answers."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WORDS = ("The leaders met in Nara on Tuesday for talks on trade, security and the history that still divides "
         "their countries. Officials said the meeting lasted two hours and ended with a joint statement. ")


def article_html(n: int | str, *, title: str | None = None) -> str:
    """Return a news page whose article text differs by ``n``."""
    title = title or f"Summit story {n}"
    body = "".join(f"<p>Paragraph {i} of story {n}. {WORDS}</p>" for i in range(4))
    return (f"<!doctype html><html><head><title>{title}</title><meta property='og:site_name' content='Local News'>"
            f"</head><body><nav>Home | World | Sport</nav><article><h1>{title}</h1>{body}</article>"
            f"<footer>Copyright Local News</footer></body></html>")


def rss(links: list[str]) -> str:
    """Return an RSS 2.0 feed listing ``links``."""
    items = "".join(f"<item><title>Item {i}</title><link>{link}</link></item>" for i, link in enumerate(links))
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Feed</title>{items}</channel></rss>"


class Server:
    """The running server: its base URL and the paths it was asked for."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.headers: list[dict[str, str]] = []
        self.stop = threading.Event()
        self.base = ""


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
                  extra: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def _redirect(self, location: str, status: int = 302) -> None:
            self._send(status, b"", extra={"Location": location})

        def do_GET(self) -> None:  # one branch per test route
            path = self.path
            server.requests.append(path)
            server.headers.append({k.lower(): v for k, v in self.headers.items()})
            if path.startswith("/article/") or path.startswith("/item/"):
                self._send(200, article_html(path.rsplit("/", 1)[-1]).encode())
            elif path == "/same-text":
                self._send(200, article_html("a").encode())
            elif path == "/latin1":
                page = article_html("é", title="Café summit in Nara").encode("iso-8859-1")
                self._send(200, page, "text/html; charset=iso-8859-1")
            elif path == "/feed.xml":
                links = [f"{server.base}/item/{i}" for i in range(3)] + [f"{server.base}/item/0"]
                self._send(200, rss(links).encode(), "application/rss+xml")
            elif path == "/atom.xml":
                entries = "".join(f"<entry><title>E{i}</title><link rel='alternate' href='/item/atom{i}'/></entry>"
                                  for i in range(2))
                body = f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>{entries}</feed>"
                self._send(200, body.encode(), "application/atom+xml")
            elif path == "/sitemap.xml":
                locs = "".join(f"<url><loc>{server.base}/item/s{i}</loc></url>" for i in range(2))
                body = f"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{locs}</urlset>"
                self._send(200, body.encode(), "application/xml")
            elif path == "/sitemap-index.xml":
                body = (f"<?xml version='1.0'?><sitemapindex><sitemap><loc>{server.base}/sitemap.xml</loc></sitemap>"
                        "</sitemapindex>")
                self._send(200, body.encode(), "application/xml")
            elif path == "/big-feed.xml":
                self._send(200, rss([f"{server.base}/item/b{i}" for i in range(5000)]).encode(), "application/rss+xml")
            elif path == "/bomb-feed.xml":
                body = ("<?xml version='1.0'?><!DOCTYPE r [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;"
                        "&a;&a;&a;'><!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>]><rss><channel><item><link>&c;</link>"
                        "</item></channel></rss>")
                self._send(200, body.encode(), "application/rss+xml")
            elif path == "/redirect":
                self._redirect("/article/r")
            elif path == "/redirect-absolute":
                self._redirect(f"{server.base}/article/abs", 301)
            elif path == "/redirect-loop":
                self._redirect("/redirect-loop")
            elif path == "/redirect-private":
                self._redirect("http://10.0.0.1/admin")
            elif path == "/redirect-metadata":
                self._redirect("http://169.254.169.254/latest/meta-data/")
            elif path == "/redirect-file":
                self._redirect("file:///etc/passwd")
            elif path == "/slow":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                for _ in range(60):  # a byte every half second: never finishes within the test's caps
                    if server.stop.wait(0.5):
                        return
                    self.wfile.write(b"<")
                    self.wfile.flush()
            elif path == "/stall":
                server.stop.wait(30)
            elif path == "/huge":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(2 * 1024 ** 3))
                self.end_headers()
                try:
                    for _ in range(16):
                        self.wfile.write(b"x" * 65536)
                except OSError:
                    pass
            elif path == "/huge-unannounced":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Connection", "close")
                self.end_headers()
                try:
                    for _ in range(200):  # 12.8 MB, no Content-Length
                        self.wfile.write(b"<p>" + b"x" * 65533)
                except OSError:
                    pass
                self.close_connection = True
            elif path == "/gzip-bomb":
                self._send(200, gzip.compress(b"\0" * (50 * 1024 * 1024)), "text/html", {"Content-Encoding": "gzip"})
            elif path == "/paper.pdf":
                self._send(200, b"%PDF-1.7\n%binary\n1 0 obj\n<<>>\nendobj\n", "application/pdf")
            elif path == "/pdf-labelled-html":
                self._send(200, b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", "text/html")
            elif path == "/image.png":
                self._send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png")
            elif path == "/empty-page":
                self._send(200, b"<html><body><nav>Home</nav></body></html>")
            else:
                self._send(404, b"not found", "text/plain")

    return Handler


@contextmanager
def web_server() -> Iterator[Server]:
    """Serve the test routes on 127.0.0.1 (a free port) for the duration of the block."""
    state = Server()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.stop.set()
        httpd.shutdown()
        httpd.server_close()
        time.sleep(0.05)
