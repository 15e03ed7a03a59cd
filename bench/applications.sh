#!/usr/bin/env bash
# Issue 4's benchmarks on SQLite (figures go to docs/PERFORMANCE.md):
#  1. durable submissions per second with wrk, against raw SQLite inserts
#     with the same settings (WAL, synchronous=FULL) as the yardstick;
#  2. autosave latency with 200 applicants typing;
#  3. the public open-calls list against the bare /healthz route.
#   bench/applications.sh            (needs `ninja -C build` and wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
DRAFTS=${DRAFTS:-20000}
DURATION=${DURATION:-8s}
ROUNDS=${ROUNDS:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/cohort-bench-XXXXXX")
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
db="sqlite:$work/cohort.db"
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "preparing $DRAFTS drafts (demo + bench applicants)…"
build/bench/bench_prepare_submissions "$db" "$DRAFTS" "$work/drafts.txt" >/dev/null
head -n $((DRAFTS - 1000)) "$work/drafts.txt" >"$work/submit.txt"
tail -n 1000 "$work/drafts.txt" >"$work/autosave.txt"

echo "yardstick: raw SQLite inserts, one transaction each, synchronous=FULL"
raw1=$(build/bench/bench_raw_inserts "$work/raw1.db" 5 1 | awk '{print $3}')
raw8=$(build/bench/bench_raw_inserts "$work/raw8.db" 5 8 | awk '{print $3}')
echo "  1 writer: $raw1/s   8 writers: $raw8/s"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
build/cohort serve --db "$db" --listen "127.0.0.1:$port" --web-root "" --log-level warn >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

echo "submissions: wrk -t2 -c64 -d$DURATION"
submit=$(wrk -t2 -c64 -d"$DURATION" --latency -s bench/submit.lua "http://127.0.0.1:$port" -- "$work/submit.txt" 2 |
         tee "$work/submit.log" | awk '/acknowledged submissions/ {print $NF}')
submit=${submit%/s}
grep -E "^\s+(50|99)%" "$work/submit.log" | sed 's/^/  latency /'
echo "  acknowledged submissions/s: $submit"
python3 -c "print(f'  ratio against raw inserts: {float($submit)/float($raw1):.1f}x (1 writer), {float($submit)/float($raw8):.1f}x (8 writers)')"

echo "autosave: 200 applicants typing for 20 s"
build/bench/bench_autosave_load "$port" "$work/autosave.txt" 200 20 | sed 's/^/  /'

echo "open calls list against /healthz: wrk -t2 -c64, $ROUNDS interleaved rounds of 5 s"
rps() { wrk -t2 -c64 -d5s "$1" | awk '/Requests\/sec/ {print $2}'; }
bare=(); calls=()
for r in $(seq "$ROUNDS"); do
  bare+=("$(rps "http://127.0.0.1:$port/healthz")")
  calls+=("$(rps "http://127.0.0.1:$port/api/v1/calls?state=open")")
  echo "  round $r: /healthz ${bare[-1]} req/s, /api/v1/calls ${calls[-1]} req/s"
done
mb=$(median "${bare[@]}"); mc=$(median "${calls[@]}")
python3 -c "print(f'  median /healthz {float($mb):.0f}, /api/v1/calls {float($mc):.0f} req/s: ratio {float($mc)/float($mb):.2f}')"
