"""WMS exceptions: a ServiceExceptionReport in the version the client asked for,
or, for GetMap with ``EXCEPTIONS=BLANK``/``INIMAGE``, an image."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from flask import Response, request

from api.wms_params import MAX_SIZE, VERSIONS
from gis.errors import InvalidCRS, LayerNotFound, SigapError
from gis.render import error_image

#: the exception codes a WMS client knows (WMS 1.3.0 Annex A, 1.1.1's InvalidSRS,
#: and the two OWS codes for parameters)
WMS_CODES = {
    "InvalidFormat",
    "InvalidCRS",
    "InvalidSRS",
    "LayerNotDefined",
    "StyleNotDefined",
    "LayerNotQueryable",
    "InvalidPoint",
    "MissingDimensionValue",
    "InvalidDimensionValue",
    "OperationNotSupported",
    "InvalidParameterValue",
    "MissingParameterValue",
}
SE_XML = {
    "1.3.0": "text/xml; charset=utf-8",
    "1.1.1": "application/vnd.ogc.se_xml; charset=utf-8",
}


def exception_response(error: SigapError) -> Response:
    """A SIGAP error as WMS reports it: a ServiceExceptionReport of the asked
    version, or for GetMap with ``EXCEPTIONS=BLANK``/``INIMAGE`` an image (a
    client error only; a server fault is always the report with its 5xx)."""
    params = {k.upper(): v for k, v in request.args.items()}
    asked = params.get("VERSION") or params.get("WMTVER")
    version = asked if asked in VERSIONS else "1.3.0"
    exceptions = (params.get("EXCEPTIONS") or "XML").upper()
    if (
        not error.server_fault
        and params.get("REQUEST", "").lower() == "getmap"
        and ("BLANK" in exceptions or "INIMAGE" in exceptions)
    ):
        try:
            width = int(params.get("WIDTH", 256))
            height = int(params.get("HEIGHT", 256))
        except ValueError:
            width = height = 256
        if 0 < width <= MAX_SIZE and 0 < height <= MAX_SIZE:
            return _in_image(
                error,
                width,
                height,
                params.get("FORMAT", "image/png"),
                "BLANK" in exceptions,
            )
    return _exception_report(error, version)


def _exception_report(error: SigapError, version: str) -> Response:
    code: str | None = error.ogc_code
    if isinstance(error, LayerNotFound):
        code = "LayerNotDefined"
    elif isinstance(error, InvalidCRS) and version == "1.1.1":
        code = "InvalidSRS"
    if code not in WMS_CODES:
        code = None  # WMS has no code for it (a server fault, an unknown path)
    code_attr = f" code={quoteattr(code)}" if code else ""
    locator = f" locator={quoteattr(error.locator.lower())}" if error.locator else ""
    namespace = (
        ' xmlns="http://www.opengis.net/ogc"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://www.opengis.net/ogc'
        ' http://schemas.opengis.net/wms/1.3.0/exceptions_1_3_0.xsd"'
        if version == "1.3.0"
        else ""
    )
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<ServiceExceptionReport version="{version}"{namespace}>'
        f"<ServiceException{code_attr}{locator}>{escape(error.message)}"
        "</ServiceException></ServiceExceptionReport>"
    )
    # an unknown layer is a bad parameter here, not a missing resource
    status = 400 if isinstance(error, LayerNotFound) else error.status
    return Response(body, status=status, content_type=SE_XML[version])


def _in_image(
    error: SigapError, width: int, height: int, fmt: str, blank: bool
) -> Response:
    body, media_type = error_image(None if blank else error.message, width, height, fmt)
    return Response(body, content_type=media_type)
