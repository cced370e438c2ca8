"""The morning meeting's spreadsheets for staff:
``/api/staff/exports/{queue|scoreboard|red-flags}.{xlsx|csv}`` with ``opd``,
``kelurahan`` and ``days`` (the period back from now). OPD staff get their own
OPD's rows only."""

from __future__ import annotations

from flask import Blueprint, Response, request

from api import params
from api.db import get_connection, now
from api.staff import current_actor
from gis.tables import write_csv, write_xlsx
from layers.exports import FORMATS, PERIODS, Filters, export_table, file_name

MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def make_blueprint() -> Blueprint:
    """Blueprint with ``/api/staff/exports/<kind>.<fmt>``."""
    blueprint = Blueprint("exports", __name__, url_prefix="/api/staff/exports")

    @blueprint.get("/<kind>.<fmt>")
    def export(kind: str, fmt: str) -> Response:
        actor = current_actor()
        fmt = params.choice({"format": fmt}, "format", FORMATS, default="xlsx")
        filters = Filters(
            opd=params.text(request.args, "opd") or None,
            kelurahan=params.text(request.args, "kelurahan") or None,
            days=params.integer(
                request.args, "days", low=min(PERIODS), high=max(PERIODS), default=30
            ),
        )
        at = now()
        table = export_table(get_connection(), kind, actor, filters, at)
        body = write_xlsx(table) if fmt == "xlsx" else write_csv(table)
        name = file_name(kind, filters, at, fmt)
        return Response(
            body,
            mimetype=MEDIA_TYPES[fmt],
            headers={
                "Content-Disposition": f'attachment; filename="{name}"',
                "Cache-Control": "no-store",
            },
        )

    return blueprint
