#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) and runs each for a
# short time over its seed corpus; prints one line per target, PASS or FAIL.
#   tools/run-fuzz.sh [seconds per target, default 10]
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
cmake -S fuzz -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 >/dev/null || exit 1
cmake --build build-fuzz -j2 >/dev/null || { echo "fuzz build failed"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/cohort-fuzz-XXXXXX")
trap 'rm -rf "$work"' EXIT
status=0
for target in request json sql config totp multipart form; do
  mkdir -p "$work/$target"
  cp fuzz/corpus/$target/* "$work/$target/"
  if build-fuzz/fuzz_$target -max_total_time="$seconds" -artifact_prefix="$work/" "$work/$target" >"$work/$target.log" 2>&1; then
    echo "fuzz $target: PASS"
  else
    echo "fuzz $target: FAIL"; grep -E "ERROR|SUMMARY|what\(\)" "$work/$target.log" | head -5
    for crash in "$work"/crash-*; do [ -f "$crash" ] && { echo "input:"; xxd "$crash" | head -5; }; done
    status=1
  fi
done
exit $status
