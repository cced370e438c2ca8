"""SLD styles (:mod:`gis.sld`) translated to Mapnik XML.

Only translation lives here: which layers, data sources and extents are drawn is
the renderer's business (:mod:`gis.render`).
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from gis.sld import (
    Filter,
    LineSymbolizer,
    PointSymbolizer,
    PolygonSymbolizer,
    RasterSymbolizer,
    Rule,
    Stroke,
    Style,
    Symbolizer,
    TextSymbolizer,
)

MARKS_DIR = Path(__file__).with_name("marks")
FONT = "DejaVu Sans Book"
BOLD_FONT = "DejaVu Sans Bold"
RAMPS = {"ramp": "linear", "intervals": "discrete", "values": "exact"}


def _literal(value: str) -> str:
    try:
        float(value)
    except ValueError:
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return value


def filter_expression(node: Filter) -> str:
    """A Mapnik filter expression equivalent to ``node``."""
    if node.op in ("and", "or"):
        return (
            "(" + f" {node.op} ".join(filter_expression(c) for c in node.children) + ")"
        )
    if node.op == "not":
        return f"(not {filter_expression(node.children[0])})"
    field = f"[{node.property}]"
    if node.op == "null":
        return f"({field} = null)"
    if node.op == "between":
        low, high = (_literal(v) for v in node.values)
        return f"({field} >= {low} and {field} <= {high})"
    op = "!=" if node.op == "<>" else node.op
    return f"({field} {op} {_literal(node.values[0])})"


def _stroke_attrs(stroke: Stroke, prefix: str = "stroke") -> str:
    attrs = (
        f' {prefix}="{stroke.color}" {prefix}-width="{stroke.width:g}"'
        f' {prefix}-opacity="{stroke.opacity:g}"'
    )
    if stroke.dasharray:
        attrs += f' {prefix}-dasharray="{",".join(f"{d:g}" for d in stroke.dasharray)}"'
    return attrs


def symbolizer_xml(symbolizer: Symbolizer, geometry_type: str) -> str:
    """One Mapnik symbolizer element."""
    if isinstance(symbolizer, PolygonSymbolizer):
        parts = []
        if symbolizer.fill is not None:
            parts.append(
                f'<PolygonSymbolizer fill="{symbolizer.fill.color}"'
                f' fill-opacity="{symbolizer.fill.opacity:g}"/>'
            )
        if symbolizer.stroke is not None:
            parts.append(f"<LineSymbolizer{_stroke_attrs(symbolizer.stroke)}/>")
        return "".join(parts)
    if isinstance(symbolizer, LineSymbolizer):
        return f"<LineSymbolizer{_stroke_attrs(symbolizer.stroke)}/>"
    if isinstance(symbolizer, PointSymbolizer):
        shape = (
            'marker-type="ellipse"'
            if symbolizer.mark == "circle"
            else f"file={quoteattr(str(MARKS_DIR / f'{symbolizer.mark}.svg'))}"
        )
        fill = symbolizer.fill
        attrs = (
            f' {shape} width="{symbolizer.size:g}" height="{symbolizer.size:g}"'
            ' allow-overlap="true" ignore-placement="true"'
            ' placement="point"'
        )
        attrs += (
            f' fill="{fill.color}" fill-opacity="{fill.opacity:g}"'
            if fill
            else ' fill-opacity="0"'
        )
        attrs += (
            _stroke_attrs(symbolizer.stroke)
            if symbolizer.stroke
            else ' stroke-width="0"'
        )
        return f"<MarkersSymbolizer{attrs}/>"
    if isinstance(symbolizer, TextSymbolizer):
        placement = {"polygon": "interior", "line": "line"}.get(geometry_type, "point")
        halo = ""
        if symbolizer.halo_radius and symbolizer.halo_fill is not None:
            halo = (
                f' halo-fill="{symbolizer.halo_fill.color}"'
                f' halo-radius="{symbolizer.halo_radius:g}"'
            )
        face = BOLD_FONT if symbolizer.bold else FONT
        if placement == "line":
            halo += ' spacing="400" max-char-angle-delta="30"'
        return (
            f'<TextSymbolizer face-name="{face}" size="{symbolizer.size:g}"'
            f' fill="{symbolizer.fill.color}"{halo} placement="{placement}"'
            f' dy="{0 if placement != "point" else symbolizer.size:g}"'
            f">[{escape(symbolizer.label)}]</TextSymbolizer>"
        )
    if isinstance(symbolizer, RasterSymbolizer):
        stops = "".join(
            f'<stop value="{e.quantity:g}" color="{_rgba(e.color, e.opacity)}"/>'
            for e in symbolizer.entries
        )
        return (
            f'<RasterSymbolizer opacity="{symbolizer.opacity:g}"'
            ' scaling="bilinear"><RasterColorizer'
            f' default-mode="{RAMPS[symbolizer.ramp]}"'
            ' default-color="transparent" epsilon="1e-9">'
            f"{stops}</RasterColorizer></RasterSymbolizer>"
        )
    raise TypeError(symbolizer)


def _rgba(color: str, opacity: float) -> str:
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{opacity:g})"


def rule_xml(rule: Rule, geometry_type: str) -> str:
    """One Mapnik rule (filter, scale range, symbolizers)."""
    parts = ["<Rule>"]
    if rule.else_filter:
        parts.append("<ElseFilter/>")
    elif rule.filter is not None:
        parts.append(f"<Filter>{escape(filter_expression(rule.filter))}</Filter>")
    if rule.min_scale is not None:
        parts.append(f"<MinScaleDenominator>{rule.min_scale:g}</MinScaleDenominator>")
    if rule.max_scale is not None:
        parts.append(f"<MaxScaleDenominator>{rule.max_scale:g}</MaxScaleDenominator>")
    parts += [symbolizer_xml(s, geometry_type) for s in rule.symbolizers]
    parts.append("</Rule>")
    return "".join(parts)


def style_xml(
    style: Style,
    geometry_type: str,
    name: str | None = None,
    rules: tuple[Rule, ...] | None = None,
) -> str:
    """A Mapnik ``<Style>`` for ``style`` (labels drawn after everything else)."""
    chosen = style.rules if rules is None else rules
    body = "".join(rule_xml(r, geometry_type) for r in chosen)
    return f"<Style name={quoteattr(name or style.name)}>{body}</Style>"
