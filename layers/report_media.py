"""A report that comes with a photo: where it is, and the photo kept with it.

:func:`report_point` takes the place from the coordinates sent, else from the
photo's GPS; :func:`submit_with_media` writes the photo under the media folder
and submits the report (:func:`layers.intake.submit_report`) in one
transaction, deleting the photo's files again when the report is refused, so a
refused report leaves nothing on disk.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from gis.errors import InvalidParameter
from gis.i18n import bilingual
from gis.photos import PreparedPhoto, remove_saved
from layers.accounts import check_api_key
from layers.categories import check_attributes, service_attributes
from layers.intake import Report, Submission, parse_coordinate, submit_report


def report_point(
    lon: str | None, lat: str | None, photo: PreparedPhoto | None
) -> tuple[float, float]:
    """(lon, lat) of a report: the coordinates sent, else the photo's GPS.

    Raises :class:`~gis.errors.InvalidParameter` when only one coordinate is sent
    or neither a location nor a photo with GPS is.
    """
    if (lat is None) != (lon is None):
        raise InvalidParameter(
            bilingual("lat and long must be sent together"),
            field="lat" if lat is None else "long",
        )
    if lat is not None:
        return parse_coordinate(lon, "long"), parse_coordinate(lat, "lat")
    if photo is not None and photo.gps is not None:
        return photo.gps
    raise InvalidParameter(
        bilingual("A location is required: lat and long, or a photo with GPS"),
        field="lat",
    )


def submit_with_media(
    transaction: Callable[[], AbstractContextManager[sa.Connection]],
    report: Report,
    now: datetime,
    *,
    api_key: str | None,
    answers: dict[str, list[str]],
    media_dir: Path,
    photo: PreparedPhoto | None = None,
    media_url: str | None = None,
) -> Submission:
    """Take in a report from a channel that sends an API key, answers to the
    category's questions and media (Open311).

    In one ``transaction()``: the key and answers are checked, the photo is
    written under ``media_dir`` and the report submitted (:func:`submit_report`).
    When anything fails, the commit included, the photo's files are deleted again,
    so a refused report leaves nothing on disk.
    """
    if media_url and not re.match(r"^https?://", media_url):
        raise InvalidParameter(
            bilingual("media_url must be an http(s) URL"), field="media_url"
        )
    saved: dict | None = None
    try:
        with transaction() as conn:
            check_api_key(conn, api_key)
            attributes = check_attributes(
                service_attributes(conn, report.category_code), answers
            )
            photos = []
            if photo is not None:
                saved = photo.save(media_dir, now)
                photos.append(saved)
            if media_url:
                photos.append({"url": media_url})
            return submit_report(
                conn, replace(report, attributes=attributes, photos=photos), now
            )
    except BaseException:
        if saved is not None:
            remove_saved(media_dir, saved)
        raise
