"""The red-flag layers: kelurahan whose reports have waited too long.

Both read ``sigap_red_flags(:now, 2)`` (migrations), so the flags age with the
clock the request binds (:meth:`gis.layer.Layer.at`).
"""

from __future__ import annotations

from gis.i18n import N_
from gis.layer import Layer
from layers.groups import COMPLAINTS

#: the worst flag of every kelurahan over all categories
RED_FLAGS = Layer(
    name="red_flags",
    title=N_("Red flags (all categories)"),
    abstract=N_(
        "The worst flag of every kelurahan: red when a report has been unhandled"
        " for the category's threshold (7 days by default)."
    ),
    geometry_type="MULTIPOLYGON",
    key="kode",
    group=COMPLAINTS,
    sql="SELECT k.kode, k.nama, f.flag, f.categories, f.unhandled,"
    " round(f.oldest_days::numeric, 1) AS oldest_days, k.geom FROM kelurahan k"
    " JOIN (SELECT kelurahan_kode, (array_agg(flag ORDER BY CASE flag WHEN"
    " 'red' THEN 0 WHEN 'amber' THEN 1 ELSE 2 END))[1] AS flag,"
    " string_agg(category_code, ', ' ORDER BY category_code) AS categories,"
    " sum(unhandled) AS unhandled, max(oldest_days) AS oldest_days"
    " FROM sigap_red_flags(:now, 2) GROUP BY kelurahan_kode) f"
    " ON f.kelurahan_kode = k.kode",
    styles=("red_flags",),
    columns=(
        ("nama", "Kelurahan"),
        ("flag", "Flag"),
        ("categories", "Categories"),
        ("unhandled", N_("Unhandled")),
        ("oldest_days", "Oldest (days)"),
    ),
)

#: per complaint category (``{code}`` in the SQL, ``{category}`` in the title;
#: see :func:`layers.catalogue.for_category`)
RED_FLAGS_BY_CATEGORY = Layer(
    name="red_flags",
    title=N_("Red flags: {category}"),
    abstract=N_(
        "Kelurahan with unhandled reports of this category: red past the"
        " threshold, amber close to it."
    ),
    geometry_type="MULTIPOLYGON",
    key="kode",
    group=COMPLAINTS,
    sql="SELECT k.kode, k.nama, f.flag, f.unhandled, round(f.oldest_days::numeric,"
    " 1) AS oldest_days, array_to_string(f.tickets, ', ') AS tickets, k.geom"
    " FROM sigap_red_flags(:now, 2) f JOIN kelurahan k ON k.kode ="
    " f.kelurahan_kode WHERE f.category_code = '{code}'",
    styles=("red_flags",),
    columns=(
        ("nama", "Kelurahan"),
        ("flag", "Flag"),
        ("unhandled", N_("Unhandled")),
        ("oldest_days", "Oldest (days)"),
        ("tickets", N_("Tickets")),
    ),
)
