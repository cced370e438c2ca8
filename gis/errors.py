"""SIGAP's exception tree: one error model for every surface.

Each error knows what every protocol needs to report it: the HTTP ``status``, a
stable ``code`` (the JSON APIs), the OGC exception code ``ogc_code`` (WMS
ServiceExceptionReport, OGC API exception) and the Open311 ``open311_code`` (the
HTTP status unless a class says otherwise). A subclass sets them once;
``api.errors`` formats the same exception in each surface's own way. A server fault
is a 5xx on every surface, never dressed as a client error.
"""

from __future__ import annotations

from collections.abc import Sequence

from gis.i18n import bilingual


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

    def __init_subclass__(cls, **codes: object) -> None:
        # ``class NotFound(SigapError, status=404, ...)``: each code stated once
        super().__init_subclass__()
        for name, value in codes.items():
            if name not in ("code", "status", "ogc_code", "open311_code"):
                raise TypeError(f"{cls.__name__}: unknown error attribute {name}")
            setattr(cls, name, value)
        if "status" in codes and "open311_code" not in codes:
            # Open311 answers with the HTTP status; only a conflict is told apart
            cls.open311_code = codes["status"]

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


class NotFound(SigapError, code="not_found", status=404, ogc_code="NotFound"):
    """The thing asked for does not exist."""


class InvalidParameter(
    SigapError, code="invalid_parameter", status=400, ogc_code="InvalidParameterValue"
):
    """A parameter or field has a value SIGAP cannot accept."""


class MissingParameter(
    InvalidParameter, code="missing_parameter", ogc_code="MissingParameterValue"
):
    """A required parameter or field is absent."""


class InvalidFormat(InvalidParameter, code="invalid_format", ogc_code="InvalidFormat"):
    """An output format SIGAP does not offer."""


class InvalidCRS(InvalidParameter, code="invalid_crs", ogc_code="InvalidCRS"):
    """WMS 1.1.1 names it ``InvalidSRS``; the WMS formatter says so."""


class InvalidPoint(InvalidParameter, code="invalid_point", ogc_code="InvalidPoint"):
    """A GetFeatureInfo pixel outside the map."""


class InvalidDimensionValue(
    InvalidParameter, code="invalid_dimension_value", ogc_code="InvalidDimensionValue"
):
    """A TIME (or other dimension) value outside what a layer has."""


class LayerNotDefined(
    InvalidParameter, code="layer_not_defined", ogc_code="LayerNotDefined"
):
    """A request names a layer that is not published (a parameter error)."""


class LayerNotQueryable(
    InvalidParameter, code="layer_not_queryable", ogc_code="LayerNotQueryable"
):
    """GetFeatureInfo on a layer without a click panel."""


class StyleNotDefined(
    InvalidParameter, code="style_not_defined", ogc_code="StyleNotDefined"
):
    """A style the layer does not have."""


class OperationNotSupported(
    InvalidParameter, code="operation_not_supported", ogc_code="OperationNotSupported"
):
    """A protocol operation SIGAP does not implement."""


class Forbidden(SigapError, code="forbidden", status=403, ogc_code="Forbidden"):
    """The caller may not do this (role, OPD, key or CSRF)."""


class MethodNotAllowed(
    SigapError, code="method_not_allowed", status=405, ogc_code="OperationNotSupported"
):
    """The route exists but not for this HTTP method."""

    def __init__(
        self, message: str, allowed: tuple[str, ...] = (), **details: object
    ) -> None:
        super().__init__(message, **details)
        self.allowed = allowed


class IllegalTransition(
    SigapError,
    code="illegal_transition",
    status=409,
    ogc_code="InvalidParameterValue",
    open311_code=400,
):
    """A complaint cannot make this move from its present state."""


class PayloadTooLarge(
    SigapError, code="payload_too_large", status=413, ogc_code="InvalidParameterValue"
):
    """An upload or body over its size limit."""


class ServerFault(SigapError, code="server_error", status=500):
    """Something failed inside SIGAP (a bug); the cause is logged, not shown."""


class Unavailable(SigapError, code="unavailable", status=503):
    """A component SIGAP needs (the database) cannot be reached."""


class LayerNotFound(NotFound, code="layer_not_found"):
    """A collection or layer path that is not published."""


class OutsideCity(InvalidParameter, code="outside_city"):
    """A point outside Kota Kupang."""


class ImportFailed(InvalidParameter, code="import_failed"):
    """A whole import was refused; nothing was written."""


def require_choice(
    value: str,
    choices: Sequence[str],
    *,
    name: str,
    error: type[SigapError] = InvalidParameter,
    field: str | None = None,
) -> str:
    """``value`` if it is one of ``choices``, else ``error`` saying what
    ``name`` may be (the one refusal of every closed list of options)."""
    if value not in choices:
        raise error(
            bilingual(
                "{name} must be one of {values}: {value!r}",
                name=name,
                values=", ".join(choices),
                value=value,
            ),
            field=field or name,
        )
    return value
