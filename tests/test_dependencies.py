"""Every package Parallax imports is declared in pyproject.toml, not left to arrive through another package.

With an older pip, `pip install .` dropped lxml's html_clean extra (asked for by justext, which
trafilatura pulls in): lxml.html.clean then failed to import and every HTML file was an error.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from analysis.ingest.pipeline import build_corpus

ROOT = Path(__file__).resolve().parents[1]
PAGE = """<!doctype html><html><head><title>Leaders meet in Nara</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Leaders meet in Nara</h1>
<p>The two leaders met in Nara on Tuesday for talks on trade, security and the history that still divides them.</p>
<p>Officials said the summit ended with a pledge to hold shuttle diplomacy twice a year and to keep talking.</p>
</article><footer>Copyright 2026</footer></body></html>"""
# Load an HTML page in a fresh interpreter and print the top-level modules that loading imported
# (not those the interpreter loaded at start-up, such as setuptools' .pth hook).
LOAD_HTML = f"""
import json, sys
before = set(sys.modules)
from analysis.ingest.formats import file_documents
(doc,) = file_documents("page.html", {PAGE.encode()!r}, 10**7)
assert "shuttle diplomacy" in doc.text, doc.text
print(json.dumps(sorted({{name.split(".")[0] for name in set(sys.modules) - before}})))
"""


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {canonicalize_name(Requirement(r).name) for r in project["dependencies"]}


def _installed_plainly(roots: set[str]) -> set[str]:
    """Return the distributions a plain install of ``roots`` brings: requirements followed, extras never."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for req in map(Requirement, requires):
            # An extra (or another platform) may be left out by the installer: not counted.
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(canonicalize_name(req.name))
    return seen


def _distributions(modules: set[str]) -> dict[str, set[str]]:
    """Return the installed distributions providing each of these top-level modules (stdlib and our own left out)."""
    providers = metadata.packages_distributions()
    return {m: {canonicalize_name(d) for d in providers[m]} for m in modules
            if m in providers and m not in sys.stdlib_module_names and m not in ("analysis", "dashboard")}


def test_an_html_file_loads_through_the_ingest_path(tmp_path: Path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    corpus = build_corpus([tmp_path])
    assert corpus.errors == ()
    (doc,) = corpus.documents
    assert doc.title == "Leaders meet in Nara"
    assert "pledge to hold shuttle diplomacy" in doc.text and "Copyright" not in doc.text


def test_every_package_the_html_path_imports_comes_with_a_plain_install():
    out = subprocess.run([sys.executable, "-c", LOAD_HTML], cwd=ROOT, capture_output=True, text=True, check=True)
    plain = _installed_plainly(_declared())
    missing = {m: dists for m, dists in _distributions(set(json.loads(out.stdout))).items() if not dists & plain}
    assert missing == {}, "declare these in pyproject.toml [project] dependencies"


def test_every_package_the_code_imports_is_declared_directly():
    imported: set[str] = set()
    for path in [*ROOT.glob("analysis/**/*.py"), *ROOT.glob("dashboard/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    declared = _declared()
    undeclared = {m: dists for m, dists in _distributions(imported).items() if not dists & declared}
    assert undeclared == {}
