"""The gunicorn worker ``sigap serve`` uses: uvicorn's, without announcing itself
and without its access log (the app logs each request once, with its id, see
:mod:`api.requestlog`)."""

from __future__ import annotations

from uvicorn_worker import UvicornWorker


class SigapWorker(UvicornWorker):
    """Uvicorn (asyncio, httptools) in a gunicorn process, no ``Server`` header,
    no forwarded headers believed on its own."""

    CONFIG_KWARGS = {
        **UvicornWorker.CONFIG_KWARGS,
        "server_header": False,
        "access_log": False,
        # uvicorn would believe X-Forwarded-For from any local peer; whom to
        # believe is SIGAP_TRUSTED_PROXIES' decision (api.security.init_app)
        "proxy_headers": False,
    }
