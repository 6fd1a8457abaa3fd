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
#   BENCH_DISCLOSURES [2000] measured disclosure requests (after 300 warm-up ones; 0 skips them)
#   BENCH_ROUNDS [3] alternating raw-JDBC/API rounds (0 skips the ingest comparison); BENCH_EXPORT [1; 0 skips]
#   BENCH_WARMUP_BATCHES [300] batches sent before anything is measured (the JIT-compiled steady state)
#   BENCH_DISCLOSURE_PHASE [1; 0 = only the ingest rounds and the checkpoint lag]
#   BENCH_DERIVATION [1; 0 skips] breach-reporting's affected-person derivation over counterparty 0's subjects
#   BENCH_DERIVATION_SUBJECTS [100000] the period (ending today) widens by 30 days until it holds this many subjects
#   BENCH_BREACH_API [http://127.0.0.1:8083] breach-reporting, where the derivation job is started
#   BENCH_ENFORCE_TARGETS [0; 1 = exit 3 when a target is missed]
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"

say() { printf '%s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

command -v curl >/dev/null 2>&1 || die "no 'curl' on PATH"
command -v java >/dev/null 2>&1 || die "no 'java' on PATH"

# shellcheck source=../lib/stack.sh
source "$ROOT/bench/lib/stack.sh"
cleanup() {
  local rc=$?
  cleanup_stack
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM
ensure_stack

DRIVER=$(ls provision-records/target/quarkus-app/lib/main/org.postgresql.postgresql-*.jar 2>/dev/null | head -n 1)
[[ -n $DRIVER ]] || die "no PostgreSQL driver in provision-records/target/quarkus-app: build first (./mvnw -DskipTests package)"

PID=$(cat .kiroku/run/stack/provision-records.pid 2>/dev/null || true)
rss() { [[ -n $PID ]] && awk '/VmRSS/ {print $2 " kB"}' "/proc/$PID/status" 2>/dev/null || echo "n/a"; }
say "provision-records RSS before: $(rss)"
# where the CPU goes in each measured ingest side (the service, PostgreSQL, this client, the rest): from /proc
BENCH_SERVICE_PID=${PID:-} BENCH_CLK_TCK=$(getconf CLK_TCK) BENCH_PG_DATA=${BENCH_PG_DATA:-.kiroku/data/postgres} \
  java -Xmx1g -cp "$DRIVER" "$HERE/Bench.java"
say "provision-records RSS after:  $(rss)"
