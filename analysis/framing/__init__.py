"""Framing: the lexicon, its hits in context, rates per outlet, distinctive terms and their tables.

Each name is re-exported from the module that defines it; modules of this wing import each other
directly, never through this package.
"""

from analysis.framing.distinctive import (
    DISTINCTIVE_COLUMNS,
    MIN_OUTLET_WORDS,
    MIN_OUTLETS,
    distinctive_terms,
    small_corpus_warning,
)
from analysis.framing.hits import (
    FramingHit,
    Voice,
    article_runs,
    entry_regex,
    form_pattern,
    framing_hits,
)
from analysis.framing.lexicon import (
    DEFAULT_PRESET,
    LEXICON_PRESETS,
    MAX_FORM_LENGTH,
    MAX_FORM_WORDS,
    MAX_FORMS,
    Lexicon,
    LexiconEntry,
    LexiconError,
    default_lexicon,
    lexicon_to_toml,
    load_lexicon,
    parse_lexicon,
    preset_lexicon,
)
from analysis.framing.tables import (
    EXPORT_COLUMNS,
    FRAME_RATE_COLUMNS,
    KWIC_COLUMNS,
    RATE_COLUMNS,
    frame_rates,
    framing_rates,
    framing_rows,
    kwic_table,
)

__all__ = [
    "DEFAULT_PRESET",
    "DISTINCTIVE_COLUMNS",
    "EXPORT_COLUMNS",
    "FRAME_RATE_COLUMNS",
    "FramingHit",
    "KWIC_COLUMNS",
    "LEXICON_PRESETS",
    "Lexicon",
    "LexiconEntry",
    "LexiconError",
    "MAX_FORMS",
    "MAX_FORM_LENGTH",
    "MAX_FORM_WORDS",
    "MIN_OUTLETS",
    "MIN_OUTLET_WORDS",
    "RATE_COLUMNS",
    "Voice",
    "article_runs",
    "default_lexicon",
    "distinctive_terms",
    "entry_regex",
    "form_pattern",
    "frame_rates",
    "framing_hits",
    "framing_rates",
    "framing_rows",
    "kwic_table",
    "lexicon_to_toml",
    "load_lexicon",
    "parse_lexicon",
    "preset_lexicon",
    "small_corpus_warning",
]
