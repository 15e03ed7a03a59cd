#!/usr/bin/env bash
# Issue 7's report benchmark (figures go to docs/PERFORMANCE.md): the
# funnel of an intake of N applications (300,000, a mega-event) and the
# year-over-year report of its programme (with two earlier intakes of N/10),
# on SQLite and on a throwaway PostgreSQL cluster. Target: under 200 ms.
#   bench/reports.sh            (needs `ninja -C build`)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-300000}
ROUNDS=${ROUNDS:-20}
work=$(mktemp -d "${TMPDIR:-/tmp}/cohort-bench-XXXXXX")
chmod 0755 "$work"
cleanup() {
  tools/pg-cluster.sh stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "SQLite: preparing $N applications…"
db="sqlite:$work/cohort.db"
read -r intake programme _ < <(build/bench/bench_reports prepare "$db" "$N")
build/bench/bench_reports time "$db" "$intake" "$programme" "$ROUNDS"

echo "PostgreSQL 15: preparing $N applications…"
url=$(tools/pg-cluster.sh start "$work/pg")
read -r intake programme _ < <(build/bench/bench_reports prepare "$url" "$N")
# What autovacuum does on a live server: the visibility map lets the funnel read its covering index only.
psql -q "$url" -c "VACUUM ANALYZE"
build/bench/bench_reports time "$url" "$intake" "$programme" "$ROUNDS"
