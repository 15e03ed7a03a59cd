#!/usr/bin/env bash
# Installs the Debian 12 packages a target needs, and only when missing:
#   tools/deps.sh build   compilers and libraries; Node.js and npm
#   tools/deps.sh test    + PostgreSQL 15 server, Chromium, SMTP sink
#   tools/deps.sh bench   + wrk
set -euo pipefail

build=(g++ cmake ninja-build ccache pkg-config python3 make
       librestinio-dev libasio-dev libfmt-dev libspdlog-dev nlohmann-json3-dev libcli11-dev
       libhowardhinnant-date-dev libsqlite3-dev libpq-dev libsodium-dev
       libcurl4-openssl-dev libcmark-dev libxlsxwriter-dev libmagic-dev libcairo2-dev libpango1.0-dev libqrencode-dev fonts-noto-core tzdata libgtest-dev libgmock-dev libbenchmark-dev)
test=(postgresql-15 postgresql-client-15 chromium python3-aiosmtpd poppler-utils clang-14 libclang-rt-14-dev)
bench=(wrk liblemon-dev)

wanted=("${build[@]}")
case "${1:-build}" in
  build) ;;
  test) wanted+=("${test[@]}") ;;
  bench) wanted+=("${test[@]}" "${bench[@]}") ;;
  *) echo "usage: $0 build|test|bench" >&2; exit 2 ;;
esac
command -v node >/dev/null 2>&1 || wanted+=(nodejs npm)
command -v npm >/dev/null 2>&1 || wanted+=(npm)

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
echo "Installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
