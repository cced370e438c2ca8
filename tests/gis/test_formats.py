"""Numbers, shares, durations and times read the way Indonesian (or English) does."""

from __future__ import annotations

from datetime import UTC, date, datetime

import jinja2

from gis.formats import (
    format_date,
    format_datetime,
    format_days,
    format_hours,
    format_number,
    format_percent,
    format_value,
    install,
)
from gis.i18n import language

#: 16:34 UTC on 31 October is already 1 November in Kupang
EVENING_UTC = datetime(2026, 10, 31, 16, 34, tzinfo=UTC)


def test_indonesian_numbers_group_with_dots_and_split_decimals_with_a_comma():
    assert format_number(18768) == "18.768"
    assert format_number(19.73, 1) == "19,7"
    assert format_number(3, 1) == "3,0"
    assert format_number(2.5, 0) == "2"  # half to even, as CLDR rounds
    assert format_percent(0.87) == "87%"
    assert format_days(19.73) == "19,7 hari"
    assert format_hours(6.54) == "6,5 jam"


def test_english_is_asked_for_explicitly_or_by_the_current_language():
    assert format_number(18768, language="en") == "18,768"
    assert format_days(19.73, "en") == "19.7 days"
    with language("en"):
        assert format_number(19.73, 1) == "19.7"
        assert format_hours(6.54) == "6.5 h"


def test_times_are_shown_in_wita_whatever_zone_they_come_in():
    assert format_datetime(EVENING_UTC) == "1 Nov 2026 00.34 WITA"
    assert format_datetime(EVENING_UTC, "en") == "1 Nov 2026 00:34 WITA"
    assert format_date(EVENING_UTC) == "1 November 2026"
    assert format_date(date(2026, 8, 17)) == "17 Agustus 2026"


def test_missing_values_show_a_dash():
    assert format_number(None) == format_percent(None) == format_days(None) == "–"
    assert format_datetime(None) == format_date(None) == "–"
    assert format_value(None) == ""


def test_table_cells_format_numbers_and_the_instants_postgis_writes_as_text():
    assert format_value("2025-10-31T16:34:53.769118+00:00") == "1 Nov 2025 00.34 WITA"
    assert format_value(EVENING_UTC) == "1 Nov 2026 00.34 WITA"
    assert format_value(1.876) == "1,876"
    assert format_value("53.71.04.1001") == "53.71.04.1001"
    assert format_value(True) == "true"


def test_templates_get_the_catalogue_and_the_formats_as_filters():
    environment = install(jinja2.Environment(autoescape=True))
    page = environment.from_string(
        "{{ _('Command room') }}: {{ n | number }} · {{ share | percent }}"
        " · {{ age | days }} · {{ at | datetime }}"
    )
    assert (
        page.render(n=18768, share=0.87, age=19.73, at=EVENING_UTC)
        == "Ruang komando: 18.768 · 87% · 19,7 hari · 1 Nov 2026 00.34 WITA"
    )
