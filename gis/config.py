"""Settings read once from ``SIGAP_*`` environment variables, then passed explicitly."""

from __future__ import annotations

import os
import urllib.parse
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from gis.timeutil import CLOCK_VARIABLE, parse_instant

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/sigap"


def normalise_database_url(url: str) -> str:
    """Return ``url`` with the psycopg 3 driver named, as SQLAlchemy wants it."""
    for prefix in ("postgresql+psycopg2://", "postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    if url.startswith("postgresql+psycopg://"):
        return url
    raise ValueError(f"SIGAP_DATABASE_URL must be a PostgreSQL URL, got {url!r}")


def _default_database_url(var_dir: Path) -> str:
    # scripts/setup.sh writes var/database_url when it had to create its own role.
    stored = var_dir / "database_url"
    if stored.is_file() and stored.read_text().strip():
        return stored.read_text().strip()
    return DEFAULT_DATABASE_URL


def database_name(url: str) -> str:
    """The database named in ``url``."""
    return urllib.parse.urlsplit(url).path.lstrip("/")


def with_database(url: str, name: str) -> str:
    """``url`` pointing at database ``name`` on the same server."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


def _positive(env: dict[str, str] | os._Environ, name: str, default: int) -> int:
    text = env.get(name, "").strip()
    if not text:
        return default
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise ValueError(f"{name} must be a whole number of at least 1, got {text!r}")
    return int(text)


def _count(env: dict[str, str] | os._Environ, name: str, default: int) -> int:
    text = env.get(name, "").strip()
    if not text:
        return default
    if not (text.isascii() and text.isdigit()) or int(text) > 10:
        raise ValueError(f"{name} must be a whole number from 0 to 10, got {text!r}")
    return int(text)


@dataclass(frozen=True)
class Settings:
    """Everything configurable about one SIGAP installation.

    Attributes
    ----------
    database_url : str
        SQLAlchemy URL of the PostGIS database (``postgresql+psycopg://…``).
    data_dir : Path
        Shipped reference data (boundaries, OPD, categories).
    styles_dir : Path
        The SLD files every renderer reads (``styles/*.sld``).
    var_dir : Path
        Writable state: media, generated files, demo manifest.
    media_dir : Path
        Photos of complaints.
    language : str
        Default language of user-facing text (``id`` or ``en``).
    clock : datetime or None
        A pinned "now" (``SIGAP_NOW``) for demos and tests; None reads the real
        clock. Every caller gets the time from :func:`gis.timeutil.now`.
    session_idle : timedelta
        A staff session unused this long ends (``SIGAP_SESSION_IDLE_MINUTES``, 30).
    session_lifetime : timedelta
        No staff session lasts longer (``SIGAP_SESSION_HOURS``, 12).
    login_failures : int
        Wrong passwords for one username within ``login_window`` that lock it
        (``SIGAP_LOGIN_FAILURES``, 5).
    client_failures : int
        Wrong passwords from one client address within ``login_window`` that
        lock that address out (``SIGAP_CLIENT_FAILURES``, 30).
    login_window : timedelta
        How far back failures count, and so how long a lockout lasts
        (``SIGAP_LOGIN_WINDOW_MINUTES``, 15).
    https : bool
        Served behind HTTPS (``SIGAP_HTTPS=1``): cookies are ``Secure`` and
        responses carry HSTS.
    trusted_proxies : int
        How many reverse proxies stand in front of SIGAP
        (``SIGAP_TRUSTED_PROXIES``, 0). Only then are that many hops of
        ``X-Forwarded-For``/``-Proto``/``-Host`` believed: the client address
        that sign-in throttling counts is the one the nearest trusted proxy saw.
        With 0 the headers are ignored (anyone can write them).
    public_url : str
        Where residents reach this server (``SIGAP_PUBLIC_URL``): links in messages.
    smtp_url : str
        Mail server for messages to reporters (``SIGAP_SMTP_URL``,
        ``smtp://user:password@host:587?from=aduan@kupangkota.go.id&starttls=1``,
        ``smtps://`` for TLS); empty: no email.
    webhook_url : str
        HTTP endpoint receiving messages as signed JSON (``SIGAP_WEBHOOK_URL``),
        e.g. a WhatsApp/SMS gateway; empty: none.
    webhook_secret : str
        HMAC-SHA256 key signing each webhook body (``SIGAP_WEBHOOK_SECRET``).
    basemap_url : str or None
        Web tiles drawn under SIGAP's own basemap (``SIGAP_BASEMAP_URL``, a
        ``{z}/{x}/{y}`` template); none by default, the maps need no internet.
    basemap_attribution : str
        Credit shown for those tiles (``SIGAP_BASEMAP_ATTRIBUTION``).
    reports_per_hour : int
        Reports the citizen app takes from one device, and from one address,
        per hour (``SIGAP_REPORTS_PER_HOUR``, 10).
    reports_per_address : int
        Reports it takes from one IP address per hour
        (``SIGAP_REPORTS_PER_HOUR_PER_ADDRESS``, 30: carriers put many phones
        behind one address).
    """

    database_url: str = field(default="")
    data_dir: Path = PROJECT_ROOT / "data"
    styles_dir: Path = PROJECT_ROOT / "styles"
    var_dir: Path = PROJECT_ROOT / "var"
    media_dir: Path = PROJECT_ROOT / "var" / "media"
    language: str = "id"
    clock: datetime | None = None
    session_idle: timedelta = timedelta(minutes=30)
    session_lifetime: timedelta = timedelta(hours=12)
    login_failures: int = 5
    client_failures: int = 30
    login_window: timedelta = timedelta(minutes=15)
    https: bool = False
    trusted_proxies: int = 0
    public_url: str = "http://127.0.0.1:8000"
    smtp_url: str = ""
    webhook_url: str = ""
    webhook_secret: str = ""
    basemap_url: str | None = None
    basemap_attribution: str = ""
    reports_per_hour: int = 10
    reports_per_address: int = 30

    def __post_init__(self) -> None:
        url = self.database_url or _default_database_url(self.var_dir)
        object.__setattr__(self, "database_url", normalise_database_url(url))
        if self.language not in ("id", "en"):
            raise ValueError("SIGAP_LANGUAGE must be 'id' or 'en'")

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Build settings from ``SIGAP_*`` variables, defaults for the rest."""
        env = os.environ if environ is None else environ
        var_dir = Path(env.get("SIGAP_VAR_DIR", PROJECT_ROOT / "var"))
        pinned = env.get(CLOCK_VARIABLE, "").strip()
        try:
            clock = parse_instant(pinned) if pinned else None
        except ValueError:
            raise ValueError(
                f"{CLOCK_VARIABLE} must be an ISO 8601 time such as"
                f" 2026-11-01T08:00+08:00, got {pinned!r}"
            ) from None
        return cls(
            database_url=env.get("SIGAP_DATABASE_URL", ""),
            data_dir=Path(env.get("SIGAP_DATA_DIR", PROJECT_ROOT / "data")),
            styles_dir=Path(env.get("SIGAP_STYLES_DIR", PROJECT_ROOT / "styles")),
            var_dir=var_dir,
            media_dir=Path(env.get("SIGAP_MEDIA_DIR", var_dir / "media")),
            language=env.get("SIGAP_LANGUAGE", "id"),
            clock=clock,
            session_idle=timedelta(
                minutes=_positive(env, "SIGAP_SESSION_IDLE_MINUTES", 30)
            ),
            session_lifetime=timedelta(hours=_positive(env, "SIGAP_SESSION_HOURS", 12)),
            login_failures=_positive(env, "SIGAP_LOGIN_FAILURES", 5),
            client_failures=_positive(env, "SIGAP_CLIENT_FAILURES", 30),
            login_window=timedelta(
                minutes=_positive(env, "SIGAP_LOGIN_WINDOW_MINUTES", 15)
            ),
            https=env.get("SIGAP_HTTPS", "").strip().lower() in ("1", "true", "yes"),
            trusted_proxies=_count(env, "SIGAP_TRUSTED_PROXIES", 0),
            public_url=env.get("SIGAP_PUBLIC_URL", "").strip().rstrip("/")
            or "http://127.0.0.1:8000",
            smtp_url=env.get("SIGAP_SMTP_URL", "").strip(),
            webhook_url=env.get("SIGAP_WEBHOOK_URL", "").strip(),
            webhook_secret=env.get("SIGAP_WEBHOOK_SECRET", "").strip(),
            basemap_url=env.get("SIGAP_BASEMAP_URL", "").strip() or None,
            basemap_attribution=env.get("SIGAP_BASEMAP_ATTRIBUTION", "").strip(),
            reports_per_hour=_positive(env, "SIGAP_REPORTS_PER_HOUR", 10),
            reports_per_address=_positive(
                env, "SIGAP_REPORTS_PER_HOUR_PER_ADDRESS", 30
            ),
        )

    def replace(self, **changes: object) -> Settings:
        """A copy with ``changes`` applied."""
        return replace(self, **changes)
