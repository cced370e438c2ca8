"""The features a style rule draws, as SQL over the layer's columns.

Renderers, the click panel and the Folium maps all select a rule's features in
PostGIS rather than filtering in Python; this turns the SLD filters read by
:mod:`gis.sld` into the ``WHERE`` clause they mean.
"""

from __future__ import annotations

from gis.sld import Filter, Rule, Style


def _literal(value: str) -> str:
    try:
        float(value)
    except ValueError:
        return "'" + value.replace("'", "''") + "'"
    return value


def filter_sql(node: Filter | None, column=lambda name: f'"{name}"') -> str:
    """``node`` as a SQL boolean expression over the layer's columns."""
    if node is None:
        return "TRUE"
    if node.op in ("and", "or"):
        joined = f" {node.op.upper()} ".join(
            filter_sql(c, column) for c in node.children
        )
        return f"({joined})"
    if node.op == "not":
        return f"(NOT {filter_sql(node.children[0], column)})"
    if node.op == "null":
        return f"({column(node.property)} IS NULL)"
    if node.op == "between":
        low, high = (_literal(v) for v in node.values)
        return f"({column(node.property)} BETWEEN {low} AND {high})"
    return f"({column(node.property)} {node.op} {_literal(node.values[0])})"


def rule_sql(style: Style, rule: Rule) -> str:
    """SQL selecting the features ``rule`` draws, ElseFilter included."""
    if rule.else_filter:
        others = [
            filter_sql(r.filter)
            for r in style.rules
            if not r.else_filter and r.filter is not None
        ]
        return "NOT (" + " OR ".join(others) + ")" if others else "TRUE"
    return filter_sql(rule.filter)
