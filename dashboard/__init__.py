"""The sitrep dashboard: read-only queries, figures and downloads over the batch step's database."""

import gc


def freeze_long_lived() -> None:
    """Move every object alive now (the imported modules) out of the garbage collector's sight.

    Streamlit runs a full collection after every script run; walking the modules of Plotly,
    polars and DuckDB each time was half of a rerun's CPU. Frozen objects are never collected,
    so this runs once per process, after the imports; what a run creates is still collected.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
