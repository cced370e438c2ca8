"""The drill-down filters every list of complaints shares.

The command room links a tile or a red flag to the public list (``/laporan``)
and to the staff inbox with the same parameters — kelurahan, category, public
group, state, OPD, past the SLA deadline, red flag, entered its group since a
day — so each list narrows itself from one :class:`DrillDown`, checked once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from gis.errors import InvalidParameter
from gis.i18n import bilingual
from layers.status import Group, is_state


@dataclass(frozen=True)
class DrillDown:
    """What a list is narrowed to: ``kelurahan`` code, ``category`` code,
    ``group`` public group, ``status`` state, ``opd`` code, ``overdue`` past the
    SLA deadline, ``red`` in a red flag, ``since`` entered its group since (see
    :func:`layers.status.entered_column`). Unknown states and groups are refused."""

    kelurahan: str | None = None
    category: str | None = None
    group: str | None = None
    status: str | None = None
    opd: str | None = None
    overdue: bool = False
    red: bool = False
    since: datetime | None = None

    def __post_init__(self) -> None:
        if self.status is not None and not is_state(self.status):
            raise InvalidParameter(
                bilingual("Unknown status {status}", status=self.status),
                field="status",
            )
        if self.group is not None and self.group not in Group._value2member_map_:
            raise InvalidParameter(
                bilingual(
                    "Unknown group {group}: {groups}",
                    group=self.group,
                    groups=", ".join(g.value for g in Group),
                ),
                field="kelompok",
            )
