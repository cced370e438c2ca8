"""The groups of the published layer tree (capabilities, viewer), in order."""

from __future__ import annotations

from gis.i18n import N_

BOUNDARIES = "boundaries"
NETWORKS = "networks"
COMPLAINTS = "complaints"
ANALYSIS = "analysis"
CITY = "city"
#: layer-tree groups in capabilities order: name → title msgid
GROUPS = {
    BOUNDARIES: N_("Administrative boundaries"),
    NETWORKS: "City networks",
    COMPLAINTS: "Complaints",
    ANALYSIS: N_("Analysis results"),
    CITY: N_("City data"),
}
