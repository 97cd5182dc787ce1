"""The shared text layer every wing may use: records, sentence splitting, scripts and languages, quotations,
attributed sources.

Each name is re-exported from the module that defines it; modules of this wing import each other
directly, never through this package.
"""

from analysis.text.quotes import (
    QuoteMap,
    quote_spans,
)
from analysis.text.records import (
    ARTICLE_ROLES,
    ROLES,
    WORD,
    Corpus,
    Document,
    LoadError,
    Passage,
    Role,
    Story,
    article_words,
    count_words,
)
from analysis.text.scripts import (
    LANGUAGE_NAMES,
    SCRIPT_NAMES,
    SCRIPT_OF_LANGUAGE,
    dominant_script,
    guess_language,
    script_of,
)
from analysis.text.segmenting import (
    Span,
    paragraph_spans,
    sentence_spans,
)
from analysis.text.sources import (
    SourceMention,
    attributed_sources,
)

__all__ = [
    "ARTICLE_ROLES",
    "Corpus",
    "Document",
    "LANGUAGE_NAMES",
    "LoadError",
    "Passage",
    "QuoteMap",
    "ROLES",
    "Role",
    "SCRIPT_NAMES",
    "SCRIPT_OF_LANGUAGE",
    "SourceMention",
    "Span",
    "Story",
    "WORD",
    "article_words",
    "attributed_sources",
    "count_words",
    "dominant_script",
    "guess_language",
    "paragraph_spans",
    "quote_spans",
    "script_of",
    "sentence_spans",
]
