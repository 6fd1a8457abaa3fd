#!/usr/bin/env bash
# provision-records benchmark: REST batch ingest vs raw batched JDBC into a table of the same shape and indexes (one
# run, the same PostgreSQL), disclosure latency for one subject with >= 1,000,000 records, and a streamed export.
# See README.md beside this file.
#
#   bench/provision-records/run.sh      (from the repository root; uses a running ./kiroku stack or starts one)
#
# Knobs (environment), defaults in brackets:
#   BENCH_EVENTS [200000]   events in the measured ingest (and rows in the raw-JDBC floor)
#   BENCH_BATCH [1000]      events per API batch = rows per JDBC batch
#   BENCH_SENDERS [2]       concurrent API senders = concurrent JDBC connections
#   BENCH_TOTAL_RECORDS [1000000]  records loaded (through the API) before disclosures are measured
#   BENCH_SUBJECTS [200000] distinct subjects (about TOTAL/SUBJECTS records each)
#   BENCH_DISCLOSURES [2000] measured disclosure requests (after 300 warm-up ones)
#   BENCH_ROUNDS [3] alternating raw-JDBC/API rounds (0 skips the ingest comparison); BENCH_EXPORT [1; 0 skips]
#   BENCH_WARMUP_BATCHES [100] batches sent before anything is measured (the JIT-compiled steady state)
#   BENCH_ENFORCE_TARGETS [0; 1 = exit 3 when a target is missed]
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"

say() { printf '%s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

command -v curl >/dev/null 2>&1 || die "no 'curl' on PATH"
command -v java >/dev/null 2>&1 || die "no 'java' on PATH"

STARTED=0
cleanup() {
  local rc=$?
  if [[ $STARTED == 1 ]]; then say "Stopping the stack this run started ..."; ./kiroku down >/dev/null || true; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Read the status once, then match it: `./kiroku status | grep -q` under pipefail fails when grep stops reading early
# (SIGPIPE), which once made this script think nothing ran, try a second stack, and stop the user's in its cleanup.
STACK_STATUS=$(./kiroku status) || die "./kiroku status failed"
if grep -q '^provision-records: running' <<<"$STACK_STATUS"; then
  say "Using the running local stack (./kiroku status: provision-records running)."
elif grep -q ': running' <<<"$STACK_STATUS"; then
  die "part of the local stack is running without provision-records (./kiroku status); ./kiroku down first"
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
curl -sf -o /dev/null http://127.0.0.1:8081/q/health/ready || die "provision-records is not ready on :8081"

DRIVER=$(ls provision-records/target/quarkus-app/lib/main/org.postgresql.postgresql-*.jar 2>/dev/null | head -n 1)
[[ -n $DRIVER ]] || die "no PostgreSQL driver in provision-records/target/quarkus-app: build first (./mvnw -DskipTests package)"

PID=$(cat .kiroku/run/stack/provision-records.pid 2>/dev/null || true)
rss() { [[ -n $PID ]] && awk '/VmRSS/ {print $2 " kB"}' "/proc/$PID/status" 2>/dev/null || echo "n/a"; }
say "provision-records RSS before: $(rss)"
java -Xmx1g -cp "$DRIVER" "$HERE/Bench.java"
say "provision-records RSS after:  $(rss)"
