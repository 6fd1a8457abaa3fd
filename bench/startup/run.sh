#!/usr/bin/env bash
# Start-up benchmark (issue 18): each service started alone, as ./kiroku starts it (same jar, same JVM options:
# ./kiroku java-opts <service>, same environment: ./kiroku env <service>), on a port of its own beside the running stack;
# the time from launching `java` to its /q/health/ready answering UP, the CPU time the JVM used until then, and its
# resident memory (VmRSS) after BENCH_IDLE seconds idle. The readiness poll forks nothing (bash's /dev/tcp and a read
# timeout, every 20 ms): a curl per poll cost the two cores enough to stretch a start by a fifth or more.
# BENCH_STARTS starts per service; the median is the figure. When no stack runs, the script
# starts one first and times that too (`./kiroku up --detach`, jars built: the warm start), and stops it at the end.
# See README.md beside this file.
#
#   bench/startup/run.sh      (from the repository root)
#
# Knobs (environment), defaults in brackets:
#   BENCH_STARTS [5]   starts per service
#   BENCH_IDLE [10]    seconds idle after ready before the RSS is read
#   BENCH_SERVICES [provision-records joint-use breach-reporting gateway]
#   BENCH_BASE_PORT [18080]  the measured instance listens on BENCH_BASE_PORT + n
#   BENCH_JAVA_OPTS_EXTRA []  options added to the stack's (e.g. to try an AppCDS archive by hand)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"

say() { printf '%s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

command -v curl >/dev/null 2>&1 || die "no 'curl' on PATH (the stack's checks use it)"
command -v java >/dev/null 2>&1 || die "no 'java' on PATH"
STARTS=${BENCH_STARTS:-5}
IDLE=${BENCH_IDLE:-10}
read -r -a MEASURED <<<"${BENCH_SERVICES:-provision-records joint-use breach-reporting gateway}"
BASE_PORT=${BENCH_BASE_PORT:-18080}

# shellcheck source=../lib/stack.sh
source "$ROOT/bench/lib/stack.sh"
INSTANCE=
cleanup() {
  local rc=$?
  if [[ -n $INSTANCE ]]; then kill "$INSTANCE" 2>/dev/null || true; wait "$INSTANCE" 2>/dev/null || true; fi
  cleanup_stack
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

up_started=$(date +%s%N)
ensure_stack
UP_MS=null
if [[ $STARTED == 1 ]]; then
  UP_MS=$(( ($(date +%s%N) - up_started) / 1000000 ))
  say "./kiroku up --detach (warm: jars built) took $UP_MS ms to all ready"
  say "letting the stack settle (20 s) ..."
  sleep 20
fi

now_us() { echo "${EPOCHREALTIME/./}"; }
# the poll below runs while the measured JVM starts, so it forks no process: a read with a timeout on a pipe that
# nobody writes is the pause, bash's /dev/tcp the HTTP/1.0 request
exec {SLEEPER}<> <(:)
nap() { read -r -t "$1" -u "$SLEEPER" _ || true; }
ready_now() {
  local fd line
  { exec {fd}<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET /q/health/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&"$fd"
  read -r -t 5 -u "$fd" line || line=
  exec {fd}>&-
  [[ $line == "HTTP/1."?" 200"* ]]
}
# user + system CPU time of a process so far, in ms
TICK=$(getconf CLK_TCK)
cpu_ms() { local stat; read -r stat <"/proc/$1/stat"; read -r -a f <<<"${stat##*) }"; echo $(( (f[11] + f[12]) * 1000 / TICK )); }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

mkdir -p .kiroku/logs
json_services=()
n=0
for service in "${MEASURED[@]}"; do
  port=$((BASE_PORT + n)); n=$((n + 1))
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && die "port $port is in use (set BENCH_BASE_PORT)"
  # the stack's environment for it, on its own port; its log's witnesses and outside sink left out (a second
  # instance of a service shares its database and log; it needs neither to start)
  mapfile -t vars < <(./kiroku env "$service" \
      | grep -vE '^(QUARKUS_HTTP_PORT|KIROKU_GATEWAY_FRONT_DOOR_PORT|KIROKU_AUDIT_WITNESS_|KIROKU_AUDIT_SINK_)')
  # the gateway: its front door on that port (ready is asked through it), Quarkus' own server 1000 above it
  port_inner=$port
  if [[ $service == gateway ]]; then
    vars+=("KIROKU_GATEWAY_FRONT_DOOR_PORT=$port")
    port_inner=$((port + 1000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port_inner") 2>/dev/null && die "port $port_inner is in use (set BENCH_BASE_PORT)"
  fi
  if [[ $service != gateway ]]; then
    set -a
    # shellcheck disable=SC1091
    source .kiroku/keys.env
    set +a
  fi
  read -r -a opts <<<"$(./kiroku java-opts "$service") ${BENCH_JAVA_OPTS_EXTRA:-}"
  jar=$service/target/quarkus-app/quarkus-run.jar
  [[ -f $jar ]] || die "no $jar: build first (./mvnw -DskipTests package)"
  times=(); rss=(); cpus=()
  for ((i = 1; i <= STARTS; i++)); do
    log=.kiroku/logs/bench-startup-$service.log
    t0=$(now_us)
    env "${vars[@]}" QUARKUS_HTTP_PORT="$port_inner" java "${opts[@]}" -jar "$jar" >"$log" 2>&1 &
    INSTANCE=$!
    ready=0
    for ((poll = 0; poll < 3000; poll++)); do
      if ready_now "$port"; then ready=1; break; fi
      kill -0 "$INSTANCE" 2>/dev/null || { tail -n 30 "$log" >&2; die "$service exited during start"; }
      nap 0.02
    done
    [[ $ready == 1 ]] || { tail -n 30 "$log" >&2; die "$service not ready after about 60 s"; }
    ms=$(( ($(now_us) - t0) / 1000 ))
    cpu=$(cpu_ms "$INSTANCE")
    sleep "$IDLE"
    kb=$(awk '/VmRSS/ {print $2}' "/proc/$INSTANCE/status")
    kill "$INSTANCE"; wait "$INSTANCE" 2>/dev/null || true; INSTANCE=
    say "$service start $i: ready in $ms ms (JVM CPU time until then $cpu ms), RSS after ${IDLE} s idle $((kb / 1024)) MB"
    times+=("$ms"); rss+=("$kb"); cpus+=("$cpu")
    sleep 2
  done
  med_ms=$(median "${times[@]}"); med_kb=$(median "${rss[@]}"); med_cpu=$(median "${cpus[@]}")
  say "$service: median ready in $med_ms ms (CPU $med_cpu ms), median idle RSS $((med_kb / 1024)) MB (JVM options: ${opts[*]})"
  json_services+=("$(printf '    "%s": {"readyMs": [%s], "medianReadyMs": %d, "cpuMsToReady": [%s], "medianCpuMsToReady": %d, "idleRssKb": [%s], "medianIdleRssKb": %d, "javaOptions": "%s"}' \
    "$service" "$(IFS=,; echo "${times[*]}")" "$med_ms" "$(IFS=,; echo "${cpus[*]}")" "$med_cpu" "$(IFS=,; echo "${rss[*]}")" "$med_kb" "${opts[*]}")")
done

out=$HERE/results/latest.json
{
  printf '{\n  "machine": {"cpus": %d, "date": "%s", "java": "%s"},\n' "$(nproc)" "$(date -u +%FT%TZ)" \
    "$(java -version 2>&1 | head -n 1 | tr -d '"')"
  printf '  "settings": {"starts": %d, "idleSeconds": %d, "targetReadyMs": 2000, "targetIdleRssKb": 204800},\n' \
    "$STARTS" "$IDLE"
  printf '  "kirokuUpWarmMs": %s,\n  "services": {\n' "$UP_MS"
  (IFS=$'\n'; printf '%s' "${json_services[*]}" | sed '$!s/$/,/')
  printf '\n  }\n}\n'
} >"$out"
say "written ${out#$ROOT/}"
