import ast
from pathlib import Path

ANALYSIS = Path(__file__).resolve().parents[1] / "analysis"


def test_analysis_never_imports_streamlit():
    offenders = []
    for path in ANALYSIS.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "streamlit" or n.startswith(("streamlit.", "dashboard")) for n in names):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []
