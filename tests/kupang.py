"""Places in Kupang and the people who act on tickets, shared by the tests."""

from __future__ import annotations

from layers.accounts import Actor

#: (lon, lat) in Kelurahan Fatululi
FATULULI = (123.6075, -10.1620)
#: (lon, lat) in Kelurahan Oebobo
OEBOBO = (123.6000, -10.1700)

OPERATOR = Actor("ops", "operator")
ADMIN = Actor("root", "admin")
DPUPR = Actor("pupr", "opd_staff", "DPUPR")
DLHK = Actor("dlhk", "opd_staff", "DLHK")
