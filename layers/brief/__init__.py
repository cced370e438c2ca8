"""The mayor's morning brief: one page, HTML and PDF, with the numbers, red flags,
new hot spots, the OPD ranking and two maps.

``sigap brief`` writes ``var/briefs/<date>.html`` and ``.pdf``; ``sigap brief
--daily`` keeps doing so every morning (06:00 WITA by default) and the server shows
the newest at ``/brief``. Maps are rendered by the WMS renderer from the same SLD
styles as everything else; the page is ``layers/templates/brief.html``, in the
current language (Indonesian unless asked otherwise) with its number formats.

``assemble`` gathers what it holds, ``render`` prints it, ``files`` keeps it.
"""

from layers.brief.assemble import Brief, city_extent, gather
from layers.brief.files import latest, made_at, next_run, write
from layers.brief.render import FLAGS, to_html, to_pdf

__all__ = [
    "FLAGS",
    "Brief",
    "city_extent",
    "gather",
    "latest",
    "made_at",
    "next_run",
    "to_html",
    "to_pdf",
    "write",
]
