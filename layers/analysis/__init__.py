"""Spatial analytics: result tables (:mod:`~layers.analysis.tables`), runs
(:mod:`~layers.analysis.runs`) and the whole pipeline
(:func:`layers.analysis.pipeline.run_analysis`).

Kept empty so that importing the result tables (every command does, for the
metadata) does not load PySAL.
"""
