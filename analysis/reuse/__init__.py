"""Text reuse between articles: the n-gram index, alignment, matches, clusters and their tables.

Each name is re-exported from the module that defines it; modules of this wing import each other
directly, never through this package.
"""

from analysis.reuse.align import (
    NAME_WEIGHT,
    SPECIFIC_FLOOR,
    SPECIFIC_N,
    WordSpan,
    aligned_spans,
    specificity,
    word_weight,
)
from analysis.reuse.clusters import (
    ReuseCluster,
    reuse_clusters,
)
from analysis.reuse.index import (
    TOKEN,
    TokenArrays,
    Vocabulary,
    candidate_pairs,
    duplicate_groups,
    ngram_counts,
    normal_form,
    rarity_weight,
    token_arrays,
    word_offsets,
)
from analysis.reuse.matches import (
    DEFAULT_MIN_SCORE,
    NEIGHBOUR_MIN_SCORE,
    NEIGHBOUR_MIN_WORDS,
    STOCK_MIN_DOCS,
    ReuseMatch,
    Span,
    matches_above,
    passage_order,
    reuse_matches,
    union_ranges,
)
from analysis.reuse.tables import (
    CONTAINMENT_COLUMNS,
    DENSE_OUTLETS,
    REUSE_COLUMNS,
    REUSE_EXPORT_COLUMNS,
    containment_table,
    reuse_rows,
    reuse_table,
)

__all__ = [
    "CONTAINMENT_COLUMNS",
    "DEFAULT_MIN_SCORE",
    "DENSE_OUTLETS",
    "NAME_WEIGHT",
    "NEIGHBOUR_MIN_SCORE",
    "NEIGHBOUR_MIN_WORDS",
    "REUSE_COLUMNS",
    "REUSE_EXPORT_COLUMNS",
    "ReuseCluster",
    "ReuseMatch",
    "SPECIFIC_FLOOR",
    "SPECIFIC_N",
    "STOCK_MIN_DOCS",
    "Span",
    "TOKEN",
    "TokenArrays",
    "Vocabulary",
    "WordSpan",
    "aligned_spans",
    "candidate_pairs",
    "containment_table",
    "duplicate_groups",
    "matches_above",
    "ngram_counts",
    "normal_form",
    "passage_order",
    "rarity_weight",
    "reuse_clusters",
    "reuse_matches",
    "reuse_rows",
    "reuse_table",
    "specificity",
    "token_arrays",
    "union_ranges",
    "word_offsets",
    "word_weight",
]
