#!/usr/bin/env bash
# HTTP benchmarks with wrk on loopback (figures go to docs/PERFORMANCE.md).
# Compares, in the same run and interleaved, the bare /healthz route (the
# ceiling) with GET /api/v1/organisations/{id}, which reads one row through
# the storage layer. Reports medians of ROUNDS runs and the ratio.
#   bench/run.sh [sqlite|postgresql]   (default sqlite)
set -euo pipefail
cd "$(dirname "$0")/.."
engine=${1:-sqlite}
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
work=$(mktemp -d "${TMPDIR:-/tmp}/cohort-bench-XXXXXX")
chmod 0755 "$work"  # the PostgreSQL server user must reach its folder inside
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ "$engine" = postgresql ] && tools/pg-cluster.sh stop "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

if [ "$engine" = postgresql ]; then
  url=$(tools/pg-cluster.sh start "$work/pg")
  db=${url%/postgres}/postgres
else
  db="sqlite:$work/cohort.db"
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
build/cohort demo --db "$db" >/dev/null
build/cohort serve --db "$db" --listen "127.0.0.1:$port" --web-root "" --log-level warn >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
id=$(curl -sf "http://127.0.0.1:$port/api/v1/organisations?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')

rps() { wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$1" | tee -a "$work/wrk.log" | awk '/Requests\/sec/ {print $2}'; }
bare=(); db_route=()
for r in $(seq "$ROUNDS"); do
  bare+=("$(rps "http://127.0.0.1:$port/healthz")")
  db_route+=("$(rps "http://127.0.0.1:$port/api/v1/organisations/$id")")
  echo "round $r: /healthz ${bare[-1]} req/s, /api/v1/organisations/{id} ${db_route[-1]} req/s"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mb=$(median "${bare[@]}"); md=$(median "${db_route[@]}")
echo
echo "engine=$engine connections=$CONNECTIONS duration=$DURATION rounds=$ROUNDS"
echo "median /healthz:                   $mb req/s"
echo "median /api/v1/organisations/{id}: $md req/s"
python3 -c "print(f'ratio database route / bare route: {float($md)/float($mb):.2f}')"
grep -E "Latency|99%" "$work/wrk.log" | tail -4
