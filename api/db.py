"""Per-request state of the Flask app: settings, database connection, clock."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import sqlalchemy as sa
from flask import Flask, current_app, g

from gis import timeutil
from gis.config import Settings
from gis.db import get_engine


def settings() -> Settings:
    """The application's settings."""
    return current_app.config["SIGAP_SETTINGS"]


def now() -> datetime:
    """The request's "now" (:func:`gis.timeutil.now` with the settings' clock),
    taken once so every query of one request sees the same instant."""
    if "now" not in g:
        g.now = timeutil.now(settings().clock)
    return g.now


def get_connection() -> sa.Connection:
    """The request's connection (opened on first use, closed at teardown)."""
    if "db" not in g:
        g.db = get_engine(settings()).connect()
    return g.db


def close_connection(_error: BaseException | None = None) -> None:
    connection = g.pop("db", None)
    if connection is not None:
        connection.close()


def init_app(app: Flask) -> None:
    """Register the teardown that closes the request's connection."""
    app.teardown_appcontext(close_connection)


@contextmanager
def transaction() -> Iterator[sa.Connection]:
    """The request's connection inside a transaction committed on success.

    Reads done earlier in the request (e.g. checking the login) ran in an implicit
    transaction; it is ended first so the writes get a transaction of their own.
    """
    connection = get_connection()
    if connection.in_transaction():
        connection.commit()
    with connection.begin():
        yield connection
