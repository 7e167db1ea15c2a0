#!/usr/bin/env python3
"""Runs every ClickHouse query of the Grafana dashboards against a real ClickHouse.

The analytics dashboard reads tables and views that the migrations in infra/clickhouse define (and
that other people change): this catches a renamed column or view before a user sees a red panel.
Grafana's macros and variables are expanded the way the ClickHouse plugin does, for the last 6 hours,
with the `country` filter both unset (All) and set; `rt.` is replaced by --database.

Usage: check-dashboard-sql.py --url http://127.0.0.1:8123 [--database rt] [--user U --password P]
                              infra/grafana/dashboards/*.json
Exit 0 when every query runs (empty results are fine), 1 otherwise, 2 when ClickHouse is unreachable.
"""
import argparse
import base64
import json
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


def expand(sql, database, now, country_all):
    frm, to = now - 6 * 3600, now

    def time_filter(m):
        col = m.group(1).strip()
        return f"{col} >= toDateTime64({frm}, 3) AND {col} <= toDateTime64({to}, 3)"

    sql = re.sub(r"\$__timeFilter\(([^)]*)\)", time_filter, sql)
    sql = re.sub(r"\$__timeInterval\(([^)]*)\)", r"toStartOfInterval(toDateTime(\1), INTERVAL 60 second)", sql)
    sql = sql.replace("$__fromTime", f"toDateTime64({frm}, 3)").replace("$__toTime", f"toDateTime64({to}, 3)")
    sql = sql.replace("$__interval_s", "60")

    # $__conditionalAll(<condition>, $var): "1=1" when the variable is All, else the condition.
    def conditional_all(m):
        return "1=1" if country_all else m.group(1)

    sql = re.sub(r"\$__conditionalAll\((.*?),\s*\$country\)", conditional_all, sql)
    sql = sql.replace("${country:singlequote}", "'US','DE','ZZ'")
    sql = sql.replace("${top_n}", "20").replace("$top_n", "20")
    leftover = re.findall(r"\$\{?__?\w+", sql)
    if leftover:
        raise ValueError(f"unexpanded macro or variable {leftover[0]}")
    return re.sub(r"\brt\.", f"{database}.", sql)


def run(args, sql):
    params = urllib.parse.urlencode({"max_execution_time": "30", "readonly": "1"})
    req = urllib.request.Request(f"{args.url.rstrip('/')}/?{params}", data=(sql + "\nFORMAT JSON").encode())
    if args.user:
        token = base64.b64encode(f"{args.user}:{args.password}".encode()).decode()
        req.add_header("Authorization", f"Basic {token}")
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.load(resp).get("rows", 0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--database", default="rt")
    ap.add_argument("--user", default="")
    ap.add_argument("--password", default="")
    ap.add_argument("dashboards", nargs="+")
    args = ap.parse_args()

    try:
        urllib.request.urlopen(f"{args.url.rstrip('/')}/ping", timeout=3).read()
    except OSError as e:
        print(f"ClickHouse not reachable at {args.url}: {e}", file=sys.stderr)
        return 2

    now = int(time.time())
    queries = []
    for path in args.dashboards:
        with open(path) as f:
            dash = json.load(f)
        for var in dash.get("templating", {}).get("list", []):
            if var.get("datasource", {}).get("type") == "grafana-clickhouse-datasource":
                queries.append((path, f"variable ${var['name']}", var["query"]))
        for panel in dash.get("panels", []):
            for target in panel.get("targets", []):
                if target.get("datasource", {}).get("type") == "grafana-clickhouse-datasource":
                    queries.append((path, f"{panel['title']} [{target['refId']}]", target["rawSql"]))

    failures = 0
    for path, name, raw in queries:
        for country_all in (True, False):
            label = f"{name} (country {'All' if country_all else 'set'})"
            try:
                rows = run(args, expand(raw, args.database, now, country_all))
                print(f"ok    {rows:6} rows  {label}")
            except (urllib.error.HTTPError, ValueError) as e:
                detail = e.read().decode(errors="replace").strip() if isinstance(e, urllib.error.HTTPError) else str(e)
                print(f"FAIL  {label} ({path}): {detail[:500]}")
                failures += 1
            if "$country" not in raw and "${country" not in raw:
                break
    print(f"{len(queries)} ClickHouse queries, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
