"""The layout's rules, checked on the source: the core never reaches the shell, wings stay apart."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANALYSIS = ROOT / "analysis"
WINGS = ("ingest", "reuse", "framing", "claims")
SHARED = "text"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[str, int]]:
    """Return (module, line) for every import in ``path``, lazy ones inside functions included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, node.lineno))
            found += [(f"{node.module}.{a.name}", node.lineno) for a in node.names]
    return found


def _analysis_modules() -> dict[str, Path]:
    return {_module_name(p): p for p in ANALYSIS.rglob("*.py")}


def test_analysis_never_imports_streamlit():
    offenders = [
        f"{name}:{line}"
        for name, path in _analysis_modules().items()
        for mod, line in _imports(path)
        if mod == "streamlit" or mod.startswith(("streamlit.", "dashboard"))
    ]
    assert offenders == []


def test_analysis_has_its_wings_and_a_shared_text_layer():
    for wing in (*WINGS, SHARED):
        assert (ANALYSIS / wing / "__init__.py").is_file(), wing


def test_a_wing_imports_only_the_text_layer_and_itself():
    offenders = []
    for name, path in _analysis_modules().items():
        parts = name.split(".")
        if len(parts) < 2 or parts[1] not in (*WINGS, SHARED):
            continue
        own = parts[1]
        for mod, line in _imports(path):
            target = mod.split(".")
            if target[0] != "analysis" or len(target) < 2:
                continue
            allowed = {own, SHARED} if own != SHARED else {SHARED}
            if target[1] not in allowed:
                offenders.append(f"{name}:{line} imports {mod}")
    assert offenders == []


def test_nothing_in_analysis_imports_the_export_or_the_cli_but_the_cli():
    offenders = [
        f"{name}:{line}"
        for name, path in _analysis_modules().items()
        for mod, line in _imports(path)
        if mod.startswith(("analysis.export", "analysis.cli")) and name not in {"analysis.cli", "analysis.__main__"}
    ]
    assert offenders == []


def test_there_is_no_import_cycle_in_analysis():
    modules = _analysis_modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps = set()
        for mod, _ in _imports(path):
            # "from analysis.reuse import matches" names a module; "from x import f" names x.
            while mod and mod not in modules:
                mod = mod.rpartition(".")[0]
            if mod and mod != name and not name.startswith(mod + "."):
                deps.add(mod)
        graph[name] = deps
    state: dict[str, int] = {}
    cycles: list[str] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                cycles.append(" -> ".join([*stack[stack.index(dep):], dep]))
            elif dep not in state:
                visit(dep, [*stack, dep])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_session_state_lives_in_session_state_and_views_only():
    allowed = {"session.py", "state.py"}
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "dashboard").glob("*.py")
        if p.name not in allowed and "session_state" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_only_data_py_caches():
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "dashboard").rglob("*.py")
        if p.name != "data.py" and ("st.cache_data" in p.read_text(encoding="utf-8")
                                    or "st.cache_resource" in p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
