"""Scoring the extractor: on real annotated pages (``real``) and on the fictional gold sets (``gold``)."""

from pipeline.evaluate.gold import GOLD, PRF, Report, evaluate, score
from pipeline.evaluate.real import REAL, RealReport, evaluate_real

__all__ = ["GOLD", "PRF", "REAL", "RealReport", "Report", "evaluate", "evaluate_real", "score"]
