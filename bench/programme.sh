#!/usr/bin/env bash
# Issue 6's benchmarks (figures go to docs/PERFORMANCE.md):
#  1. rotations of a ministry intake (300 × 3 periods × 40 units) under Google Benchmark;
#  2. mega-event placement, 45,000 volunteers into 2,000 positions, our min-cost flow beside
#     LEMON 1.3's NetworkSimplex on the same network, with peak memory;
#  3. certificate PDFs rendered one after another on one thread.
#   bench/programme.sh            (needs `make deps-bench build`)
set -euo pipefail
cd "$(dirname "$0")/.."
echo "rotations (median of 5 repetitions)"
build/bench/bench_engines --benchmark_filter=Rotations --benchmark_repetitions=5 \
  --benchmark_report_aggregates_only=true 2>/dev/null | grep -E "_median" | sed 's/^/  /'
build/bench/bench_placement "${RUNS:-5}"
build/bench/bench_certificates "${CERTIFICATES:-500}"
