#!/usr/bin/env bash
# The floor of any gateway on this machine: nginx as a bare reverse proxy in front of joint-use, with none of the
# gateway's work (no token check, no policies, no rate limits, no access log, no headers added). Measured with the same
# benchmark as the Kiroku gateway, it shows what one proxy hop costs on these shared cores at the least.
#
#   bench/gateway/nginx-floor.sh start     nginx on 127.0.0.1:8090 -> joint-use (127.0.0.1:8082), keep-alive upstream
#   bench/gateway/nginx-floor.sh stop
#   BENCH_GATEWAY_URL=http://127.0.0.1:8090 BENCH_GATEWAY_PID_FILE=.kiroku/run/nginx-floor/nginx.pid \
#     BENCH_GATEWAY_LABEL="nginx (bare proxy)" bench/gateway/run.sh
#
# Needs nginx (Debian package nginx-light or nginx; installed with apt-get when missing and run as root).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DIR=$ROOT/.kiroku/run/nginx-floor
PORT=${BENCH_NGINX_PORT:-8090}
UPSTREAM=${BENCH_NGINX_UPSTREAM:-127.0.0.1:8082}

die() { printf 'nginx-floor: %s\n' "$*" >&2; exit 1; }

nginx_bin() {
  local bin
  bin=$(command -v nginx || true)
  [[ -z $bin && -x /usr/sbin/nginx ]] && bin=/usr/sbin/nginx
  if [[ -z $bin ]]; then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
      apt-get install -y -qq nginx-light >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq nginx-light >/dev/null; } \
        || die "could not install nginx: apt-get install nginx-light"
      # the package starts its own server on port 80; the floor runs its own instance only
      (service nginx stop || /usr/sbin/nginx -s stop) >/dev/null 2>&1 || true
      bin=/usr/sbin/nginx
    else
      die "no 'nginx' on PATH: install the Debian/Ubuntu package nginx-light"
    fi
  fi
  echo "$bin"
}

case ${1:-} in
  start)
    bin=$(nginx_bin)
    mkdir -p "$DIR/tmp"
    # one worker, as the gateway is one JVM on the same cores; access log off: the floor does nothing but proxy
    cat >"$DIR/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $DIR/nginx.pid;
error_log $DIR/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  server_tokens off;
  client_body_temp_path $DIR/tmp/body;
  proxy_temp_path $DIR/tmp/proxy;
  fastcgi_temp_path $DIR/tmp/fastcgi;
  uwsgi_temp_path $DIR/tmp/uwsgi;
  scgi_temp_path $DIR/tmp/scgi;
  upstream joint_use { server $UPSTREAM; keepalive 64; }
  server {
    listen 127.0.0.1:$PORT;
    location / {
      proxy_pass http://joint_use;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
    }
  }
}
CONF
    if [[ -f $DIR/nginx.pid ]] && kill -0 "$(cat "$DIR/nginx.pid")" 2>/dev/null; then
      echo "nginx floor already running on 127.0.0.1:$PORT"; exit 0
    fi
    # its own session, so the benchmark can count the CPU time of master and worker by session id
    setsid "$bin" -c "$DIR/nginx.conf" -p "$DIR" >"$DIR/stdout.log" 2>&1 </dev/null &
    for _ in $(seq 1 50); do
      curl -s -o /dev/null "http://127.0.0.1:$PORT/q/health/ready" && [[ -f $DIR/nginx.pid ]] && break
      sleep 0.1
    done
    [[ -f $DIR/nginx.pid ]] || { cat "$DIR/error.log" "$DIR/stdout.log" >&2 2>/dev/null; die "nginx did not start"; }
    echo "nginx floor on http://127.0.0.1:$PORT -> $UPSTREAM (pid $(cat "$DIR/nginx.pid"), config $DIR/nginx.conf)"
    ;;
  stop)
    if [[ -f $DIR/nginx.pid ]]; then
      kill "$(cat "$DIR/nginx.pid")" 2>/dev/null || true
      for _ in $(seq 1 50); do [[ -f $DIR/nginx.pid ]] || break; sleep 0.1; done
      rm -f "$DIR/nginx.pid"
    fi
    echo "nginx floor stopped"
    ;;
  *) die "usage: $0 start|stop" ;;
esac
