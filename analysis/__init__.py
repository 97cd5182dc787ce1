"""Parallax analysis core: corpus model, cleaning, reuse, framing, claims and the export.

Pure and typed; never imports streamlit. Names are re-exported lazily so that importing one
module (``analysis.corpus``) does not pull in pandas and every analysis. A function named like
its module (``analysis.disagreements.disagreements``) is not re-exported: the package attribute
must stay the submodule.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS: dict[str, str] = {
    "ARTICLE_ROLES": "corpus", "Corpus": "corpus", "Document": "corpus", "LoadError": "corpus",
    "Passage": "corpus", "ROLES": "corpus", "article_words": "corpus", "count_words": "corpus",
    "UnreadableFile": "loading", "document_from_text": "loading", "documents_from_bytes": "loading",
    "load_documents": "loading",
    "build_corpus": "pipeline", "corpus_from_documents": "pipeline",
    "ReuseCluster": "reuse", "ReuseMatch": "reuse", "containment_table": "reuse", "reuse_clusters": "reuse",
    "reuse_matches": "reuse", "reuse_table": "reuse",
    "Lexicon": "lexicon", "LexiconEntry": "lexicon", "LexiconError": "lexicon", "default_lexicon": "lexicon",
    "lexicon_to_toml": "lexicon", "load_lexicon": "lexicon", "parse_lexicon": "lexicon",
    "FramingHit": "framing", "frame_rates": "framing", "framing_hits": "framing", "framing_rates": "framing",
    "kwic_table": "framing",
    "distinctive_terms": "distinctive", "small_corpus_warning": "distinctive",
    "DateMention": "dates", "date_mentions": "dates",
    "Claim": "claims", "all_claims": "claims", "claims_table": "claims",
    "ClaimValue": "disagreements", "Disagreement": "disagreements", "disagreements_table": "disagreements",
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
