"""Spatial core of SIGAP: settings, database access, import/export and analysis.

``gis`` knows how to store, read, analyse and render *any* layer; it never names a
particular layer (that is the job of :mod:`layers`).
"""
