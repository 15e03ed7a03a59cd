#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the test run.
#   tools/pg-cluster.sh start DIR   -> initdb + start on a free port; prints the URL
#   tools/pg-cluster.sh stop DIR    -> stop and delete
# As root the server runs as the `postgres` user (initdb refuses root).
set -euo pipefail
BIN=/usr/lib/postgresql/15/bin
cmd=${1:?start|stop}
dir=${2:?folder}

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
  start)
    mkdir -p "$dir"
    chmod 0777 "$dir"
    # The server user must be able to reach the folder.
    if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -w "$dir"; then
      echo "pg-cluster: user postgres cannot write to $dir (make its parents traversable)" >&2; exit 1
    fi
    trap 'cat "$dir"/*.log >&2 2>/dev/null' ERR
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
    as_pg "$BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-instructions --no-sync >"$dir/initdb.log" 2>&1
    as_pg "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c full_page_writes=off" \
      start >/dev/null
    echo "$port" >"$dir/port"
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -d "$dir/data" ]; then as_pg "$BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
