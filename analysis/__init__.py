"""Parallax analysis core: corpus model, cleaning, reuse, framing, claims and the export.

Pure and typed; never imports streamlit. Names are re-exported lazily so that importing one
module (``analysis.text.records``) does not pull in pandas and every analysis. A function named like
its module (``analysis.claims.comparison.disagreements``) is not re-exported: the package attribute
must stay the submodule.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS: dict[str, str] = {
    "ARTICLE_ROLES": "text", "Corpus": "text", "Document": "text", "LoadError": "text",
    "Passage": "text", "ROLES": "text", "Story": "text", "article_words": "text", "count_words": "text",
    "UnreadableFile": "ingest", "document_from_text": "ingest", "documents_from_bytes": "ingest",
    "load_documents": "ingest",
    "build_corpus": "ingest", "corpus_from_documents": "ingest",
    "ReuseCluster": "reuse", "ReuseMatch": "reuse", "containment_table": "reuse", "reuse_clusters": "reuse",
    "reuse_matches": "reuse", "reuse_table": "reuse",
    "Lexicon": "framing", "LexiconEntry": "framing", "LexiconError": "framing", "default_lexicon": "framing",
    "lexicon_to_toml": "framing", "load_lexicon": "framing", "parse_lexicon": "framing",
    "FramingHit": "framing", "frame_rates": "framing", "framing_hits": "framing", "framing_rates": "framing",
    "kwic_table": "framing",
    "distinctive_terms": "framing", "small_corpus_warning": "framing",
    "DateMention": "claims", "date_mentions": "claims",
    "Claim": "claims", "all_claims": "claims", "claims_table": "claims",
    "ClaimValue": "claims", "Disagreement": "claims", "disagreements_table": "claims",
    "export_tables": "export", "write_csv": "export", "write_json": "export",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"analysis.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
