"""Drill-downs and tab bodies of the pages in dashboard/views/, one module per page (no page of its own)."""
