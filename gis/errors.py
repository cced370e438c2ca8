"""SIGAP's exception tree: one error model for every surface.

Each error knows what every protocol needs to report it: the HTTP ``status``, a
stable ``code`` (the JSON APIs), the OGC exception code ``ogc_code`` (WMS
ServiceExceptionReport, OGC API exception) and the Open311 ``open311_code`` (the
spec answers 400 for everything that is not 403/404). A subclass sets them once;
``api.errors`` formats the same exception in each surface's own way. A server fault
is a 5xx on every surface, never dressed as a client error.
"""

from __future__ import annotations


class SigapWarning(UserWarning):
    """Warnings SIGAP itself raises (tests turn them into errors)."""


class SigapError(Exception):
    """Base of every error SIGAP reports to a user.

    Parameters
    ----------
    message : str
        What went wrong, already translated (Indonesian first).
    **details
        Context; ``field`` names the offending parameter (the OGC ``locator``).

    Attributes
    ----------
    code : str
        Stable machine-readable code.
    status : int
        HTTP status a web surface should answer with.
    ogc_code : str
        OGC exception code (WMS and OGC API).
    open311_code : int
        Open311 error code, also its HTTP status on that surface.
    """

    code = "error"
    status = 500
    ogc_code = "NoApplicableCode"
    open311_code = 500

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    @property
    def locator(self) -> str | None:
        """The parameter the error is about, if any."""
        field = self.details.get("field")
        return None if field is None else str(field)

    @property
    def server_fault(self) -> bool:
        """Whether SIGAP, not the client, is at fault (a 5xx)."""
        return self.status >= 500


class NotFound(SigapError):
    code, status, ogc_code, open311_code = "not_found", 404, "NotFound", 404


class InvalidParameter(SigapError):
    code, status, ogc_code, open311_code = (
        "invalid_parameter",
        400,
        "InvalidParameterValue",
        400,
    )


class MissingParameter(InvalidParameter):
    code, ogc_code = "missing_parameter", "MissingParameterValue"


class InvalidFormat(InvalidParameter):
    code, ogc_code = "invalid_format", "InvalidFormat"


class InvalidCRS(InvalidParameter):
    """WMS 1.1.1 names it ``InvalidSRS``; the WMS formatter says so."""

    code, ogc_code = "invalid_crs", "InvalidCRS"


class InvalidPoint(InvalidParameter):
    code, ogc_code = "invalid_point", "InvalidPoint"


class InvalidDimensionValue(InvalidParameter):
    code, ogc_code = "invalid_dimension_value", "InvalidDimensionValue"


class LayerNotDefined(InvalidParameter):
    """A request names a layer that is not published (a parameter error)."""

    code, ogc_code = "layer_not_defined", "LayerNotDefined"


class LayerNotQueryable(InvalidParameter):
    code, ogc_code = "layer_not_queryable", "LayerNotQueryable"


class StyleNotDefined(InvalidParameter):
    code, ogc_code = "style_not_defined", "StyleNotDefined"


class OperationNotSupported(InvalidParameter):
    code, ogc_code = "operation_not_supported", "OperationNotSupported"


class Forbidden(SigapError):
    code, status, ogc_code, open311_code = "forbidden", 403, "Forbidden", 403


class MethodNotAllowed(SigapError):
    """The route exists but not for this HTTP method."""

    code, status, ogc_code, open311_code = (
        "method_not_allowed",
        405,
        "OperationNotSupported",
        405,
    )

    def __init__(
        self, message: str, allowed: tuple[str, ...] = (), **details: object
    ) -> None:
        super().__init__(message, **details)
        self.allowed = allowed


class IllegalTransition(SigapError):
    code, status, ogc_code, open311_code = (
        "illegal_transition",
        409,
        "InvalidParameterValue",
        400,
    )


class PayloadTooLarge(SigapError):
    code, status, ogc_code, open311_code = (
        "payload_too_large",
        413,
        "InvalidParameterValue",
        413,
    )


class ServerFault(SigapError):
    """Something failed inside SIGAP (a bug); the cause is logged, not shown."""

    code, status = "server_error", 500


class Unavailable(SigapError):
    """A component SIGAP needs (the database) cannot be reached."""

    code, status, open311_code = "unavailable", 503, 503


class LayerNotFound(NotFound):
    code = "layer_not_found"


class OutsideCity(InvalidParameter):
    code = "outside_city"


class ImportFailed(InvalidParameter):
    """A whole import was refused; nothing was written."""

    code = "import_failed"
