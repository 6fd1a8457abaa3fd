#!/usr/bin/env bash
# The JVM's floor of a gateway on this machine: a bare Vert.x reverse proxy (vertx-floor/VertxFloor.java) on the same
# Vert.x, Netty and Vert.x HTTP Proxy jars as the Kiroku gateway, with the gateway's default heap and event loops, and
# none of its work. Beside the nginx floor it shows how much of the gateway's CPU per request the JVM's HTTP stack
# itself takes before any check is made.
#
#   bench/gateway/vertx-floor.sh start     on 127.0.0.1:8091 -> joint-use (127.0.0.1:8082); needs the gateway's jars
#   bench/gateway/vertx-floor.sh stop
#   BENCH_GATEWAY_URL=http://127.0.0.1:8091 BENCH_GATEWAY_PID_FILE=.kiroku/run/vertx-floor/java.pid \
#     BENCH_GATEWAY_LABEL="Vert.x (bare proxy)" bench/gateway/run.sh
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DIR=$ROOT/.kiroku/run/vertx-floor
PORT=${BENCH_VERTX_PORT:-8091}
UPSTREAM_PORT=${BENCH_VERTX_UPSTREAM_PORT:-8082}
LIB=$ROOT/gateway/target/quarkus-app/lib/main
# Quarkus' default for the gateway: two event loops per core
LOOPS=${BENCH_VERTX_EVENT_LOOPS:-$((2 * $(nproc)))}

die() { printf 'vertx-floor: %s\n' "$*" >&2; exit 1; }

case ${1:-} in
  start)
    [[ -d $LIB ]] || die "no $LIB: build the gateway first (./kiroku up builds it)"
    mkdir -p "$DIR"
    if [[ -f $DIR/java.pid ]] && kill -0 "$(cat "$DIR/java.pid")" 2>/dev/null; then
      echo "Vert.x floor already running on 127.0.0.1:$PORT"; exit 0
    fi
    # its own session (the pid is the session id), so the benchmark counts its CPU by session; the gateway's heap
    setsid java -Xmx384m -cp "$LIB/*" "$HERE/vertx-floor/VertxFloor.java" "$PORT" "$UPSTREAM_PORT" "$LOOPS" \
      >"$DIR/stdout.log" 2>&1 </dev/null &
    echo $! >"$DIR/java.pid"
    for _ in $(seq 1 100); do
      grep -q "listening on" "$DIR/stdout.log" 2>/dev/null && break
      kill -0 "$(cat "$DIR/java.pid")" 2>/dev/null || { cat "$DIR/stdout.log" >&2; die "did not start"; }
      sleep 0.1
    done
    grep -q "listening on" "$DIR/stdout.log" || { cat "$DIR/stdout.log" >&2; die "did not start in 10 s"; }
    echo "Vert.x floor on http://127.0.0.1:$PORT (pid $(cat "$DIR/java.pid"), $LOOPS event loops)"
    ;;
  stop)
    if [[ -f $DIR/java.pid ]]; then
      kill "$(cat "$DIR/java.pid")" 2>/dev/null || true
      rm -f "$DIR/java.pid"
    fi
    ;;
  *)
    die "usage: $0 start|stop"
    ;;
esac
