"""Names of the charts' selections: views read a click as ``event["selection"][NAME]``.

Apart from ``dashboard.charts`` (which imports Altair) so that a page drawing a chart from a kept
Vega-Lite spec, as the Overview does, can read its selection without importing Altair (0.17 s).
"""

from __future__ import annotations

PAIR = "pair"  # an ordered outlet pair of a reuse heatmap (fields outlet_a, outlet_b)
CELL = "cell"  # an outlet and a frame or term of the framing chart
MATCH = "match"  # one reuse match (field match_id)
CLAIM = "claim"  # one disagreement of the claims timeline (field disagreement_id)
