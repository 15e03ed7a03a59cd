#!/usr/bin/env bash
# Runs every test suite and ends with one line "N passed, N failed".
#   1. a throwaway PostgreSQL cluster for the store and API tests
#   2. CTest: unit, store, api, cli (crash safety included)
#   3. libFuzzer targets for the parsers, 10 s each
#   4. Playwright end-to-end tests of the web UI in Debian's Chromium
# Exit status is non-zero when anything failed or a suite could not run.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d "${TMPDIR:-/tmp}/cohort-tests-XXXXXX")
chmod 0755 "$work"  # the PostgreSQL server user must reach its folder inside
pg="$work/pg"
cleanup() { tools/pg-cluster.sh stop "$pg"; rm -rf "$work"; }
trap cleanup EXIT

passed=0
failed=0

if ! url=$(tools/pg-cluster.sh start "$pg"); then
  echo "could not start PostgreSQL:"; cat "$pg"/*.log 2>/dev/null
  echo "0 passed, 1 failed"; exit 1
fi
export COHORT_TEST_PG_URL="$url"
echo "PostgreSQL for tests: $url"

# --- C++ suites ---
ctest --test-dir build -j2 --output-on-failure --timeout 600 2>&1 | tee "$work/ctest.log"
summary=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$work/ctest.log" | tail -1)
if [ -n "$summary" ]; then
  c_failed=$(echo "$summary" | sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/')
  c_total=$(echo "$summary" | sed -E 's/.* failed out of ([0-9]+).*/\1/')
  passed=$((passed + c_total - c_failed))
  failed=$((failed + c_failed))
else
  echo "ctest produced no summary"; failed=$((failed + 1))
fi

# --- Fuzzing: a short run of every parser target (longer by hand) ---
tools/run-fuzz.sh 10 2>&1 | tee "$work/fuzz.log"
f_passed=$(grep -c ': PASS$' "$work/fuzz.log")
f_failed=$(grep -c ': FAIL$' "$work/fuzz.log")
[ "$f_passed" -eq 0 ] && [ "$f_failed" -eq 0 ] && f_failed=1  # the fuzz build itself failed
passed=$((passed + f_passed))
failed=$((failed + f_failed))

# --- Web end-to-end ---
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
export COHORT_E2E_PORT=$port COHORT_BIN="$root/build/cohort" PLAYWRIGHT_JSON_OUTPUT_NAME="$work/e2e.json"
export TMPDIR="$work"
(cd web && npx playwright test --reporter=list,json) 2>&1 | tee "$work/e2e.log"
if [ -s "$work/e2e.json" ]; then
  read -r e_passed e_failed < <(python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["stats"]
print(s.get("expected", 0) + s.get("flaky", 0), s.get("unexpected", 0))' "$work/e2e.json")
  passed=$((passed + e_passed))
  failed=$((failed + e_failed))
else
  echo "Playwright produced no report"; failed=$((failed + 1))
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
