#!/usr/bin/env bash
# Gateway overhead benchmark: the same weighted request mix against joint-use directly (:8082) and through the
# gateway (:8080), in one run, alternating rounds on the same connections/concurrency. See README.md beside this file.
#
#   bench/gateway/run.sh            (from the repository root; uses a running ./kiroku stack or starts one)
#
# Knobs (environment), defaults in brackets:
#   BENCH_THREADS [2] BENCH_CONNECTIONS [16] BENCH_DURATION [20 s] BENCH_ROUNDS [3 per side]   the loaded phase
#   BENCH_LIGHT_DURATION [10 s] BENCH_LIGHT_ROUNDS [3 per side; 0 skips]   the light phase: one connection
#   BENCH_WARMUP [30 s per side, at least] BENCH_WARMUP_MAX [120 s per side]: warm-up goes on until JIT settles
#   BENCH_ENFORCE_TARGETS [0; 1 = exit 3 when a target is missed]
#   BENCH_PIN_GATEWAY [0; 1 = for the run, the gateway gets the last CPU to itself and joint-use, PostgreSQL,
#                      Keycloak and wrk the others (taskset), modelling a gateway deployed on its own CPU;
#                      affinities are reset to all CPUs afterwards]
#   BENCH_FLOOR [nginx; none = without it]: a bare nginx in the gateway's place (nginx-floor.sh, on 127.0.0.1:8090),
#                      measured in the same rounds: the gateway's targets are then held against it, not against direct
#   BENCH_GATEWAY_URL [http://127.0.0.1:8080] BENCH_GATEWAY_PID_FILE [.kiroku/run/stack/gateway.pid]
#   BENCH_GATEWAY_LABEL [Kiroku gateway]: measure another proxy in the gateway's place, e.g. the bare nginx of
#                      nginx-floor.sh (its CPU is counted by the session of the process in the pid file)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"

THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
DURATION=${BENCH_DURATION:-20}
ROUNDS=${BENCH_ROUNDS:-3}
WARMUP=${BENCH_WARMUP:-30}
WARMUP_MAX=${BENCH_WARMUP_MAX:-120}
LIGHT_DURATION=${BENCH_LIGHT_DURATION:-10}
LIGHT_ROUNDS=${BENCH_LIGHT_ROUNDS:-3}
ENFORCE=${BENCH_ENFORCE_TARGETS:-0}
FLOOR=${BENCH_FLOOR:-nginx}
PIN=${BENCH_PIN_GATEWAY:-0}
DIRECT_URL=http://127.0.0.1:8082
GATEWAY_URL=${BENCH_GATEWAY_URL:-http://127.0.0.1:8080}
GATEWAY_LABEL=${BENCH_GATEWAY_LABEL:-Kiroku gateway}
TOKEN_URL=http://127.0.0.1:8180/realms/kiroku/protocol/openid-connect/token
FLOOR_URL=http://127.0.0.1:${BENCH_NGINX_PORT:-8090}
case $FLOOR in
  nginx) # held against the bare proxy of the same run (speed issue): throughput, p50 and CPU per request
    TARGET_RATIO=0.90    # gateway throughput / floor throughput, at least
    TARGET_P50_MS=0.5    # p50 gateway - p50 floor, at most
    TARGET_CPU=2.0       # gateway CPU per request / floor CPU per request, at most
    SIDES=(direct floor gateway) ;;
  none) # held against direct (the gateway issue's first targets)
    TARGET_RATIO=0.90    # gateway throughput / direct throughput, at least
    TARGET_P50_MS=1.0    # p50 gateway - p50 direct, at most
    TARGET_CPU=0
    SIDES=(direct gateway) ;;
  *) echo "bench: BENCH_FLOOR must be nginx or none" >&2; exit 1 ;;
esac
SEED_GROUPS=3

# The gateway's rate limits must not throttle the benchmark (harmless where the keys do not exist yet). They only
# reach a gateway that this script starts; a stack that is already running keeps the limits it was started with.
export KIROKU_GATEWAY_RATE_LIMIT_CLIENT_CAPACITY=1000000000
export KIROKU_GATEWAY_RATE_LIMIT_PUBLIC_CAPACITY=1000000000

say() { printf '%s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# --- tools -----------------------------------------------------------------------------------------------------
command -v curl >/dev/null 2>&1 || die "no 'curl' on PATH (apt-get install curl)"
command -v awk >/dev/null 2>&1 || die "no 'awk' on PATH (apt-get install gawk)"
command -v java >/dev/null 2>&1 || die "no 'java' on PATH (the stack needs a JDK 17+ anyway; Report.java runs on it)"
if ! command -v wrk >/dev/null 2>&1; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "Installing wrk (Debian package) ..."
    apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null; } \
      || die "could not install wrk: apt-get install wrk"
  else
    die "no 'wrk' on PATH: install the Debian/Ubuntu package 'wrk' (sudo apt-get install wrk)"
  fi
fi

# --- stack -----------------------------------------------------------------------------------------------------
STARTED=0
PINNED=0
FLOOR_STARTED=0
cleanup() {
  local rc=$?
  if [[ $PINNED == 1 ]]; then pin_all "0-$(($(nproc) - 1))" "0-$(($(nproc) - 1))"; fi
  if [[ $FLOOR_STARTED == 1 ]]; then say "Stopping the nginx floor this run started ..."; "$HERE/nginx-floor.sh" stop >/dev/null || true; fi
  if [[ $STARTED == 1 ]]; then say "Stopping the stack this run started ..."; ./kiroku down >/dev/null || true; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Read the status once, then match it: `./kiroku status | grep -q` under pipefail fails when grep stops reading early
# (SIGPIPE), which once made this script think nothing ran, try a second stack, and stop the user's in its cleanup.
STACK_STATUS=$(./kiroku status) || true  # exit 1 = not (entirely) up: the lines say which parts run
if grep -q '^gateway: running' <<<"$STACK_STATUS"; then
  say "Using the running local stack (./kiroku status: gateway running)."
  say "  note: its gateway keeps the rate limits it was started with; 429s fail the run."
elif grep -q ': running' <<<"$STACK_STATUS"; then
  die "part of the local stack is running without the gateway (./kiroku status); ./kiroku down first"
else
  say "Starting the local stack (./kiroku up --detach; stopped again at the end) ..."
  STARTED=1
  mkdir -p .kiroku/logs
  if ! ./kiroku up --detach >.kiroku/logs/bench-stack-up.log 2>&1; then
    tail -n 30 .kiroku/logs/bench-stack-up.log >&2
    # refused before starting anything (another stack or program holds the ports): nothing of ours to stop
    grep -qE 'already running|is in use by another program' .kiroku/logs/bench-stack-up.log && STARTED=0
    die "./kiroku up failed (.kiroku/logs/bench-stack-up.log)"
  fi
fi
FLOOR_PID_FILE=.kiroku/run/nginx-floor/nginx.pid
FLOOR_LABEL=
if [[ $FLOOR == nginx ]]; then
  if [[ -f $FLOOR_PID_FILE ]] && kill -0 "$(cat "$FLOOR_PID_FILE")" 2>/dev/null; then
    say "Using the running nginx floor ($FLOOR_URL; left running)."
  else
    say "Starting the nginx floor (bench/gateway/nginx-floor.sh; stopped again at the end) ..."
    "$HERE/nginx-floor.sh" start >/dev/null || die "the nginx floor did not start (bench/gateway/nginx-floor.sh start)"
    FLOOR_STARTED=1
  fi
  FLOOR_LABEL="$("$(command -v nginx || echo /usr/sbin/nginx)" -v 2>&1 | sed -E 's|.*nginx/([0-9.]+).*|nginx \1|') (bare proxy: no token check, no policies, no rate limit, no access log)"
fi
side_url() { case $1 in direct) echo "$DIRECT_URL" ;; floor) echo "$FLOOR_URL" ;; *) echo "$GATEWAY_URL" ;; esac; }
for side in "${SIDES[@]}"; do
  url=$(side_url "$side")
  curl -sf -o /dev/null "$url/q/health/ready" || die "$url/q/health/ready is not ready"
done

# --- tokens ----------------------------------------------------------------------------------------------------
token() { # curl -d arguments of a token request
  local answer
  answer=$(curl -s "$@" "$TOKEN_URL") || die "Keycloak token endpoint not reachable ($TOKEN_URL)"
  [[ $answer == *'"access_token":"'* ]] || die "no access token from Keycloak: $answer"
  sed -E 's/.*"access_token":"([^"]+)".*/\1/' <<<"$answer"
}
fresh_tokens() { # tokens live 300 s (realm accessTokenLifespan) and the services allow no grace: one set per wrk run
  BENCH_OFFICER_TOKEN=$(token -d grant_type=password -d client_id=kiroku-dev-cli -d username=officer \
      -d password=officer-dev-only)
  BENCH_CRM_TOKEN=$(token -d grant_type=client_credentials -d client_id=demo-crm -d client_secret=demo-crm-dev-only-secret)
  export BENCH_OFFICER_TOKEN BENCH_CRM_TOKEN
}
fresh_tokens

# --- seed: SEED_GROUPS published groups named "Kiroku bench group N", created once, reused by later runs ---------
TODAY=$(TZ=Asia/Tokyo date +%F)
api() { # method path [body] -> prints "<status>\n<body>" (direct to joint-use, officer token)
  local method=$1 path=$2 body=${3:-}
  local args=(-s -X "$method" -H "Authorization: Bearer $BENCH_OFFICER_TOKEN" -H 'Accept: application/json'
              -w '\n%{http_code}')
  [[ -n $body ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  curl "${args[@]}" "$DIRECT_URL$path"
}
status_of() { tail -n 1 <<<"$1"; }
body_of() { sed '$d' <<<"$1"; }

group_body() {
  local n=$1
  cat <<JSON
{"name":"Kiroku bench group $n","dataItems":["お名前","ご住所","E-Mailアドレス","電話番号"],
 "purposes":["サービスの提供のため","お問い合わせへの対応のため"],
 "scope":{"description":"当社グループ各社（ベンチマーク用）","members":[
   {"name":"ベンチ子会社${n}株式会社","address":"東京都千代田区丸の内${n}-1-1","representative":"代表取締役 佐藤 一郎","country":"JP","corporateNumber":"901000100000${n}"},
   {"name":"ベンチ販売${n}株式会社","address":"大阪府大阪市北区梅田${n}-2-2","country":"JP"},
   {"name":"Bench Subsidiary ${n} Pte. Ltd.","address":"${n} Bench Street, Singapore","country":"SG"}]},
 "responsibleParty":{"name":"ベンチ親会社株式会社","address":"東京都千代田区丸の内1-1-1","representative":"代表取締役社長 山田 太郎","corporateNumber":"9010001000000"}}
JSON
}

seed() {
  local listing status ids=() n id answer
  answer=$(api GET '/api/v1/joint-use-groups?limit=500')
  [[ $(status_of "$answer") == 200 ]] || die "listing groups failed: $answer"
  listing=$(body_of "$answer")
  for ((n = 1; n <= SEED_GROUPS; n++)); do
    id=$(grep -oE "\"id\":\"[0-9a-f-]{36}\",\"status\":\"PUBLISHED\",\"definition\":\\{\"name\":\"Kiroku bench group $n\"" \
         <<<"$listing" | head -n 1 | sed -E 's/^"id":"([^"]+)".*/\1/' || true)
    if [[ -z $id ]]; then
      id=$(grep -oE "\"id\":\"[0-9a-f-]{36}\",\"status\":\"DRAFT\",\"definition\":\\{\"name\":\"Kiroku bench group $n\"" \
           <<<"$listing" | head -n 1 | sed -E 's/^"id":"([^"]+)".*/\1/' || true)
      if [[ -z $id ]]; then
        answer=$(api POST /api/v1/joint-use-groups "$(group_body "$n")")
        [[ $(status_of "$answer") == 201 ]] || die "creating bench group $n failed: $answer"
        id=$(body_of "$answer" | sed -E 's/^\{"id":"([^"]+)".*/\1/')
      fi
      answer=$(api POST "/api/v1/joint-use-groups/$id/publication" "{\"effectiveFrom\":\"$TODAY\"}")
      [[ $(status_of "$answer") == 201 ]] || die "publishing bench group $n failed: $answer"
      say "  seeded: Kiroku bench group $n ($id), published effective $TODAY"
    fi
    ids+=("$id")
  done
  BENCH_GROUP_IDS=$(IFS=,; echo "${ids[*]}")
}
say "Seeding joint-use data (once; later runs reuse it) ..."
seed
export BENCH_GROUP_IDS BENCH_DATE=$TODAY
export BENCH_MEMBER_NAME="ベンチ子会社1株式会社" BENCH_MEMBER_CORP="9010001000002"

# --- preflight: every request of the mix answers 2xx on both sides ------------------------------------------------
preflight() {
  local base=$1 first=${BENCH_GROUP_IDS%%,*} code checks
  local -a gets=("/api/v1/joint-use/caller" "/api/v1/joint-use-groups?limit=20" "/api/v1/joint-use-groups/$first")
  for p in "${gets[@]}"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $BENCH_OFFICER_TOKEN" "$base$p")
    [[ $code == 200 ]] || die "preflight: GET $base$p answered $code"
  done
  code=$(curl -s -o /dev/null -w '%{http_code}' "$base/public/v1/joint-use-notices")
  [[ $code == 200 ]] || die "preflight: GET $base/public/v1/joint-use-notices answered $code"
  checks=$(curl -s -H "Authorization: Bearer $BENCH_CRM_TOKEN" -H 'Content-Type: application/json' \
      --data-binary "{\"counterpartyName\":\"$BENCH_MEMBER_NAME\",\"items\":[\"お名前\"],\"date\":\"$TODAY\"}" \
      -w '\n%{http_code}' "$base/api/v1/joint-use-checks")
  [[ $(status_of "$checks") == 200 && $checks == *'"jointUser":true'* ]] \
    || die "preflight: POST $base/api/v1/joint-use-checks answered: $checks"
}
for side in "${SIDES[@]}"; do preflight "$(side_url "$side")"; done
say "Preflight: every request of the mix answers 200 on every side (${SIDES[*]})."

# --- CPU accounting: CPU time of each component's process session during each round --------------------------------
HZ=$(getconf CLK_TCK)
RUNDIR=.kiroku/run/stack
GATEWAY_PID_FILE=${BENCH_GATEWAY_PID_FILE:-$RUNDIR/gateway.pid}
[[ -f $GATEWAY_PID_FILE ]] || die "no pid file $GATEWAY_PID_FILE for the proxy measured as the gateway"
pid_file() { # component -> its pid file (the session leader whose processes are counted)
  case $1 in gateway) echo "$GATEWAY_PID_FILE" ;; floor) echo "$FLOOR_PID_FILE" ;; *) echo "$RUNDIR/$1.pid" ;; esac
}
COMPONENTS=(gateway floor joint-use postgres keycloak)
# (a process that exits between the glob and the read makes cat fail: tolerated, or pipefail would end the run)
session_ticks() { # sid -> utime+stime ticks of every live process in that session
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v sid="$1" '{ sub(/^.*\) /, ""); if ($4 == sid) t += $12 + $13 } END { print t + 0 }'
}
machine_ticks() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6 }' /proc/stat; }
postgres_ticks() { # the postmaster (with its exited children) and its live backends; each backend has its own session
  local pm
  pm=$(head -n 1 .kiroku/data/postgres/postmaster.pid 2>/dev/null || echo 0)
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v pm="$pm" '{ pid = $1; sub(/^.*\) /, "")
      if (pid == pm) t += $12 + $13 + $14 + $15; else if ($2 == pm) t += $12 + $13 } END { print t + 0 }'
}
jit_ticks() { # CPU of the JIT compiler threads (C1/C2) of the gateway and joint-use: shows whether warm-up was enough
  local c pids=()
  for c in gateway joint-use; do [[ -f $(pid_file $c) ]] && pids+=("$(cat "$(pid_file $c)")"); done
  ((${#pids[@]} > 0)) || { echo 0; return; }
  for c in "${pids[@]}"; do cat /proc/"$c"/task/[0-9]*/stat 2>/dev/null || true; done \
    | awk '/\((C1|C2) CompilerThre/ { sub(/^.*\) /, ""); t += $12 + $13 } END { print t + 0 }'
}
cpu_snapshot() { # -> "gateway floor joint-use postgres keycloak busy total jit" ticks
  local c out=()
  for c in "${COMPONENTS[@]}"; do
    if [[ $c == postgres ]]; then out+=("$(postgres_ticks)")
    elif [[ -f $(pid_file $c) ]]; then out+=("$(session_ticks "$(cat "$(pid_file $c)")")"); else out+=(0); fi
  done
  echo "${out[*]} $(machine_ticks) $(jit_ticks)"
}

pin_all() { # gateway-cpus rest-cpus: every thread of the stack's processes (PostgreSQL: postmaster and backends)
  local gw=$1 rest=$2 c pid pm
  for c in provision-records joint-use breach-reporting keycloak; do
    [[ -f $RUNDIR/$c.pid ]] && taskset -a -p -c "$rest" "$(cat "$RUNDIR/$c.pid")" >/dev/null 2>&1 || true
  done
  pm=$(head -n 1 .kiroku/data/postgres/postmaster.pid 2>/dev/null || true)
  if [[ -n $pm ]]; then
    for pid in "$pm" $(cat /proc/[0-9]*/stat 2>/dev/null | awk -v pm="$pm" '{ pid = $1; sub(/^.*\) /, ""); if ($2 == pm) print pid }'); do
      taskset -a -p -c "$rest" "$pid" >/dev/null 2>&1 || true
    done
  fi
  local f
  for f in "$GATEWAY_PID_FILE" "$FLOOR_PID_FILE"; do # every process of each proxy's session (nginx: master and worker)
    [[ -f $f ]] || continue
    for pid in $(cat /proc/[0-9]*/stat 2>/dev/null | awk -v sid="$(cat "$f")" '{ pid = $1; sub(/^.*\) /, ""); if ($4 == sid) print pid }'); do
      taskset -a -p -c "$gw" "$pid" >/dev/null 2>&1 || true
    done
  done
}

# --- measurement -------------------------------------------------------------------------------------------------
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
WORK=$(mktemp -d)
mkdir -p "$HERE/results"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

run_wrk() { # threads connections seconds url tag -> prints the BENCH line; $WORK/<tag>.{line,hist,cpu}
  local threads=$1 connections=$2 seconds=$3 url=$4 tag=$5 out
  fresh_tokens
  cpu_snapshot >"$WORK/$tag.cpu"
  out=$(BENCH_HIST="$WORK/$tag.hist" "${WRK_PREFIX[@]}" wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s \
        -s "$HERE/mix.lua" "$url" 2>&1) || { say "$out" >&2; die "wrk failed ($tag)"; }
  cpu_snapshot >>"$WORK/$tag.cpu"
  grep '^BENCH ' <<<"$out" >"$WORK/$tag.line" || { say "$out" >&2; die "wrk printed no BENCH line ($tag)"; }
  sed -E 's/^BENCH //' "$WORK/$tag.line"
}

round_order() { # round -> the sides in this round's order, rotated by one each round (D F G, F G D, G D F; two sides:
  # D G, G D), so that over the rounds each side runs in each position and drift (JIT, GC, page cache, other work on
  # the machine) falls on all sides alike
  local r=$1 n=${#SIDES[@]} i out=()
  for ((i = 0; i < n; i++)); do out+=("${SIDES[$(((i + r - 1) % n))]}"); done
  echo "${out[*]}"
}
phase() { # name threads connections seconds rounds
  local name=$1 threads=$2 connections=$3 seconds=$4 rounds=$5 r side
  say "Phase $name: $rounds rounds × ${seconds}s per side, wrk -t$threads -c$connections ..."
  for ((r = 1; r <= rounds; r++)); do
    for side in $(round_order "$r"); do
      say "  $name round $r $(printf '%-7s' "$side") $(run_wrk "$threads" "$connections" "$seconds" "$(side_url "$side")" "$name-$side-$r")"
    done
  done
}

WRK_PREFIX=(env)
PLACEMENT=shared
if [[ $PIN == 1 ]]; then
  (($(nproc) >= 2)) || die "BENCH_PIN_GATEWAY=1 needs at least 2 CPUs"
  command -v taskset >/dev/null 2>&1 || die "no 'taskset' on PATH (apt-get install util-linux)"
  GW_CPUS=$(($(nproc) - 1)); REST_CPUS=0-$(($(nproc) - 2))
  PINNED=1
  pin_all "$GW_CPUS" "$REST_CPUS"
  WRK_PREFIX=(taskset -c "$REST_CPUS")
  PLACEMENT="pinned: gateway on CPU $GW_CPUS; joint-use, postgres, keycloak, wrk on CPU $REST_CPUS"
  say "Pinned: the gateway on CPU $GW_CPUS alone; joint-use, PostgreSQL, Keycloak and wrk on CPU $REST_CPUS."
fi

# Warm-up: 10 s slices, every side in turn, at least WARMUP s per side and until the JIT compilers of
# gateway and joint-use used under 5% of one CPU in both sides' last slices (at most WARMUP_MAX s per side): on two
# shared cores C2 needs a while, and compiling during a measured round would be charged to that side.
jit_ms() { # tag -> JIT compiler CPU ms during that wrk run
  awk -v hz="$HZ" 'NR == 1 { a = $8 } NR == 2 { b = $8 } END { printf "%d", (b - a) * 1000 / hz }' "$WORK/$1.cpu"
}
say "Warm-up: at least ${WARMUP}s per side, until JIT compiling settles (at most ${WARMUP_MAX}s per side), not measured ..."
slice=0; warm=0
while :; do
  slice=$((slice + 1))
  for side in "${SIDES[@]}"; do run_wrk "$THREADS" "$CONNECTIONS" 10 "$(side_url "$side")" "warmup-$side-$slice" >/dev/null; done
  warm=$((warm + 10))
  jd=$(jit_ms "warmup-direct-$slice"); jg=$(jit_ms "warmup-gateway-$slice")
  say "  ${warm}s per side: JIT compiling ${jd} ms (direct slice), ${jg} ms (gateway slice)"
  if ((warm >= WARMUP && jd < 500 && jg < 500)); then break; fi
  if ((warm >= WARMUP_MAX)); then say "  JIT still busy after ${WARMUP_MAX}s per side; measuring anyway (see the JIT column)"; break; fi
done
phase loaded "$THREADS" "$CONNECTIONS" "$DURATION" "$ROUNDS"
if ((LIGHT_ROUNDS > 0)); then phase light 1 1 "$LIGHT_DURATION" "$LIGHT_ROUNDS"; fi

COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- . ':!bench' 2>/dev/null || COMMIT="$COMMIT+dirty"
cat >"$WORK/meta.properties" <<PROPS
timestamp=$STAMP
commit=$COMMIT
cores=$(nproc)
kernel=$(uname -r)
cpuModel=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
loadAverageBefore=$LOAD_BEFORE
loadAverageAfter=$(cut -d' ' -f1-3 /proc/loadavg)
clockTicksPerSecond=$HZ
directUrl=$DIRECT_URL
gatewayUrl=$GATEWAY_URL
floorUrl=$FLOOR_URL
floorLabel=$FLOOR_LABEL
sides=$(IFS=,; echo "${SIDES[*]}")
threads=$THREADS
connections=$CONNECTIONS
roundSeconds=$DURATION
rounds=$ROUNDS
lightRoundSeconds=$LIGHT_DURATION
lightRounds=$LIGHT_ROUNDS
warmupSeconds=$warm
seededGroups=$SEED_GROUPS
placement=$PLACEMENT
gatewayLabel=$GATEWAY_LABEL
targetThroughputRatio=$TARGET_RATIO
targetP50DeltaMs=$TARGET_P50_MS
targetCpuRatio=$TARGET_CPU
PROPS

RESULT=$HERE/results/$STAMP.json
set +e
java "$HERE/Report.java" "$WORK" "$RESULT"
rc=$?
set -e
rm -rf "$WORK"
[[ -f $RESULT ]] && cp "$RESULT" "$HERE/results/latest.json" && say "Results: ${RESULT#$ROOT/} (copied to ${HERE#$ROOT/}/results/latest.json)"
case $rc in
  0) ;;
  1) die "non-2xx responses or socket errors: the run is not valid" ;;
  2) if [[ $ENFORCE == 1 ]]; then say "bench: a target was missed (BENCH_ENFORCE_TARGETS=1)" >&2; exit 3; fi ;;
  *) die "Report.java failed ($rc)" ;;
esac
exit 0
