"""Schemathesis against SIGAP's OGC API – Features (``/ogcapi/api``): property-based
cases generated from the OpenAPI 3.0 document, run over HTTP against a gunicorn
server on a small demo city.

Prints, per check, how many cases ran and failed, with the server-error check
(no 5xx for any input the schema allows or breaks) first — the figure the
hardening issue asks to hold at zero — and the run's time. Schemathesis lives in
its own virtual environment under ``var/bench/`` (installed on first use).

    .venv/bin/python benchmarks/schemathesis_ogcapi.py \
        [--examples 40] [--complaints 2000]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date

from common import CLEAN_ENV, ROOT, bench_settings, sigap_server

from gis.db import get_engine  # noqa: E402
from layers.demo import generate_demo  # noqa: E402

VENV = ROOT / "var" / "bench" / "schemathesis-venv"


def _schemathesis() -> str:
    executable = VENV / "bin" / "schemathesis"
    if not executable.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run(
            [str(VENV / "bin" / "pip"), "install", "-q", "schemathesis"],
            check=True,
            env=CLEAN_ENV,
        )
    return str(executable)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=40, help="per operation")
    parser.add_argument("--complaints", type=int, default=2000)
    args = parser.parse_args()

    tool = _schemathesis()
    settings = bench_settings("bench_schemathesis")
    with get_engine(settings).begin() as conn:
        generate_demo(
            conn,
            settings,
            complaints=args.complaints,
            seed=2026,
            end_date=date(2026, 10, 31),
        )
    report = settings.var_dir / "schemathesis.xml"
    with sigap_server(settings) as base:
        started = time.perf_counter()
        run = subprocess.run(
            [
                tool,
                "run",
                f"{base}/ogcapi/api",
                "--url",
                f"{base}/ogcapi",
                "--checks",
                "all",
                "--max-examples",
                str(args.examples),
                "--workers",
                "2",
                "--seed",
                "2026",
                "--report",
                "junit",
                "--report-junit-path",
                str(report),
            ],
            env=CLEAN_ENV,
            capture_output=True,
            text=True,
        )
        elapsed = time.perf_counter() - started
    print(run.stdout[-6000:])
    if not report.exists():
        print(run.stderr[-3000:])
        raise SystemExit("schemathesis wrote no report")
    operations, failures, server_errors = 0, Counter(), 0
    for case in ET.parse(report).getroot().iter("testcase"):
        operations += 1
        checks = {
            line.strip()[2:]
            for failure in case.iter("failure")
            for line in (failure.text or "").splitlines()
            if line.strip().startswith("- ST")
        }
        failures.update(checks)
        answers = "".join(failure.text or "" for failure in case.iter("failure"))
        server_errors += bool(re.search(r"^\[5\d\d\]", answers, re.MULTILINE))
    lines = run.stdout.splitlines()
    generated = [line.strip() for line in lines if "generated" in line]
    print("\nschemathesis on /ogcapi/api")
    print(f"  operations tested            {operations}")
    print(f"  operations with a 5xx        {server_errors}")
    for name, count in failures.most_common():
        print(f"  failing check: {name:<40} {count} operations")
    if generated:
        print(f"  {generated[-1]}")
    print(f"  time                         {elapsed:.1f} s (exit {run.returncode})")


if __name__ == "__main__":
    main()
