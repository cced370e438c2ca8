"""Styled Layer Descriptor (SLD 1.0.0) files: read into a small style model.

``styles/*.sld`` are the single source of truth for how a layer looks: the WMS
renders from them (through :mod:`gis.mapnik_style`), serves them unchanged from
GetStyles, and QGIS loads the same files. This module reads the part of SLD that
SIGAP's styles use — rules with titles, ``ogc:Filter`` on properties (comparisons,
``PropertyIsBetween``, ``PropertyIsNull``, ``And``/``Or``/``Not``), scale
denominators, and Point (well-known marks), Line, Polygon, Text and Raster
(``ColorMap``) symbolizers — and refuses anything else loudly, so a style never
renders differently from what its file says.

Filters also become SQL (:func:`filter_sql`), so GetFeatureInfo can return exactly
the features a rule drew, and tests can find a feature for every rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

NS = {
    "sld": "http://www.opengis.net/sld",
    "ogc": "http://www.opengis.net/ogc",
    "se": "http://www.opengis.net/se",
    "xlink": "http://www.w3.org/1999/xlink",
}
COMPARISONS = {
    "PropertyIsEqualTo": "=",
    "PropertyIsNotEqualTo": "<>",
    "PropertyIsLessThan": "<",
    "PropertyIsGreaterThan": ">",
    "PropertyIsLessThanOrEqualTo": "<=",
    "PropertyIsGreaterThanOrEqualTo": ">=",
}
MARKS = ("circle", "square", "triangle", "star", "cross", "x")


class StyleError(ValueError):
    """An SLD file uses something SIGAP cannot render faithfully."""


@dataclass(frozen=True)
class Filter:
    """``op`` is a comparison (``=``, ``<`` …), ``between``, ``null``, ``and``,
    ``or`` or ``not``; leaves carry ``property`` and ``values``."""

    op: str
    property: str | None = None
    values: tuple[str, ...] = ()
    children: tuple[Filter, ...] = ()


@dataclass(frozen=True)
class Stroke:
    color: str = "#000000"
    width: float = 1.0
    opacity: float = 1.0
    dasharray: tuple[float, ...] = ()


@dataclass(frozen=True)
class Fill:
    color: str = "#808080"
    opacity: float = 1.0


@dataclass(frozen=True)
class PointSymbolizer:
    mark: str = "square"
    size: float = 6.0
    fill: Fill | None = None
    stroke: Stroke | None = None


@dataclass(frozen=True)
class LineSymbolizer:
    stroke: Stroke = field(default_factory=Stroke)


@dataclass(frozen=True)
class PolygonSymbolizer:
    fill: Fill | None = None
    stroke: Stroke | None = None


@dataclass(frozen=True)
class TextSymbolizer:
    label: str
    size: float = 10.0
    fill: Fill = field(default_factory=lambda: Fill("#000000"))
    halo_radius: float = 0.0
    halo_fill: Fill | None = None
    bold: bool = False


@dataclass(frozen=True)
class ColorMapEntry:
    quantity: float
    color: str
    opacity: float = 1.0
    label: str = ""


@dataclass(frozen=True)
class RasterSymbolizer:
    entries: tuple[ColorMapEntry, ...]
    ramp: str = "ramp"  # ramp | intervals | values
    opacity: float = 1.0


Symbolizer = (
    PointSymbolizer
    | LineSymbolizer
    | PolygonSymbolizer
    | TextSymbolizer
    | RasterSymbolizer
)


@dataclass(frozen=True)
class Rule:
    name: str
    title: str
    filter: Filter | None
    min_scale: float | None
    max_scale: float | None
    symbolizers: tuple[Symbolizer, ...]
    else_filter: bool = False

    @property
    def properties(self) -> set[str]:
        """Every attribute the rule reads (its filter and its labels)."""
        return _filter_properties(self.filter) | {
            s.label for s in self.symbolizers if isinstance(s, TextSymbolizer)
        }

    def applies_at(self, scale: float) -> bool:
        """Whether the rule draws at ``scale`` (min inclusive, max exclusive)."""
        return (self.min_scale is None or scale >= self.min_scale) and (
            self.max_scale is None or scale < self.max_scale
        )


@dataclass(frozen=True)
class Style:
    """One ``UserStyle`` of one ``NamedLayer``."""

    layer: str
    name: str
    title: str
    abstract: str
    rules: tuple[Rule, ...]
    path: Path | None = None

    @property
    def properties(self) -> set[str]:
        """Every attribute the rules read (filters and labels)."""
        return set().union(*(rule.properties for rule in self.rules))


def _filter_properties(node: Filter | None) -> set[str]:
    if node is None:
        return set()
    own = {node.property} if node.property else set()
    return own.union(*(_filter_properties(c) for c in node.children))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ElementTree.Element, name: str) -> list[ElementTree.Element]:
    return [c for c in element if _local(c.tag) == name]


def _child(element: ElementTree.Element, name: str) -> ElementTree.Element | None:
    found = _children(element, name)
    return found[0] if found else None


def _text(element: ElementTree.Element | None, name: str, default: str = "") -> str:
    if element is None:
        return default
    child = _child(element, name)
    return (child.text or "").strip() if child is not None else default


def _params(element: ElementTree.Element | None, tag: str) -> dict[str, str]:
    if element is None:
        return {}
    return {p.get("name"): (p.text or "").strip() for p in _children(element, tag)}


def _stroke(element: ElementTree.Element | None) -> Stroke | None:
    if element is None:
        return None
    params = _params(element, "CssParameter") or _params(element, "SvgParameter")
    dashes = tuple(float(v) for v in params.get("stroke-dasharray", "").split())
    return Stroke(
        params.get("stroke", "#000000"),
        float(params.get("stroke-width", 1)),
        float(params.get("stroke-opacity", 1)),
        dashes,
    )


def _fill(element: ElementTree.Element | None) -> Fill | None:
    if element is None:
        return None
    params = _params(element, "CssParameter") or _params(element, "SvgParameter")
    return Fill(params.get("fill", "#808080"), float(params.get("fill-opacity", 1)))


def _filter(element: ElementTree.Element) -> Filter:
    name = _local(element.tag)
    if name in ("And", "Or"):
        return Filter(name.lower(), children=tuple(_filter(c) for c in element))
    if name == "Not":
        return Filter("not", children=(_filter(element[0]),))
    if name in COMPARISONS:
        prop, literal = _text(element, "PropertyName"), _text(element, "Literal")
        return Filter(COMPARISONS[name], prop, (literal,))
    if name == "PropertyIsBetween":
        low = _child(element, "LowerBoundary")
        high = _child(element, "UpperBoundary")
        return Filter(
            "between",
            _text(element, "PropertyName"),
            (_text(low, "Literal"), _text(high, "Literal")),
        )
    if name == "PropertyIsNull":
        return Filter("null", _text(element, "PropertyName"))
    raise StyleError(f"unsupported filter {name}")


def _symbolizer(element: ElementTree.Element) -> Symbolizer:
    name = _local(element.tag)
    if name == "PointSymbolizer":
        graphic = _child(element, "Graphic")
        mark = _child(graphic, "Mark") if graphic is not None else None
        if mark is None:
            raise StyleError("PointSymbolizer needs a Graphic/Mark")
        well_known = _text(mark, "WellKnownName", "square")
        if well_known not in MARKS:
            raise StyleError(f"unsupported mark {well_known}")
        return PointSymbolizer(
            well_known,
            float(_text(graphic, "Size", "6")),
            _fill(_child(mark, "Fill")),
            _stroke(_child(mark, "Stroke")),
        )
    if name == "LineSymbolizer":
        return LineSymbolizer(_stroke(_child(element, "Stroke")) or Stroke())
    if name == "PolygonSymbolizer":
        return PolygonSymbolizer(
            _fill(_child(element, "Fill")), _stroke(_child(element, "Stroke"))
        )
    if name == "TextSymbolizer":
        label = _child(element, "Label")
        prop = _text(label, "PropertyName") if label is not None else ""
        if not prop:
            raise StyleError("TextSymbolizer needs Label/PropertyName")
        font = _params(_child(element, "Font"), "CssParameter") or _params(
            _child(element, "Font"), "SvgParameter"
        )
        halo = _child(element, "Halo")
        return TextSymbolizer(
            prop,
            float(font.get("font-size", 10)),
            _fill(_child(element, "Fill")) or Fill("#000000"),
            float(_text(halo, "Radius", "0")) if halo is not None else 0.0,
            _fill(_child(halo, "Fill")) if halo is not None else None,
            font.get("font-weight", "normal") == "bold",
        )
    if name == "RasterSymbolizer":
        colormap = _child(element, "ColorMap")
        if colormap is None:
            raise StyleError("RasterSymbolizer needs a ColorMap")
        entries = tuple(
            ColorMapEntry(
                float(e.get("quantity")),
                e.get("color"),
                float(e.get("opacity", 1)),
                e.get("label", ""),
            )
            for e in _children(colormap, "ColorMapEntry")
        )
        return RasterSymbolizer(
            entries, colormap.get("type", "ramp"), float(_text(element, "Opacity", "1"))
        )
    raise StyleError(f"unsupported symbolizer {name}")


def _scale(rule: ElementTree.Element, name: str) -> float | None:
    text = _text(rule, name)
    return float(text) if text else None


def _rule(element: ElementTree.Element) -> Rule:
    filter_element = _child(element, "Filter")
    symbolizers = tuple(
        _symbolizer(c) for c in element if _local(c.tag).endswith("Symbolizer")
    )
    if not symbolizers:
        raise StyleError(f"rule {_text(element, 'Name')} draws nothing")
    return Rule(
        name=_text(element, "Name"),
        title=_text(element, "Title"),
        filter=_filter(filter_element[0]) if filter_element is not None else None,
        min_scale=_scale(element, "MinScaleDenominator"),
        max_scale=_scale(element, "MaxScaleDenominator"),
        symbolizers=symbolizers,
        else_filter=_child(element, "ElseFilter") is not None,
    )


def read_sld(path: Path) -> list[Style]:
    """Every ``UserStyle`` in an SLD file; :class:`StyleError` names what is wrong."""
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        raise StyleError(f"{path.name}: {error}") from None
    styles = []
    for named_layer in _children(root, "NamedLayer"):
        layer = _text(named_layer, "Name")
        for user_style in _children(named_layer, "UserStyle"):
            try:
                rules = tuple(
                    _rule(r)
                    for fts in _children(user_style, "FeatureTypeStyle")
                    for r in _children(fts, "Rule")
                )
            except (StyleError, TypeError, ValueError) as error:
                raise StyleError(f"{path.name}: {error}") from None
            styles.append(
                Style(
                    layer,
                    _text(user_style, "Name"),
                    _text(user_style, "Title"),
                    _text(user_style, "Abstract"),
                    rules,
                    path,
                )
            )
    if not styles:
        raise StyleError(f"{path.name}: no NamedLayer/UserStyle")
    return styles


def read_styles(folder: Path) -> dict[str, Style]:
    """Every style in ``folder/*.sld``, by style name (names must be unique)."""
    styles: dict[str, Style] = {}
    for path in sorted(folder.glob("*.sld")):
        for style in read_sld(path):
            if style.name in styles:
                raise StyleError(f"style {style.name} is defined twice")
            styles[style.name] = style
    return styles


def styles_document(paths: list[Path]) -> bytes:
    """One SLD document holding the named layers of the files ``paths``; a single
    file is returned unchanged."""
    if len(paths) == 1:
        return paths[0].read_bytes()
    inner = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        start = text.index("<NamedLayer>")
        end = text.rindex("</NamedLayer>") + len("</NamedLayer>")
        inner.append(text[start:end])
    head = paths[0].read_text(encoding="utf-8")
    return (
        head[: head.index("<NamedLayer>")]
        + "\n  ".join(inner)
        + "\n</StyledLayerDescriptor>\n"
    ).encode()
