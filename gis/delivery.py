"""Sending a message out: email over SMTP and a signed JSON webhook.

Each sender delivers one message or raises :class:`DeliveryFailed` (with the
reason, to be stored and retried); none of them knows what the message is about.
Neither channel can promise exactly-once on its own, so every message carries a
stable id for the receiver to drop a repeat: the email's ``Message-ID`` and the
webhook's ``X-SIGAP-Delivery`` header.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import smtplib
import ssl
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate

SIGNATURE_HEADER = "X-SIGAP-Signature"
DELIVERY_HEADER = "X-SIGAP-Delivery"
TIMEOUT_S = 10.0


class DeliveryFailed(Exception):
    """The receiver did not take the message (retry later)."""


@dataclass(frozen=True)
class SmtpServer:
    """Where and how to send mail, read from an ``smtp://`` or ``smtps://`` URL:
    ``smtp://user:password@host:587?from=aduan@example.org&starttls=1``."""

    host: str
    port: int
    sender: str
    username: str | None = None
    password: str | None = None
    tls: bool = False  # smtps: TLS from the first byte
    starttls: bool = False

    @classmethod
    def from_url(cls, url: str) -> SmtpServer:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError(
                f"SIGAP_SMTP_URL must look like smtp://host:port?from=address, "
                f"got {url!r}"
            )
        query = urllib.parse.parse_qs(parts.query)
        sender = query.get("from", [""])[0]
        if "@" not in sender:
            raise ValueError("SIGAP_SMTP_URL needs ?from=<sender address>")
        tls = parts.scheme == "smtps"
        return cls(
            host=parts.hostname,
            port=parts.port or (465 if tls else 25),
            sender=sender,
            username=urllib.parse.unquote(parts.username) if parts.username else None,
            password=urllib.parse.unquote(parts.password) if parts.password else None,
            tls=tls,
            starttls=query.get("starttls", ["0"])[0] in ("1", "true", "yes"),
        )


def send_email(
    server: SmtpServer, to: str, subject: str, text: str, message_id: str
) -> None:
    """Send a plain-text mail; ``message_id`` (``<…@…>``) identifies it for good."""
    message = EmailMessage()
    message["From"] = server.sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = message_id
    message.set_content(text)
    try:
        if server.tls:
            client = smtplib.SMTP_SSL(
                server.host,
                server.port,
                timeout=TIMEOUT_S,
                context=ssl.create_default_context(),
            )
        else:
            client = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT_S)
        with client:
            if server.starttls:
                client.starttls(context=ssl.create_default_context())
            if server.username:
                client.login(server.username, server.password or "")
            client.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        raise DeliveryFailed(f"SMTP {server.host}:{server.port}: {error}") from error


def signature(secret: str, body: bytes) -> str:
    """``sha256=<hex>``: HMAC-SHA256 of ``body`` under ``secret``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def post_webhook(url: str, secret: str, payload: dict, delivery_id: str) -> None:
    """POST ``payload`` as JSON, signed in :data:`SIGNATURE_HEADER`; any answer but
    2xx is a failure."""
    body = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            SIGNATURE_HEADER: signature(secret, body),
            DELIVERY_HEADER: delivery_id,
            "User-Agent": "SIGAP-notify/1",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            response.read()
    except urllib.error.HTTPError as error:
        raise DeliveryFailed(f"webhook answered HTTP {error.code}") from error
    except (OSError, ValueError) as error:
        raise DeliveryFailed(f"webhook unreachable: {error}") from error


def backoff_seconds(attempts: int, base: float, cap: float = 3600.0) -> float:
    """Wait before attempt ``attempts + 1``: ``base`` doubled per failure, capped."""
    return min(cap, base * 2 ** max(0, attempts - 1))
