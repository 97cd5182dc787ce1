"""The shared workspace under load, and a saved collection after a server restart.

1. Concurrency: 20 sessions add the same 300 articles (BASIL, or synthetic ones when it is
   absent) to one collection at once, each in its own order, in batches of 50 as the pages do;
   20 threads of one server process (Streamlit runs each session in a thread and they share the
   store), then 4 server processes of 5 sessions each (a server restarted or run twice on one
   data folder). Meanwhile a reader times what every page does first (list the collections,
   read one). Prints: every article stored once or not, errors, time, and the reader's latency.
2. Responsiveness: another session's page reruns while one session imports 200 web pages (from a
   local test server) into another collection.
3. Restart: server start -> Overview ready in the browser, for BASIL's 300 articles analysed
   cold (PARALLAX_CORPUS, empty data folder: the dashboard before the workspace) and for the
   same articles saved as a collection, after a restart of the server on its data folder.
   Needs /usr/bin/chromium; skipped with --no-browser.

    .venv/bin/python benchmarks/workspace.py [--sessions 20] [--repeats 2] [--parts restart] [--no-browser]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from paths import CORPORA

from analysis.ingest.files import load_documents
from analysis.text.records import Document
from dashboard.workspace.records import NewArticle, User
from dashboard.workspace.store import Store, StoreError

BATCH = 50


def _articles() -> tuple[tuple[Document, ...], str]:
    basil = CORPORA / "basil" / "articles"
    if basil.is_dir():
        docs, _ = load_documents([basil])
        return docs, f"BASIL ({len(docs)} articles)"
    words = "The leaders met for talks on trade and security, officials said after the meeting".split()
    rng = random.Random(7)
    docs = tuple(Document(doc_id=f"s{n}", source=f"Outlet {n % 12}", title=f"Story {n}", published=None, url="",
                          language="en", path=f"s{n}.txt", text=" ".join(rng.choice(words) for _ in range(400)))
                 for n in range(300))
    return docs, "synthetic (300 articles; BASIL not found)"


def _session(folder: str, cid: str, docs: tuple[Document, ...], n: int, store: Store | None,
             out: list[tuple[int, int, float, str]]) -> None:
    """Add every article in this session's own order; record (added, duplicates, slowest batch, error)."""
    store = store or Store(folder)
    user = User(f"user{n}", f"User {n}")
    order = list(docs)
    random.Random(n).shuffle(order)
    added = dups = 0
    slowest = 0.0
    try:
        for start in range(0, len(order), BATCH):
            batch = [NewArticle(d, origin=d.path, kind="upload") for d in order[start:start + BATCH]]
            t = time.perf_counter()
            result = store.add_articles(cid, batch, user=user)
            slowest = max(slowest, time.perf_counter() - t)
            added += len(result.added)
            dups += len(result.duplicates)
        out.append((added, dups, slowest, ""))
    except (StoreError, Exception) as exc:  # the benchmark counts errors instead of stopping
        out.append((added, dups, slowest, f"{type(exc).__name__}: {exc}"))


def _process(folder: str, cid: str, docs: tuple[Document, ...], first: int, threads: int, queue) -> None:
    out: list[tuple[int, int, float, str]] = []
    store = Store(folder)
    workers = [threading.Thread(target=_session, args=(folder, cid, docs, first + i, store, out))
               for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    queue.put(out)


def _reader(folder: str, cid: str, stop: threading.Event, latencies: list[float]) -> None:
    store = Store(folder)
    user = User("reader", "Reader")
    while not stop.is_set():
        t = time.perf_counter()
        store.collections(user=user)
        store.collection(cid, user=user)
        latencies.append(time.perf_counter() - t)
        time.sleep(0.005)


def concurrency(docs: tuple[Document, ...], name: str, sessions: int, processes: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(folder)
        cid = store.create_collection("Load test", user=User("admin", "Admin")).collection_id
        stop = threading.Event()
        latencies: list[float] = []
        reader = threading.Thread(target=_reader, args=(folder, cid, stop, latencies))
        reader.start()
        start = time.perf_counter()
        results: list[tuple[int, int, float, str]] = []
        if processes <= 1:
            threads = [threading.Thread(target=_session, args=(folder, cid, docs, n, store, results))
                       for n in range(sessions)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            how = f"{sessions} sessions in 1 process"
        else:
            queue: multiprocessing.Queue = multiprocessing.Queue()
            per = sessions // processes
            procs = [multiprocessing.Process(target=_process, args=(folder, cid, docs, p * per, per, queue))
                     for p in range(processes)]
            for p in procs:
                p.start()
            for _ in procs:
                results.extend(queue.get())
            for p in procs:
                p.join()
            how = f"{sessions} sessions in {processes} processes"
        seconds = time.perf_counter() - start
        stop.set()
        reader.join()
        stored = store.documents(cid, user=User("admin", "Admin"))
        errors = [e for *_, e in results if e]
        texts = {d.text for d in docs}
        once = len(stored) == len(texts) and {d.text for d in stored} == texts
        print(f"workspace: {how} add the same {name}: {len(stored)} stored for {len(texts)} distinct, "
              f"{'every article once' if once else 'NOT every article once'}; "
              f"added {sum(r[0] for r in results)}, recognised as duplicates {sum(r[1] for r in results)}; "
              f"{len(errors)} errors{': ' + errors[0] if errors else ''}")
        print(f"workspace: {how}: {seconds:.2f} s in all ({len(results) * len(docs) / seconds:,.0f} articles "
              f"offered/s); slowest batch of {BATCH} {max(r[2] for r in results):.2f} s (waiting for the write lock "
              "included)")
        print(f"workspace: {how}: a page's reads meanwhile (list collections + open one): median "
              f"{statistics.median(latencies) * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms "
              f"(n={len(latencies)})")


def responsiveness(docs: tuple[Document, ...], name: str, pages: int) -> None:
    """Time another session's page (AppTest reruns of the Overview) before and during a large URL import."""
    import ipaddress
    import logging

    from streamlit.testing.v1 import AppTest

    from analysis.ingest.fetch import FetchPolicy
    from dashboard.workspace.imports import import_urls
    from tests.browser.server import REPO
    from tests.webserver import web_server

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as folder, web_server() as web:
        os.environ.update({"PARALLAX_DATA_DIR": folder, "PARALLAX_CORPUS": ""})
        store = Store(folder)
        admin = User("", "anonymous")
        cid = store.create_collection("Read", user=admin).collection_id
        store.add_articles(cid, [NewArticle(d, origin=d.path, kind="upload") for d in docs], user=admin)
        target = store.create_collection("Imported", user=admin).collection_id
        other = AppTest.from_file(str(REPO / "dashboard" / "app.py"), default_timeout=600)
        other.query_params["corpus"] = cid
        other.run()  # analyses computed and kept: what follows are the page's own reruns

        def rerun() -> float:
            t = time.perf_counter()
            other.run()
            return time.perf_counter() - t

        before = [rerun() for _ in range(5)]
        policy = FetchPolicy(allow_networks=(ipaddress.ip_network("127.0.0.1/32"),), max_feed_items=pages)
        urls = "\n".join(f"{web.base}/article/{n}" for n in range(pages))
        done = threading.Event()
        outcome: dict[str, float] = {}

        def importing() -> None:
            t = time.perf_counter()
            added = sum(e.outcome == "added" for e in import_urls(store, target, urls, user=admin, policy=policy))
            outcome.update(seconds=time.perf_counter() - t, added=added)
            done.set()

        worker = threading.Thread(target=importing)
        worker.start()
        during = []
        while not done.is_set():
            during.append(rerun())
        worker.join()
    print(f"responsiveness: another session's Overview on {name}, rerun before the import: median "
          f"{statistics.median(before):.2f} s, max {max(before):.2f} s (n={len(before)})")
    print(f"responsiveness: the same while one session imports {pages} web pages ({outcome['added']:.0f} added in "
          f"{outcome['seconds']:.1f} s): median {statistics.median(during):.2f} s, max {max(during):.2f} s "
          f"(n={len(during)})")


def restart(docs: tuple[Document, ...], repeats: int) -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser.server import (
        CHROMIUM,
        CHROMIUM_ARGS,
        free_port,
        start_server,
        wait_healthy,
        wait_ready,
        watch_script_state,
    )

    basil = CORPORA / "basil" / "articles"
    if not basil.is_dir():
        print("restart: BASIL not found: skipped")
        return

    def first_page(env: dict[str, str], query: str) -> tuple[float, float]:
        """Return the wall seconds from server start to the Overview ready, and the server's CPU seconds by then."""
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            watch_script_state(page)
            port = free_port()
            url = f"http://127.0.0.1:{port}"
            start = time.perf_counter()
            proc = start_server(port, env=env)
            try:
                wait_healthy(proc, url, timeout=600)
                page.goto(f"{url}/{query}")
                wait_ready(page, title="Overview", timeout=600_000)
                return time.perf_counter() - start, _cpu_seconds(proc.pid)
            finally:
                proc.terminate()
                proc.wait(timeout=30)
                browser.close()

    cold: list[tuple[float, float]] = []
    saved: list[tuple[float, float]] = []
    seeds: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        store = Store(folder)
        admin = User("", "anonymous")
        cid = store.create_collection("BASIL", user=admin).collection_id
        for start in range(0, len(docs), BATCH):
            store.add_articles(cid, [NewArticle(d, origin=d.path, kind="upload") for d in docs[start:start + BATCH]],
                               user=admin)
        env = {"PARALLAX_CORPUS": "", "PARALLAX_DATA_DIR": folder}
        first = first_page(env, f"?corpus={cid}")  # the collection's first opening analyses it and keeps the results
        # Cold and restarted runs alternate, so a change in the machine's load weighs on both alike.
        for _ in range(repeats):
            with tempfile.TemporaryDirectory() as empty:
                cold.append(first_page({"PARALLAX_CORPUS": str(basil), "PARALLAX_DATA_DIR": empty}, ""))
            saved.append(first_page(env, f"?corpus={cid}"))
            with tempfile.TemporaryDirectory() as empty:
                seeds.append(first_page({"PARALLAX_CORPUS": "", "PARALLAX_DATA_DIR": empty}, ""))
    load = os.getloadavg()[0]
    for label, runs in (("BASIL 300 articles, cold analysis (PARALLAX_CORPUS, nothing kept)", cold),
                        ("BASIL 300 articles saved as a collection, after a restart", saved),
                        ("the 5 bundled seeds (the dashboard's own start-up cost)", seeds)):
        walls, cpus = [w for w, _ in runs], [c for _, c in runs]
        print(f"restart: server start -> Overview ready, {label}: median "
              f"{statistics.median(walls):.2f} s wall {[round(w, 2) for w in walls]}, server CPU median "
              f"{statistics.median(cpus):.2f} s {[round(c, 2) for c in cpus]}")
    print(f"restart: the collection's first opening (analysed, results kept): {first[0]:.2f} s wall, "
          f"{first[1]:.2f} s server CPU")
    print(f"restart: {statistics.median(w for w, _ in cold) / statistics.median(w for w, _ in saved):.1f}x faster "
          f"in wall time, {statistics.median(c for _, c in cold) / statistics.median(c for _, c in saved):.1f}x in "
          f"server CPU (load average {load:.1f} on {os.cpu_count()} cores: wall times stretch with it)")


def _cpu_seconds(pid: int) -> float:
    """Return the user + system CPU seconds process ``pid`` has used (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--pages", type=int, default=200, help="web pages one session imports (responsiveness)")
    parser.add_argument("--parts", default="concurrency,responsiveness,restart",
                        help="comma-separated: concurrency, responsiveness, restart")
    parser.add_argument("--no-browser", action="store_true", help="leave out the restart (it needs Chromium)")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    docs, name = _articles()
    if "concurrency" in parts:
        concurrency(docs, name, args.sessions, 1)
        concurrency(docs, name, args.sessions, args.processes)
    if "responsiveness" in parts:
        responsiveness(docs, name, args.pages)
    if "restart" in parts and not args.no_browser:
        restart(docs, args.repeats)


if __name__ == "__main__":
    main()
