#!/usr/bin/env bash
# Issue 5's benchmarks (figures go to docs/PERFORMANCE.md):
#  1. the engines under Google Benchmark on a Paris-2024-sized call, with
#     std::sort of the ranking records as the yardstick (bench_engines);
#  2. the ranking page of a 1,000-application intake (3 reviews each) on
#     SQLite: latency of GET /api/v1/intakes/{id}/ranking, one client.
#   bench/selection.sh            (needs `ninja -C build` and wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000}
work=$(mktemp -d "${TMPDIR:-/tmp}/cohort-bench-XXXXXX")
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${SKIP_ENGINES:-}" ]; then
  echo "engines (medians of 5 repetitions)"
  build/bench/bench_engines --benchmark_repetitions=5 --benchmark_report_aggregates_only=true 2>/dev/null |
    grep -E "_median" | sed 's/^/  /'
fi

echo "ranking page: preparing $N reviewed applications…"
db="sqlite:$work/cohort.db"
read -r intake stage token < <(build/bench/bench_prepare_ranking "$db" "$N")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
build/cohort serve --db "$db" --listen "127.0.0.1:$port" --web-root "" --log-level warn >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
url="http://127.0.0.1:$port/api/v1/intakes/$intake/ranking?stage=$stage&top=100"
items=$(curl -sf -H "Authorization: Bearer $token" "$url" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
echo "  the page ranks $items applications"
wrk -t1 -c1 -d10s --latency -H "Authorization: Bearer $token" "$url" | grep -E "^\s+(50|90|99)%|Requests/sec" | sed 's/^/  /'
