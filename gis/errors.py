"""SIGAP's exception tree; each error knows its HTTP status and a stable code."""

from __future__ import annotations


class SigapWarning(UserWarning):
    """Warnings SIGAP itself raises (tests turn them into errors)."""


class SigapError(Exception):
    """Base of every error SIGAP reports to a user.

    Attributes
    ----------
    code : str
        Stable machine-readable code.
    status : int
        HTTP status a web surface should answer with.
    """

    code = "error"
    status = 500

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class NotFound(SigapError):
    code, status = "not_found", 404


class InvalidParameter(SigapError):
    code, status = "invalid_parameter", 400


class Forbidden(SigapError):
    code, status = "forbidden", 403


class IllegalTransition(SigapError):
    code, status = "illegal_transition", 409


class PayloadTooLarge(SigapError):
    code, status = "payload_too_large", 413


class Unavailable(SigapError):
    code, status = "unavailable", 503


class LayerNotFound(NotFound):
    code = "layer_not_found"


class OutsideCity(InvalidParameter):
    code = "outside_city"


class ImportFailed(InvalidParameter):
    """A whole import was refused; nothing was written."""

    code = "import_failed"
