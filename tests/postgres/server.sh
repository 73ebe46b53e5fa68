#!/bin/sh
# A throw-away PostgreSQL server for the tests, on loopback, in a temporary folder.
#
#   server.sh start STATE   initdb into a fresh temporary folder, start on a free port, create
#                           the database cutover_test; writes STATE/url (the server's URL),
#                           STATE/datadir and STATE/pgctl. Stops a server left by an earlier start.
#   server.sh stop STATE    stops it (fast, then immediate) and removes its folder.
#   server.sh restart STATE stop -m fast and start again on the same port and data.
#
# initdb refuses to run as root: as root the server runs as the `postgres` user (Debian's
# postgresql package creates it), else as `nobody`, in a folder that user owns.
# ctest runs start/stop as the `postgres` fixture (tests/CMakeLists.txt).
set -eu
cmd=${1:?usage: server.sh start|stop|restart STATE}
state=${2:?usage: server.sh start|stop|restart STATE}
mkdir -p "$state"

bindir=$(pg_config --bindir 2>/dev/null || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
fi
[ -x "$bindir/initdb" ] || { echo "server.sh: no initdb (install the Debian package postgresql)" >&2; exit 1; }

as_owner() {  # runs "$@" as the server's user
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u "$(cat "$state/owner")" -- "$@")
  else
    "$@"
  fi
}

stop() {
  [ -f "$state/datadir" ] || return 0
  dir=$(cat "$state/datadir")
  if [ -d "$dir/data" ]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 20 stop >/dev/null 2>&1 ||
      as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  rm -f "$state/datadir" "$state/url"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_server() {  # start_server DIR PORT
  as_owner "$bindir/pg_ctl" -D "$1/data" -l "$1/log" -w -t 60 \
    -o "-p $2 -k $1 -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null
}

case $cmd in
start)
  stop
  owner=$(id -un)
  if [ "$(id -u)" -eq 0 ]; then
    owner=nobody
    id postgres >/dev/null 2>&1 && owner=postgres
  fi
  echo "$owner" > "$state/owner"
  dir=$(mktemp -d "${TMPDIR:-/tmp}/cutover-pg.XXXXXX")
  echo "$dir" > "$state/datadir"
  [ "$(id -u)" -eq 0 ] && chown "$owner" "$dir"
  chmod 700 "$dir"
  as_owner "$bindir/initdb" -D "$dir/data" -U cutover --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if start_server "$dir" "$port"; then break; fi
    [ "$attempt" = 5 ] && { cat "$dir/log" >&2; exit 1; }
  done
  echo "$port" > "$state/port"
  as_owner "$bindir/psql" -h 127.0.0.1 -p "$port" -U cutover -d postgres -q -c "CREATE DATABASE cutover_test" >/dev/null
  echo "postgresql://cutover@127.0.0.1:$port/cutover_test" > "$state/url"
  echo "PostgreSQL test server: $(cat "$state/url") (data in $dir)"
  ;;
stop)
  stop
  ;;
restart)
  dir=$(cat "$state/datadir")
  as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  start_server "$dir" "$(cat "$state/port")"
  ;;
*)
  echo "usage: server.sh start|stop|restart STATE" >&2
  exit 2
  ;;
esac
