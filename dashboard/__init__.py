"""The sitrep dashboard: read-only queries, figures and downloads over the batch step's database."""
