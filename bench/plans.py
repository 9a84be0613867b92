#!/usr/bin/env python3
"""The query plans behind each benchmark read (issue 11, S7), as the database makes them.

A server started with COURSEWORX_SLOW_QUERY_MS=0, COURSEWORX_SLOW_QUERY_VALUES=true and
COURSEWORX_LOG_FORMAT=json logs every statement it runs, values inlined. This script asks
that server for each route once, takes the statements the route ran from the log, and has
the database explain each read: PostgreSQL's EXPLAIN (through psql) or SQLite's EXPLAIN
QUERY PLAN (through examples/sqlite_plans, the server's own SQLite). It prints, per route, the number of statements (an N+1 shows as many) and each
plan, and flags full scans of a table (a PostgreSQL `Seq Scan`, a SQLite `SCAN` that uses
no index).

    bench/plans.py --base URL --log SERVER_LOG --db postgres://...|sqlite:PATH \\
        [--psql PATH] ROUTE...        # ROUTE: label|token|path (token may be empty)
"""
import argparse
import json
import re
import subprocess
import sys
import time
import urllib.request


def log_lines(path, start):
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.readlines()
    return lines[start:], len(lines)


def statements(lines):
    out = []
    for line in lines:
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if event.get("target") != "courseworx::slow_query":
            continue
        fields = event.get("fields", event)
        out.append((fields.get("sql", ""), float(fields.get("elapsed_ms", 0))))
    return out


def explain(db, psql, sql, sqlite_plans):
    if db.startswith("sqlite:"):
        done = subprocess.run(
            [sqlite_plans, db[len("sqlite:"):]], input=sql + "\0", capture_output=True, text=True
        )
        if done.returncode != 0:
            return ["(sqlite_plans: " + done.stderr.strip() + ")"]
        return [l for l in done.stdout.splitlines() if l.strip() and l != "--"]
    done = subprocess.run(
        [psql, "-qtAX", db, "-c", "EXPLAIN " + sql], capture_output=True, text=True
    )
    if done.returncode != 0:
        return ["(psql: " + done.stderr.strip().splitlines()[0] + ")"]
    return [l for l in done.stdout.splitlines() if l.strip()]


def full_scan(line):
    if "Seq Scan on " in line:
        return True
    # SQLite: "SCAN t" reads the table; "SCAN t USING (COVERING) INDEX i" reads an index
    # in order (still every entry; flagged too, but named as such).
    # A virtual table's "SCAN ... VIRTUAL TABLE INDEX" is its own index search (FTS5).
    return (
        bool(re.match(r"\s*SCAN \w+", line))
        and "CONSTANT ROW" not in line
        and "VIRTUAL TABLE INDEX" not in line
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--psql", default="psql")
    ap.add_argument("--sqlite-plans", default="target/release/examples/sqlite_plans")
    ap.add_argument("routes", nargs="+")
    args = ap.parse_args()
    _, seen = log_lines(args.log, 0)
    flagged = 0
    for route in args.routes:
        label, token, path = route.split("|", 2)
        req = urllib.request.Request(args.base + path)
        if token:
            req.add_header("Authorization", "Bearer " + token)
        with urllib.request.urlopen(req) as resp:
            status = resp.status
            resp.read()
        time.sleep(0.3)
        new, seen = log_lines(args.log, seen)
        ran = statements(new)
        print(f"\n### {label}: `GET {path}` ({status}), {len(ran)} statements\n")
        for sql, ms in ran:
            short = re.sub(r"\s+", " ", sql)
            print(f"- {ms:.2f} ms: `{short[:300]}{'...' if len(short) > 300 else ''}`")
            verb = short.lstrip().split(" ", 1)[0].upper()
            if verb not in ("SELECT", "WITH"):
                continue
            plan = explain(args.db, args.psql, sql, args.sqlite_plans)
            scans = [l for l in plan if full_scan(l)]
            flagged += len(scans)
            print("  ```")
            for l in plan:
                print("  " + l)
            print("  ```")
            for l in scans:
                print(f"  FULL SCAN: {l.strip()}")
    print(f"\nfull scans flagged: {flagged}")


if __name__ == "__main__":
    sys.exit(main())
