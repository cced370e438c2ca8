#!/usr/bin/env python3
"""Bring translations kept as JSON (``{"English msgid": "Indonesian"}``, the format
of the old ``gis/locale/id.json``) into the gettext catalogue.

    .venv/bin/python scripts/json-to-po.py gis/locale/id.json
    .venv/bin/pybabel extract && .venv/bin/pybabel update && .venv/bin/pybabel compile

Entries the catalogue lacks are added; where both have a msgid with different
Indonesian texts the catalogue's is kept and the difference printed (``--replace``
takes the JSON's). ``pybabel update`` afterwards drops what the code no longer uses.
Run from the repository root.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from babel.messages.pofile import read_po, write_po

CATALOGUE = Path("gis/locale/id/LC_MESSAGES/messages.po")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("json", nargs="+", type=Path)
    parser.add_argument("--replace", action="store_true")
    args = parser.parse_args()
    with CATALOGUE.open("rb") as handle:
        catalog = read_po(handle, locale="id")
    added = changed = 0
    for path in args.json:
        for msgid, text in json.loads(path.read_text(encoding="utf-8")).items():
            known = catalog.get(msgid)
            if known is None:
                catalog.add(msgid, text)
                added += 1
            elif not known.string or known.fuzzy:  # a guess is no translation
                known.string = text
                known.flags.discard("fuzzy")
                added += 1
            elif known.string != text:
                print(f"{path}: {msgid!r}: catalogue {known.string!r}, json {text!r}")
                if args.replace:
                    known.string = text
                    changed += 1
    with CATALOGUE.open("wb") as handle:
        write_po(handle, catalog, width=None, sort_output=True)
    print(f"{CATALOGUE}: {added} added, {changed} replaced")


if __name__ == "__main__":
    main()
