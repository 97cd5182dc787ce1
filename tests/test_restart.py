"""A saved collection after a server restart: its Overview comes from the results cache, nothing recomputed.

Each server is a fresh Python process (AppTest in a subprocess) on the same data folder, as a
restart is: no module, Streamlit cache or import survives but the files.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from analysis.ingest.files import load_documents
from dashboard.workspace.records import NewArticle, User
from dashboard.workspace.store import Store

REPO = Path(__file__).resolve().parents[1]
# One server's life: open the collection's Overview, report which results it had to compute and keep
# (every ResultCache.put) and whether it imported Altair.
SERVER = """
import json, logging, sys
from streamlit.testing.v1 import AppTest
from dashboard.workspace.results import ResultCache
logging.getLogger("streamlit").setLevel(logging.ERROR)
kept = []
put = ResultCache.put
ResultCache.put = lambda self, key, value: (kept.append(key.split(":")[0]), put(self, key, value))[1]
at = AppTest.from_file(sys.argv[1], default_timeout=120)
at.query_params["corpus"] = sys.argv[2]
at.run()
print(json.dumps({"errors": [e.message for e in at.exception], "titles": [t.value for t in at.title],
                  "computed": sorted(set(kept)), "altair": "altair" in sys.modules}))
"""


def _serve_once(data_dir: Path, collection_id: str) -> dict:
    env = {**os.environ, "PARALLAX_DATA_DIR": str(data_dir), "PARALLAX_CORPUS": "", "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-c", SERVER, str(REPO / "dashboard" / "app.py"), collection_id],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_restarted_server_opens_a_saved_collection_from_the_cache_without_altair(tmp_path: Path):
    docs, _ = load_documents([REPO / "seeds"])
    store = Store(tmp_path)
    team = User("", "anonymous")
    cid = store.create_collection("Seeds", user=team).collection_id
    store.add_articles(cid, [NewArticle(d, origin=d.path, kind="upload") for d in docs], user=team)

    first = _serve_once(tmp_path, cid)
    assert first["errors"] == [] and first["titles"] == ["Overview"]
    assert {"corpus", "containment_chart", "timeline_chart", "articles"} <= set(first["computed"])

    again = _serve_once(tmp_path, cid)  # the server restarted on the same data folder
    assert again["errors"] == [] and again["titles"] == ["Overview"]
    assert again["computed"] == []  # every result the Overview shows came from the disk cache
    assert again["altair"] is False  # its charts were drawn from kept Vega-Lite specs
