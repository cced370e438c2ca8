"""Web addresses that SIGAP accepts from clients and republishes.

A client's ``media_url`` is shown to everyone who reads the report, so it must be
a real ``http(s)`` address of a host, not a ``javascript:`` link, not a string
that breaks out of an attribute, and not a way to republish someone's password.
:func:`http_url` checks one and returns it percent-encoded, safe to put in JSON,
XML or HTML.
"""

from __future__ import annotations

import urllib.parse

from gis.errors import InvalidParameter
from gis.i18n import bilingual

MAX_LENGTH = 2000
#: characters left as they are in each part; everything else is percent-encoded
_SAFE = {
    "path": "/%:@!$&'()*+,;=-._~",
    "query": "/?%:@!$&'()*+,;=-._~",
    "fragment": "/?%:@!$&'()*+,;=-._~",
}


def _refuse(field: str) -> InvalidParameter:
    return InvalidParameter(
        bilingual("{field} must be an http(s) URL of a host", field=field),
        field=field,
    )


def http_url(text: str, field: str = "media_url") -> str:
    """``text`` as a normalised, percent-encoded ``http``/``https`` URL.

    Raises :class:`~gis.errors.InvalidParameter` for anything else: another
    scheme, no host, user credentials, a bad port, control characters, or more
    than :data:`MAX_LENGTH` characters.
    """
    text = text.strip()
    if len(text) > MAX_LENGTH or any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise _refuse(field)
    try:
        parts = urllib.parse.urlsplit(text)
        port = parts.port
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        raise _refuse(field) from None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise _refuse(field)
    if parts.username is not None or parts.password is not None:
        raise _refuse(field)
    if not all(c.isalnum() or c in "-._[]:" for c in host):
        raise _refuse(field)
    netloc = host if port is None else f"{host}:{port}"
    return urllib.parse.urlunsplit(
        (
            parts.scheme.lower(),
            netloc,
            urllib.parse.quote(parts.path, safe=_SAFE["path"]) or "/",
            urllib.parse.quote(parts.query, safe=_SAFE["query"]),
            urllib.parse.quote(parts.fragment, safe=_SAFE["fragment"]),
        )
    )
