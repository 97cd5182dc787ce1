"""Factual claims: date expressions, claim extraction, the comparison into disagreements, tables.

Each name is re-exported from the module that defines it; modules of this wing import each other
directly, never through this package.
"""

from analysis.claims.comparison import (
    LOW_CONFIDENCE,
    STATUSES,
    ClaimValue,
    Disagreement,
    Status,
    basis_key,
    disagreements,
    human_date,
)
from analysis.claims.dates import (
    VAGUE_VALUES,
    DateMention,
    date_mentions,
    interval_value,
)
from analysis.claims.extraction import (
    Claim,
    ReferenceDate,
    all_claims,
    place_key,
    reference_dates,
)
from analysis.claims.tables import (
    CLAIM_COLUMNS,
    CLAIM_EXPORT_COLUMNS,
    DISAGREEMENT_COLUMNS,
    DISAGREEMENT_EXPORT_COLUMNS,
    claim_rows,
    claims_table,
    disagreement_rows,
    disagreements_table,
    status_column,
)

__all__ = [
    "CLAIM_COLUMNS",
    "CLAIM_EXPORT_COLUMNS",
    "Claim",
    "ClaimValue",
    "DISAGREEMENT_COLUMNS",
    "DISAGREEMENT_EXPORT_COLUMNS",
    "DateMention",
    "Disagreement",
    "LOW_CONFIDENCE",
    "ReferenceDate",
    "STATUSES",
    "Status",
    "VAGUE_VALUES",
    "all_claims",
    "basis_key",
    "claim_rows",
    "claims_table",
    "date_mentions",
    "disagreement_rows",
    "disagreements",
    "disagreements_table",
    "human_date",
    "interval_value",
    "place_key",
    "reference_dates",
    "status_column",
]
